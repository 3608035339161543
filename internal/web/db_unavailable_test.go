package web_test

import (
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/store/storetest"
	"github.com/ailit/ailit/internal/web/webtest"
)

// mustBeUnavailable checks what a person sees while the database is away: 503 with Retry-After
// and a message that says what happened to this request, never that something was saved.
func mustBeUnavailable(t *testing.T, r *webtest.Response, want string) {
	t.Helper()
	if r.Status != http.StatusServiceUnavailable || r.Header.Get("Retry-After") != "30" {
		t.Fatalf("status %d, Retry-After %q; want 503 with Retry-After 30\n%s", r.Status, r.Header.Get("Retry-After"), r.Body)
	}
	if !strings.Contains(r.Body, want) {
		t.Errorf("the page does not say %q:\n%s", want, r.Body)
	}
	if strings.Contains(r.Body, "Eingaben sind gespeichert") {
		t.Error("the page claims that the input is saved")
	}
}

func TestLessonMarkWhileWritesFailIsNotClaimedAsSavedAndReadinessFails(t *testing.T) {
	t.Parallel()
	env, c, _ := progressEnv(t)
	if env.Store.Dialect == store.Postgres {
		t.Skip("writes are switched off with SQLite's query_only; PostgreSQL going away is TestPagesAndFormsWhilePostgreSQLIsStoppedAnswer503")
	}
	clock := &quizClock{now: time.Now().UTC()}
	env.Store.Clock = clock
	mustRedirect(t, c.Post(lernpfad+"/enroll", nil), lernpfad)
	c.Get(lernpfad + "/v/1.0.0/m/was-ist-ki")
	probe := env.Client(t)
	if r := probe.Get("/readyz"); r.Status != http.StatusOK {
		t.Fatalf("readyz before: %d", r.Status)
	}
	// The writer is SQLite's one write connection: query_only makes every write fail as it does
	// on a read-only or full disk, while reads go on.
	env.Store.TestWriter().Exec("PRAGMA query_only = ON")
	r := c.Post(lernpfad+"/v/1.0.0/m/was-ist-ki/done", nil)
	mustBeUnavailable(t, r, "Ihre letzte Aktion wurde NICHT gespeichert")
	if r := probe.Get("/readyz"); r.Status != http.StatusServiceUnavailable {
		t.Errorf("readyz while writes fail: %d, want 503", r.Status)
	}
	clock.Add(11 * time.Second) // past the failure: the probe itself still finds writes failing
	if r := probe.Get("/readyz"); r.Status != http.StatusServiceUnavailable || r.Body != "database refuses writes" {
		t.Errorf("readyz while writes fail, probed: %d %q, want 503", r.Status, r.Body)
	}
	env.Store.TestWriter().Exec("PRAGMA query_only = OFF")
	clock.Add(11 * time.Second)
	if r := probe.Get("/readyz"); r.Status != http.StatusOK {
		t.Errorf("readyz after writes work again: %d, want 200", r.Status)
	}
	// It really was not saved: the lesson is still to do, and marking it now works.
	mustRedirect(t, c.Post(lernpfad+"/v/1.0.0/m/was-ist-ki/done", nil), lernpfad+"/v/1.0.0/m/chancen-und-grenzen")
}

// stoppableProxy forwards TCP to the PostgreSQL server until Stop, which closes every connection
// and the port: for the app, the database server is gone.
type stoppableProxy struct {
	ln    net.Listener
	mu    sync.Mutex
	conns []net.Conn
}

func startProxy(t *testing.T, target string) *stoppableProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &stoppableProxy{ln: ln}
	go func() {
		for {
			in, err := ln.Accept()
			if err != nil {
				return
			}
			out, err := net.Dial("tcp", target)
			if err != nil {
				in.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, in, out)
			p.mu.Unlock()
			go func() { _, _ = io.Copy(out, in); out.Close() }()
			go func() { _, _ = io.Copy(in, out); in.Close() }()
		}
	}()
	t.Cleanup(p.Stop)
	return p
}

func (p *stoppableProxy) Stop() {
	p.ln.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

func TestPagesAndFormsWhilePostgreSQLIsStoppedAnswer503(t *testing.T) {
	t.Parallel()
	if storetest.PostgresURL() == "" {
		t.Skip("needs AILIT_TEST_DATABASE_URL")
	}
	var proxy *stoppableProxy
	env := webtest.New(t, webtest.Options{Postgres: true, DatabaseURL: func(raw string) string {
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		proxy = startProxy(t, u.Host)
		u.Host = proxy.ln.Addr().String()
		q := u.Query()
		q.Set("connect_timeout", "2")
		u.RawQuery = q.Encode()
		return u.String()
	}})
	env.CreateUser(t, "lea@stadt.example", pw, "learner")
	c := env.Client(t)
	c.Login("lea@stadt.example", pw)
	c.Get("/courses/ki-grundlagen")
	proxy.Stop()
	mustBeUnavailable(t, c.Post("/courses/ki-grundlagen/enroll", nil), "Ihre letzte Aktion wurde NICHT gespeichert")
	mustBeUnavailable(t, c.Get("/courses"), "Es wurde nichts verändert")
	if r := env.Client(t).Get("/readyz"); r.Status != http.StatusServiceUnavailable {
		t.Errorf("readyz with PostgreSQL stopped: %d, want 503", r.Status)
	}
}

func TestQuizSubmitWhileWritesFailIsNotClaimedAsSubmitted(t *testing.T) {
	t.Parallel()
	env, c, _ := quizEnv(t, "")
	if env.Store.Dialect == store.Postgres {
		t.Skip("writes are switched off with SQLite's query_only; PostgreSQL going away is TestPagesAndFormsWhilePostgreSQLIsStoppedAnswer503")
	}
	d := quizDefinition(t, env, "ki-grundlagen", "1.1.0", "was-ist-ki")
	id, path := startAttempt(t, c, exampleQuiz)
	form := answerForm(t, d, parseQuizForm(t, c.Get(path).Body), true)
	form.Set("next", "confirm")
	if r := c.Post(path+"/save", form); r.Status != http.StatusSeeOther {
		t.Fatalf("save: %d", r.Status)
	}
	c.Get(path + "/confirm")
	env.Store.TestWriter().Exec("PRAGMA query_only = ON")
	mustBeUnavailable(t, c.Post(path+"/submit", nil), "Ihre letzte Aktion wurde NICHT gespeichert")
	env.Store.TestWriter().Exec("PRAGMA query_only = OFF")
	if at := storedAttempt(t, env, id); at.Status == store.AttemptSubmitted {
		t.Fatal("the attempt counts as submitted although the page said it was not")
	}
	// Sent again once the database takes writes: it is submitted.
	if r := c.Post(path+"/submit", nil); r.Status != http.StatusSeeOther || r.Location() != path+"/result" {
		t.Fatalf("submit again: %d %q", r.Status, r.Location())
	}
}
