package content

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// addTranslation adds ai-basics/1.1.0, an English copy of the example's ki-grundlagen 1.1.0 that
// names it with translation_of.
func addTranslation(t *testing.T, dir string) {
	t.Helper()
	if err := copyDir(dir, "ki-grundlagen/1.1.0", "ai-basics/1.1.0"); err != nil {
		t.Fatal(err)
	}
	editFile(t, dir, "ai-basics/1.1.0/course.yaml", "id: ki-grundlagen", "id: ai-basics")
	editFile(t, dir, "ai-basics/1.1.0/course.yaml", "language: de", "language: en\ntranslation_of: ki-grundlagen")
}

func TestTranslationOfTheExampleCourseLoadsAsOneFamily(t *testing.T) {
	dir := copyCourses(t)
	addTranslation(t, dir)
	cat, report, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(report.Problems) > 0 {
		t.Fatalf("problems: %v", report.Problems)
	}
	for _, id := range []string{"ki-grundlagen", "ai-basics"} {
		if got := strings.Join(cat.FamilyIDs(id), ","); got != "ki-grundlagen,ai-basics" {
			t.Errorf("family of %s = %s, want ki-grundlagen,ai-basics", id, got)
		}
		if got := cat.FamilyRoot(id); got != "ki-grundlagen" {
			t.Errorf("root of %s = %s", id, got)
		}
	}
	if c := cat.InLanguage("ki-grundlagen", "en"); c == nil || c.ID != "ai-basics" {
		t.Errorf("English course of ki-grundlagen = %v, want ai-basics", c)
	}
	if c := cat.InLanguage("ai-basics", "de"); c == nil || c.ID != "ki-grundlagen" {
		t.Errorf("German course of ai-basics = %v, want ki-grundlagen", c)
	}
	if got := strings.Join(cat.FamilyIDs("kein-kurs"), ","); got != "kein-kurs" {
		t.Errorf("family of an unknown course = %s", got)
	}
}

func TestCoursesListNamesTheOriginalOfATranslation(t *testing.T) {
	dir := copyCourses(t)
	addTranslation(t, dir)
	var out bytes.Buffer
	ListCommand(&out, dir)
	if want := "ai-basics      1.1.0    published  KI-Grundlagen für alle Beschäftigten (translation of ki-grundlagen)\n"; !strings.Contains(out.String(), want) {
		t.Errorf("courses list:\n%s\nwant a line\n%s", out.String(), want)
	}
}

// Each case breaks the link of a valid translation and expects exactly these problems.
func TestValidatorChecksTheTranslationLinkWithPosition(t *testing.T) {
	const tr = "ai-basics/1.1.0/course.yaml"
	tests := []struct {
		name    string
		breakIt func(t *testing.T, dir string)
		want    []string
	}{
		{"target does not exist", func(t *testing.T, dir string) {
			editFile(t, dir, tr, "translation_of: ki-grundlagen", "translation_of: ki-grundlage")
		}, []string{
			tr + ":8:17: translation_of names \"ki-grundlage\", but there is no course folder \"ki-grundlage\"",
		}},
		{"target names itself", func(t *testing.T, dir string) {
			editFile(t, dir, tr, "translation_of: ki-grundlagen", "translation_of: ai-basics")
		}, []string{
			tr + ":8:17: translation_of names the course itself; name the course this one translates",
		}},
		{"target is not an id", func(t *testing.T, dir string) {
			editFile(t, dir, tr, "translation_of: ki-grundlagen", "translation_of: KI Grundlagen")
		}, []string{
			tr + ":8:17: translation_of \"KI Grundlagen\" must be a course id (lowercase letters, digits and single hyphens)",
			tr + ":8:17: translation_of names \"KI Grundlagen\", but there is no course folder \"KI Grundlagen\"",
		}},
		{"target does not load", func(t *testing.T, dir string) {
			editFile(t, dir, "ki-grundlagen/1.0.0/course.yaml", "level: L1", "level: L9")
			editFile(t, dir, "ki-grundlagen/1.1.0/course.yaml", "level: L1", "level: L9")
		}, []string{
			tr + ":8:17: translation_of names \"ki-grundlagen\", but no version of \"ki-grundlagen\" loads; fix that course first",
			"ki-grundlagen/1.0.0/course.yaml:8:8: level \"L9\" must be one of: L1, L2, L3",
			"ki-grundlagen/1.1.0/course.yaml:9:8: level \"L9\" must be one of: L1, L2, L3",
		}},
		{"same language, level, competences, validity and rule differ", func(t *testing.T, dir string) {
			editFile(t, dir, tr, "language: en", "language: de")
			editFile(t, dir, tr, "level: L1", "level: L2")
			editFile(t, dir, tr, "[KA-GRUND, KA-KRIT]", "[KA-GRUND, KA-SICHER]")
			editFile(t, dir, tr, "validity_months: 24", "validity_months: 12")
			editFile(t, dir, tr, "quizzes: [was-ist-ki]", "quizzes: none")
		}, []string{
			tr + ":7:11: language de is the language of ki-grundlagen 1.1.0; a translation must be in another language",
			tr + ":10:8: level L2 differs from level L1 of ki-grundlagen 1.1.0; a translation must have the same level",
			tr + ":11:14: competences [KA-GRUND, KA-SICHER] differ from [KA-GRUND, KA-KRIT] of ki-grundlagen 1.1.0; a translation must cover the same competences",
			tr + ":22:18: validity_months 12 differs from 24 of ki-grundlagen 1.1.0; a translation must stay valid as long",
			tr + ":24:10: the completion rule (all 3 modules, no quizzes) differs from that of ki-grundlagen 1.1.0 (all 3 modules, 1 listed quizzes); a translation must ask the same of learners",
		}},
		{"a module fewer than the original", func(t *testing.T, dir string) {
			if err := os.RemoveAll(filepath.Join(dir, "ai-basics/1.1.0/modules/03-ki-im-buergerbuero")); err != nil {
				t.Fatal(err)
			}
		}, []string{
			tr + ":24:10: the completion rule (all 2 modules, 1 listed quizzes) differs from that of ki-grundlagen 1.1.0 (all 3 modules, 1 listed quizzes); a translation must ask the same of learners",
		}},
		{"chain: the target is itself a translation", func(t *testing.T, dir string) {
			if err := copyDir(dir, "ai-basics/1.1.0", "ki-basics-fr/1.1.0"); err != nil {
				t.Fatal(err)
			}
			editFile(t, dir, "ki-basics-fr/1.1.0/course.yaml", "id: ai-basics", "id: ki-basics-fr")
			editFile(t, dir, "ki-basics-fr/1.1.0/course.yaml", "translation_of: ki-grundlagen", "translation_of: ai-basics")
		}, []string{
			"ki-basics-fr/1.1.0/course.yaml:8:17: \"ai-basics\" is itself a translation of \"ki-grundlagen\"; name the original course \"ki-grundlagen\" (a family has one original)",
		}},
		{"cycle: two courses name each other", func(t *testing.T, dir string) {
			editFile(t, dir, "ki-grundlagen/1.1.0/course.yaml", "language: de", "language: de\ntranslation_of: ai-basics")
		}, []string{
			"ai-basics/1.1.0/course.yaml:8:17: \"ki-grundlagen\" is itself a translation of \"ai-basics\"; name the original course \"ai-basics\" (a family has one original)",
			"ki-grundlagen/1.1.0/course.yaml:8:17: \"ai-basics\" is itself a translation of \"ki-grundlagen\"; name the original course \"ki-grundlagen\" (a family has one original)",
		}},
		{"second translation into the same language", func(t *testing.T, dir string) {
			if err := copyDir(dir, "ai-basics/1.1.0", "ai-basics-2/1.1.0"); err != nil {
				t.Fatal(err)
			}
			editFile(t, dir, "ai-basics-2/1.1.0/course.yaml", "id: ai-basics", "id: ai-basics-2")
		}, []string{
			"ai-basics-2/1.1.0/course.yaml:8:17: \"ki-grundlagen\" already has a translation in en: \"ai-basics\"; a course has at most one translation per language",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyCourses(t)
			addTranslation(t, dir)
			tt.breakIt(t, dir)
			got := problemStrings(t, dir)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
