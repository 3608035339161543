package web_test

import (
	"net/http"
	"testing"

	"github.com/ailit/ailit/internal/web/webtest"
)

// The lesson and course pages of an enrolled learner, through the whole app (session, progress,
// rendering), as the load test opens them; run with -benchmem to see the allocations per page.
func BenchmarkLessonPage(b *testing.B) {
	benchmarkPage(b, "/courses/ki-grundlagen/v/1.1.0/m/was-ist-ki")
}

func BenchmarkCoursePage(b *testing.B) {
	benchmarkPage(b, "/courses/ki-grundlagen")
}

func benchmarkPage(b *testing.B, path string) {
	env := webtest.New(b)
	env.CreateUser(b, "leser@stadt.example", pw, "learner")
	c := env.Client(b)
	c.Login("leser@stadt.example", pw)
	c.Post("/courses/ki-grundlagen/enroll", nil)
	b.ReportAllocs()
	for b.Loop() {
		if r := c.Get(path); r.Status != http.StatusOK {
			b.Fatalf("status %d", r.Status)
		}
	}
}
