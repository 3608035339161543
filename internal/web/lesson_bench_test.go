package web_test

import (
	"net/http"
	"testing"

	"github.com/ailit/ailit/internal/web/webtest"
)

// BenchmarkLessonPage measures GET of the first lesson of the example course for an enrolled,
// logged-in learner: the page the load test measures, here in process and with allocations, so
// the cost of loading the session and the user shows next to the page's own work.
func BenchmarkLessonPage(b *testing.B) {
	env := webtest.New(b)
	env.CreateUser(b, "leser@stadt.example", pw, "learner")
	c := env.Client(b)
	c.Login("leser@stadt.example", pw)
	c.Post("/courses/ki-grundlagen/enroll", nil)
	const lesson = "/courses/ki-grundlagen/v/1.1.0/m/was-ist-ki"
	if r := c.Get(lesson); r.Status != http.StatusOK {
		b.Fatalf("lesson page: %d", r.Status)
	}
	b.ReportAllocs()
	for b.Loop() {
		c.Get(lesson)
	}
}
