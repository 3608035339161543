package web_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/demo"
	"github.com/ailit/ailit/internal/web/webtest"
)

// dashboardOrg is a demo organisation (shipped courses, 5 assignments a person) in a running app,
// with a manager of its root unit and an admin, both logged in.
type dashboardOrg struct {
	manager, admin *webtest.Client
	people         int
}

func seedDashboardOrg(b *testing.B, people, units int) *dashboardOrg {
	b.Helper()
	env := webtest.New(b, webtest.Options{CoursesDir: filepath.Join(webtest.RepoRoot(b), "courses")})
	ctx := context.Background()
	res, err := demo.Seed(ctx, env.Store, env.Library, demo.Options{Users: people, Units: units, Seed: 7})
	if err != nil {
		b.Fatal(err)
	}
	mgr := env.CreateUser(b, "leitung@bench.example", pw, "manager")
	if err := env.Store.AddManagerUnit(ctx, mgr.ID, res.Units[0]); err != nil {
		b.Fatal(err)
	}
	env.CreateUser(b, "admin@bench.example", pw, "admin")
	o := &dashboardOrg{manager: env.Client(b), admin: env.Client(b), people: people}
	o.manager.Login("leitung@bench.example", pw)
	o.admin.Login("admin@bench.example", pw)
	return o
}

// benchDashboardPage times GET /reports/dashboard over HTTP (the real app, handler to HTML) and
// reports the size of the page.
func benchDashboardPage(b *testing.B, c *webtest.Client) {
	var size int
	for b.Loop() {
		r := c.Get("/reports/dashboard")
		if r.Status != http.StatusOK || !strings.Contains(r.Body, "report-totals") {
			b.Fatalf("status %d\n%.2000s", r.Status, r.Body)
		}
		size = len(r.Body)
	}
	b.ReportMetric(float64(size), "html-bytes")
}

// BenchmarkDashboardPage is the manager dashboard page of a unit tree of 10,000 people (100
// units) as its manager and as admin. With AILIT_BENCH_LARGE=1 (and without -short) it also seeds
// an organisation of 100,000 people in 1,004 units (several minutes) and opens it as admin.
func BenchmarkDashboardPage(b *testing.B) {
	small := seedDashboardOrg(b, 10_000, 100)
	b.Run("manager-10k", func(b *testing.B) { benchDashboardPage(b, small.manager) })
	b.Run("admin-10k", func(b *testing.B) { benchDashboardPage(b, small.admin) })
	if testing.Short() || os.Getenv("AILIT_BENCH_LARGE") != "1" {
		return
	}
	large := seedDashboardOrg(b, 100_000, 1_004)
	b.Run("admin-100k-1004units", func(b *testing.B) { benchDashboardPage(b, large.admin) })
}
