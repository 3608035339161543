package crashtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/loadtest"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/store/storetest"
)

// TestTwoInstancesOnOnePostgreSQLShareSessions runs two servers on the same PostgreSQL schema
// and session key, as behind a load balancer: a login on A works on B, including its CSRF token,
// and "log out everywhere" on B ends the sessions on A.
func TestTwoInstancesOnOnePostgreSQLShareSessions(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and starts the real binary twice; skipped with -short")
	}
	base := storetest.PostgresURL()
	if base == "" {
		t.Skip("needs AILIT_TEST_DATABASE_URL (set by .ci/run)")
	}
	ctx := context.Background()
	dir := t.TempDir()
	bin, err := loadtest.Build(dir)
	if err != nil {
		t.Fatal(err)
	}
	key := make([]byte, 32)
	_, _ = rand.Read(key)
	dbURL := storetest.NewPostgresSchema(t, base)
	emails, err := loadtest.SeedLearners(ctx, dbURL, 1, loadtest.Password) // also migrates, before both start
	if err != nil {
		t.Fatal(err)
	}
	start := func(name string) *loadtest.Server {
		cfg := loadtest.ServerConfig{Binary: bin, DataDir: dir + "/" + name, CoursesDir: dir + "/courses",
			DatabaseURL: dbURL, SessionKey: hex.EncodeToString(key)}
		srv, err := loadtest.Start(cfg)
		if err != nil {
			t.Fatalf("starting instance %s: %v", name, err)
		}
		t.Cleanup(func() { _ = srv.Stop() })
		return srv
	}
	if err := loadtest.WriteCourses(dir + "/courses"); err != nil {
		t.Fatal(err)
	}
	a, b := start("a"), start("b")

	browser := loadtest.NewClient(a.URL)
	if err := browser.Login(emails[0], loadtest.Password); err != nil {
		t.Fatal(err)
	}
	other := loadtest.NewClient(a.URL) // the same person logged in in a second browser, on A
	if err := other.Login(emails[0], loadtest.Password); err != nil {
		t.Fatal(err)
	}
	stolen := copyCookies(t, browser, a.URL) // a copy of the first browser's session cookie, used on A
	if r, err := stolen.Get("/account"); err != nil || r.Status != http.StatusOK {
		t.Fatalf("the copied session does not work on A before the logout: %v %+v", err, r)
	}

	// The next request goes to B, with A's session cookie and the CSRF token of A's last page.
	browser.Base = b.URL
	if _, err := browser.PostSeeOther("/courses/"+loadtest.BenchCourse+"/enroll", nil); err != nil {
		t.Fatalf("a state-changing POST on B with the session and CSRF token from A: %v", err)
	}
	checkEnrolled(t, dbURL, emails[0])

	loc, err := browser.PostSeeOther("/account/sessions/revoke", nil)
	if err != nil || !strings.HasPrefix(loc, "/login") {
		t.Fatalf("log out everywhere on B: %v, redirected to %q", err, loc)
	}
	for name, c := range map[string]*loadtest.Client{"the copied session cookie": stolen, "the second browser": other} {
		r, err := c.Get("/account")
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/login") {
			t.Errorf("after logging out everywhere on B, %s still opens /account on A: status %d, location %q", name, r.Status, r.Location)
		}
	}
}

// copyCookies returns a new client for base that holds the cookies c holds for base.
func copyCookies(t *testing.T, c *loadtest.Client, base string) *loadtest.Client {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	jar, _ := cookiejar.New(nil)
	jar.SetCookies(u, c.HTTP.Jar.Cookies(u))
	cp := loadtest.NewClient(base)
	cp.HTTP.Jar = jar
	return cp
}

func checkEnrolled(t *testing.T, dbURL, email string) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dbURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	u, err := db.UserByEmail(ctx, email)
	if err != nil {
		t.Fatal(err)
	}
	if e, err := db.EnrollmentOf(ctx, u.ID, loadtest.BenchCourse); err != nil || e == nil {
		t.Errorf("the enrollment made on B is not stored: %v", err)
	}
}
