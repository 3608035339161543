package web_test

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/web/webtest"
)

// BenchmarkDashboard50Enrollments measures GET / for a learner enrolled in 50 courses, one lesson
// read in each (target: ≤ 5 ms server time).
func BenchmarkDashboard50Enrollments(b *testing.B) {
	dir := b.TempDir()
	src := filepath.Join(webtest.RepoRoot(b), "internal", "content", "testdata", "courses", "ki-grundlagen", "1.0.0")
	for i := range 50 {
		id := fmt.Sprintf("kurs-%02d", i)
		versionDir := filepath.Join(dir, id, "1.0.0")
		if err := os.CopyFS(versionDir, os.DirFS(src)); err != nil {
			b.Fatal(err)
		}
		yaml, _ := os.ReadFile(filepath.Join(versionDir, "course.yaml"))
		fixed := strings.Replace(string(yaml), "id: ki-grundlagen", "id: "+id, 1)
		if err := os.WriteFile(filepath.Join(versionDir, "course.yaml"), []byte(fixed), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	env := webtest.New(b, webtest.Options{CoursesDir: dir})
	if ps := env.Library.Report().Problems; len(ps) > 0 {
		b.Fatalf("bench courses: %v", ps)
	}
	env.CreateUser(b, "viel@stadt.example", pw, "learner")
	c := env.Client(b)
	c.Login("viel@stadt.example", pw)
	for i := range 50 {
		course := fmt.Sprintf("/courses/kurs-%02d", i)
		c.Post(course+"/enroll", nil)
		c.Post(course+"/v/1.0.0/m/was-ist-ki/done", nil)
	}
	if r := c.Get("/"); r.Status != http.StatusOK || strings.Count(r.Body, "<progress") != 51 {
		b.Fatalf("dashboard: %d, %d progress bars", r.Status, strings.Count(r.Body, "<progress"))
	}
	b.ResetTimer()
	for b.Loop() {
		c.Get("/")
	}
}

// BenchmarkLessonDone measures POST …/done including the completion check in the same transaction.
func BenchmarkLessonDone(b *testing.B) {
	env := webtest.New(b)
	env.CreateUser(b, "leser@stadt.example", pw, "learner")
	c := env.Client(b)
	c.Login("leser@stadt.example", pw)
	c.Post("/courses/ki-grundlagen/enroll", nil)
	for b.Loop() {
		if r := c.Post("/courses/ki-grundlagen/v/1.1.0/m/chancen-und-grenzen/done", nil); r.Status != http.StatusSeeOther {
			b.Fatalf("status %d", r.Status)
		}
	}
}
