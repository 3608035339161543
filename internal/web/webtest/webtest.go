// Package webtest starts the real web app on a real, empty, migrated database for handler tests,
// with a client that keeps cookies and sends the CSRF token of the last page, as a browser does.
package webtest

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/auth"
	"github.com/ailit/ailit/internal/config"
	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/store/storetest"
	"github.com/ailit/ailit/internal/web"
)

// Env is one running app with its database.
type Env struct {
	App     *web.App
	Store   *store.Store
	Library *content.Library
	Config  config.Config
	// DatabaseURL opens the same database again (a SQLite file or a PostgreSQL URL), e.g. to
	// simulate a restart.
	DatabaseURL string
}

// Options change the environment; the zero value is a SQLite database and the example courses of
// internal/content/testdata.
type Options struct {
	CoursesDir string               // default: internal/content/testdata/courses
	Postgres   bool                 // use the PostgreSQL test server (skips when not configured)
	Configure  func(*config.Config) // adjust the configuration before the app is built
	// DatabaseURL rewrites the database URL before it is opened, e.g. to go through a proxy the
	// test can stop to take the database away.
	DatabaseURL func(string) string
	Log         *slog.Logger // the app's request and error log (default: discarded)
}

// New starts an app for a test.
func New(t testing.TB, opts ...Options) *Env {
	t.Helper()
	var o Options
	if len(opts) > 0 {
		o = opts[0]
	}
	cfg := config.Defaults()
	cfg.DataDir = t.TempDir()
	cfg.SessionKey = make([]byte, 64)
	cfg.CoursesDir = o.CoursesDir
	if cfg.CoursesDir == "" {
		cfg.CoursesDir = filepath.Join(RepoRoot(t), "internal", "content", "testdata", "courses")
	}
	if o.Configure != nil {
		o.Configure(&cfg)
	}
	auth.UseCheapHashesInTests()
	var dbURL string
	if o.Postgres || os.Getenv("AILIT_TEST_DIALECT") == "postgres" {
		base := storetest.PostgresURL()
		if base == "" {
			t.Skip("PostgreSQL tests need AILIT_TEST_DATABASE_URL (set by .ci/run)")
		}
		dbURL = storetest.NewPostgresSchema(t, base)
	} else {
		dbURL = storetest.NewSQLiteFile(t)
	}
	if o.DatabaseURL != nil {
		dbURL = o.DatabaseURL(dbURL)
	}
	return start(t, cfg, dbURL, o.Log)
}

// start opens the database at dbURL and builds an app on it.
func start(t testing.TB, cfg config.Config, dbURL string, log *slog.Logger) *Env {
	t.Helper()
	db := storetest.OpenURL(t, dbURL)
	lib := content.NewLibrary(cfg.CoursesDir, db, slog.New(slog.DiscardHandler))
	// The kept copies of published versions are named by their content hash and written by an
	// atomic rename, so every test of every run can share one folder: only the first test copies
	// the example courses (the copy was a quarter of the handler tests' time).
	lib.KeepPublished(filepath.Join(os.TempDir(), "ailit-test-published"))
	if _, err := lib.Reload(); err != nil {
		t.Fatalf("loading courses: %v", err)
	}
	app, err := web.New(web.Deps{Config: cfg, Store: db, Library: lib, Version: "test", Log: log})
	if err != nil {
		t.Fatalf("building app: %v", err)
	}
	return &Env{App: app, Store: db, Library: lib, Config: cfg, DatabaseURL: dbURL}
}

// SecondInstance starts another app on the same database with the same configuration and
// session key, as a second ailit instance behind a load balancer: its own store, pools and caches.
func (e *Env) SecondInstance(t testing.TB) *Env {
	t.Helper()
	return start(t, e.Config, e.DatabaseURL, nil)
}

// RepoRoot is the repository's top folder.
func RepoRoot(t testing.TB) string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot locate repository")
	}
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", "..", ".."))
}

// CreateUser adds an active user with a password and roles.
func (e *Env) CreateUser(t testing.TB, email, password string, roles ...string) *store.User {
	t.Helper()
	hash, err := auth.HashPassword(password)
	if err != nil {
		t.Fatal(err)
	}
	u := &store.User{Email: email, DisplayName: strings.Split(email, "@")[0], PasswordHash: hash, Active: true}
	if err := e.Store.CreateUser(context.Background(), u, roles); err != nil {
		t.Fatal(err)
	}
	return u
}

// Client is a browser stand-in: it keeps cookies and the CSRF token of the last HTML page.
type Client struct {
	t       testing.TB
	env     *Env
	cookies map[string]string
	CSRF    string
	// Header is added to every request (e.g. Accept-Language).
	Header http.Header
}

// Client returns a new client without cookies.
func (e *Env) Client(t testing.TB) *Client {
	return &Client{t: t, env: e, cookies: map[string]string{}, Header: http.Header{"Accept-Language": {"de"}}}
}

// Response is what came back.
type Response struct {
	Status int
	Header http.Header
	Body   string
}

// Location returns the redirect target.
func (r *Response) Location() string { return r.Header.Get("Location") }

var csrfField = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// Do sends a request and records cookies and the page's CSRF token.
func (c *Client) Do(req *http.Request) *Response {
	c.t.Helper()
	for k, vs := range c.Header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	for name, value := range c.cookies {
		req.AddCookie(&http.Cookie{Name: name, Value: value})
	}
	resp, err := c.env.App.Fiber().Test(req, -1)
	if err != nil {
		c.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	for _, ck := range resp.Cookies() {
		if ck.MaxAge < 0 || ck.Value == "" {
			delete(c.cookies, ck.Name)
		} else {
			c.cookies[ck.Name] = ck.Value
		}
	}
	if m := csrfField.FindSubmatch(body); m != nil {
		c.CSRF = string(m[1])
	}
	return &Response{Status: resp.StatusCode, Header: resp.Header, Body: string(body)}
}

// Get requests a page.
func (c *Client) Get(path string) *Response {
	c.t.Helper()
	return c.Do(httptest.NewRequest(http.MethodGet, path, nil))
}

// Post sends a form with the CSRF token of the last page (unless the form has its own _csrf).
func (c *Client) Post(path string, form url.Values) *Response {
	c.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if _, ok := form["_csrf"]; !ok && c.CSRF != "" {
		form.Set("_csrf", c.CSRF)
	}
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.Do(req)
}

// Login opens the login page and logs in; it fails the test unless the login succeeds.
func (c *Client) Login(email, password string) {
	c.t.Helper()
	c.Get("/login")
	r := c.Post("/login", url.Values{"email": {email}, "password": {password}})
	if r.Status != http.StatusSeeOther {
		c.t.Fatalf("login as %s: status %d, want 303\n%s", email, r.Status, r.Body)
	}
	c.Get("/account") // the login renewed the session's CSRF token: pick up the new one
}

// Via returns a client that sends its requests to the app of env and shares this client's
// cookies: the same browser, its next request answered by another instance.
func (c *Client) Via(env *Env) *Client {
	return &Client{t: c.t, env: env, cookies: c.cookies, CSRF: c.CSRF, Header: c.Header}
}

// Cookie returns the value of a cookie the client holds.
func (c *Client) Cookie(name string) string { return c.cookies[name] }

// SetCookie sets a cookie, e.g. to replay a stolen session.
func (c *Client) SetCookie(name, value string) { c.cookies[name] = value }
