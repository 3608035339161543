package content_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/readability"
)

// maxWSTF4 is the plain-language target for German lessons (4th Wiener Sachtextformel; see
// internal/readability for the counting rules).
const maxWSTF4 = 10.0

// TestShippedGermanLessonsAreInPlainLanguage measures every German lesson of the newest published
// version of each shipped course, prints the figures and fails above the target.
func TestShippedGermanLessonsAreInPlainLanguage(t *testing.T) {
	cat, report, err := content.Load("../../courses")
	if err != nil {
		t.Fatal(err)
	}
	if len(report.Problems) > 0 {
		t.Fatalf("shipped courses have problems: %v", report.Problems)
	}
	lessons, sum, worst := 0, 0.0, 0.0
	for _, course := range cat.Courses() {
		v := course.Latest()
		if v.Manifest.Language != "de" {
			continue
		}
		for _, m := range v.Modules {
			data, err := os.ReadFile(filepath.Join(v.Dir, "modules", m.Folder, "lesson.md"))
			if err != nil {
				t.Fatal(err)
			}
			s := readability.Measure(readability.LessonBlocks(string(data)))
			lessons++
			sum += s.WSTF4
			worst = max(worst, s.WSTF4)
			t.Logf("%-60s words %4d sentences %3d WSTF4 %4.1f", v.CourseID+"/"+v.Version+"/"+m.Folder, s.Words, s.Sentences, s.WSTF4)
			if s.Words < 300 {
				t.Errorf("%s/%s: only %d words measured; the lesson text was not found", v.CourseID, m.Folder, s.Words)
			}
			if s.WSTF4 > maxWSTF4 {
				t.Errorf("%s/%s/%s: WSTF4 %.1f is above %.0f; shorten sentences and long words", v.CourseID, v.Version, m.Folder, s.WSTF4, maxWSTF4)
			}
		}
	}
	if lessons == 0 {
		t.Fatal("no German lesson measured")
	}
	t.Logf("German lessons %d: WSTF4 mean %.1f, max %.1f", lessons, sum/float64(lessons), worst)
}
