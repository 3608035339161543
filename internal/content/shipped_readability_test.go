package content_test

import (
	"testing"

	"github.com/ailit/ailit/internal/readability"
)

// maxWSTF4 is the plain-language target for German lessons (4th Wiener Sachtextformel; see
// internal/readability for the counting rules).
const maxWSTF4 = 10.0

// TestShippedGermanLessonsAreInPlainLanguage measures every German lesson of the newest published
// version of each shipped course, prints the figures and fails above the target.
func TestShippedGermanLessonsAreInPlainLanguage(t *testing.T) {
	cat := shippedCatalog(t)
	lessons, sum, worst := 0, 0.0, 0.0
	for _, l := range newestLessons(t, cat) {
		if l.Version.Manifest.Language != "de" {
			continue
		}
		s := readability.Measure(readability.LessonBlocks(l.Text))
		lessons++
		sum += s.WSTF4
		worst = max(worst, s.WSTF4)
		t.Logf("%-66s words %4d sentences %3d WSTF4 %4.1f", l.Name(), s.Words, s.Sentences, s.WSTF4)
		if s.Words < 300 {
			t.Errorf("%s: only %d words measured; the lesson text was not found", l.Name(), s.Words)
		}
		if s.WSTF4 > maxWSTF4 {
			t.Errorf("%s: WSTF4 %.1f is above %.0f; shorten sentences and long words", l.Name(), s.WSTF4, maxWSTF4)
		}
	}
	if lessons == 0 {
		t.Fatal("no German lesson measured")
	}
	t.Logf("German lessons %d: WSTF4 mean %.1f, max %.1f", lessons, sum/float64(lessons), worst)
}
