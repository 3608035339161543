package content_test

import (
	"slices"
	"testing"

	"github.com/ailit/ailit/internal/content"
)

// Every shipped German course has an English translation that asks the same of a learner: the
// same audiences and minutes, the same number of modules and of questions per module, so an
// international colleague who takes it is trained to the same measure (issue 20).
func TestEveryShippedGermanCourseHasAnEnglishTranslationOfTheSameShape(t *testing.T) {
	cat := shippedCatalog(t)
	originals := 0
	for _, course := range cat.Courses() {
		de := course.Latest()
		m := de.Manifest
		if m.Language != "de" || m.TranslationOf != "" || slices.ContainsFunc(de.Modules, func(mod *content.Module) bool { return mod.Package != nil }) {
			continue // the SCORM example is a package, not a lesson course
		}
		originals++
		en := cat.InLanguage(course.ID, "en")
		if en == nil {
			t.Errorf("%s has no English translation", course.ID)
			continue
		}
		tr := en.Latest()
		t.Logf("%-28s %s  ->  %-30s %s", course.ID, de.Version, en.ID, tr.Version)
		if !slices.Equal(tr.Manifest.Audiences, m.Audiences) || tr.Manifest.DurationMinutes != m.DurationMinutes {
			t.Errorf("%s: audiences %v, %d minutes; the original %s has %v, %d minutes", en.ID, tr.Manifest.Audiences,
				tr.Manifest.DurationMinutes, course.ID, m.Audiences, m.DurationMinutes)
		}
		if len(tr.Modules) != len(de.Modules) {
			t.Errorf("%s has %d modules, %s has %d", en.ID, len(tr.Modules), course.ID, len(de.Modules))
			continue
		}
		for i, mod := range de.Modules {
			if questions(mod) != questions(tr.Modules[i]) {
				t.Errorf("%s module %d has %d questions, %s has %d", en.ID, i+1, questions(tr.Modules[i]), course.ID, questions(mod))
			}
		}
	}
	if originals < 7 {
		t.Errorf("only %d German originals found; the shipped curriculum has 7", originals)
	}
}

func questions(m *content.Module) int {
	if m.Quiz == nil {
		return 0
	}
	return len(m.Quiz.Questions)
}
