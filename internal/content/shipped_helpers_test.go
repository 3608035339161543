package content_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ailit/ailit/internal/content"
)

// shippedCatalog loads the courses shipped in the repository and fails when any has a problem.
func shippedCatalog(t *testing.T) *content.Catalog {
	t.Helper()
	cat, report, err := content.Load("../../courses")
	if err != nil {
		t.Fatal(err)
	}
	if len(report.Problems) > 0 {
		t.Fatalf("shipped courses have problems: %v", report.Problems)
	}
	return cat
}

// shippedLesson is the lesson.md of one module of the newest version of a shipped course.
type shippedLesson struct {
	Version *content.Version
	Module  *content.Module
	Text    string
}

// Name is course/version/module folder, for messages.
func (l shippedLesson) Name() string {
	return l.Version.CourseID + "/" + l.Version.Version + "/" + l.Module.Folder
}

// newestLessons returns the lessons of the newest published version of every shipped course.
func newestLessons(t *testing.T, cat *content.Catalog) []shippedLesson {
	t.Helper()
	var out []shippedLesson
	for _, course := range cat.Courses() {
		v := course.Latest()
		for _, m := range v.Modules {
			data, err := os.ReadFile(filepath.Join(v.Dir, "modules", m.Folder, "lesson.md"))
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, shippedLesson{v, m, string(data)})
		}
	}
	return out
}
