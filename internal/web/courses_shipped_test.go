package web_test

import (
	"net/http"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/ailit/ailit/internal/web/webtest"
)

var (
	moduleLink = regexp.MustCompile(`href="(/courses/[a-z0-9-]+/v/[0-9.]+/m/[a-z0-9-]+)"`)
	mediaLink  = regexp.MustCompile(`(?:src|href)="(/courses/[a-z0-9-]+/v/[0-9.]+/files/[^"]+)"`)
)

// TestShippedCoursesLoadWithoutProblemsAndEveryPageWorks walks the shipped courses/ folder as a
// learner would: catalog, every published version, every lesson and every file a lesson uses.
func TestShippedCoursesLoadWithoutProblemsAndEveryPageWorks(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(webtest.RepoRoot(t), "courses")
	env, c := loggedIn(t, dir, "admin")
	report := env.Library.Report()
	if len(report.Problems) > 0 {
		t.Fatalf("the shipped courses have problems: %v", report.Problems)
	}
	mustContain(t, "the admin course page", c.Get("/admin/courses").Body, "Keine Probleme")

	catalog := catalogIDs(c.Get("/courses").Body)
	courses := env.Library.Catalog().Courses()
	families := 0 // the catalog shows a course and its translations once
	for _, course := range courses {
		if env.Library.Catalog().FamilyRoot(course.ID) == course.ID {
			families++
		}
	}
	if len(catalog) != families || len(courses) == 0 {
		t.Fatalf("the catalog lists %v; %d course families are published", catalog, families)
	}
	seen := map[string]bool{}
	get := func(path string) string {
		if seen[path] {
			return ""
		}
		seen[path] = true
		r := c.Get(path)
		if r.Status != http.StatusOK {
			t.Errorf("%s: status %d", path, r.Status)
		}
		return r.Body
	}
	for _, course := range courses {
		for _, v := range course.Versions() {
			lessons := map[string]bool{}
			for _, m := range moduleLink.FindAllStringSubmatch(get(v.Base), -1) {
				lessons[m[1]] = true
			}
			if len(lessons) != len(v.Modules) {
				t.Errorf("%s links %d lessons, want %d", v.Base, len(lessons), len(v.Modules))
			}
			for path := range lessons {
				for _, f := range mediaLink.FindAllStringSubmatch(get(path), -1) {
					get(f[1]) // images and files the lesson uses (the shipped courses have none yet)
				}
			}
		}
	}
}
