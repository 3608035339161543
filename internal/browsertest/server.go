package browsertest

import (
	"context"
	"errors"
	"net"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/config"
	"github.com/ailit/ailit/internal/web/webtest"
)

// Options change the server; the zero value serves the repository's shipped courses/ folder on a
// fresh SQLite database.
type Options struct {
	CoursesDir string               // default: the shipped courses/ folder of the repository
	Configure  func(*config.Config) // adjust the configuration before the app is built
}

// Server is the real ailit app listening on a loopback port. Through the embedded webtest.Env a
// test sets up data directly, e.g. srv.CreateUser(t, email, password, store.RoleTrainer) or
// srv.Store for anything else.
type Server struct {
	*webtest.Env        // the app, its store and course library
	URL          string // base URL, http://127.0.0.1:PORT
}

// Start serves the app on a free loopback port until the test ends. It skips (or fails, see the
// package documentation) when Chromium or axe-core is missing, before doing any work.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	axeScript(t)
	browser(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listening on loopback: %v", err)
	}
	baseURL := "http://" + ln.Addr().String()
	courses := opts.CoursesDir
	if courses == "" {
		courses = filepath.Join(webtest.RepoRoot(t), "courses")
	}
	env := webtest.New(t, webtest.Options{
		CoursesDir: courses,
		Configure: func(c *config.Config) {
			c.BaseURL = baseURL
			if opts.Configure != nil {
				opts.Configure(c)
			}
		},
	})
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- env.App.Serve(ctx, ln, 5*time.Second) }()
	t.Cleanup(func() {
		stop()
		if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
			t.Errorf("server stopped with: %v", err)
		}
	})
	return &Server{Env: env, URL: baseURL}
}
