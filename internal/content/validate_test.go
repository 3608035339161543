package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExampleCourseIsValid(t *testing.T) {
	if ps := problemStrings(t, "testdata/courses"); len(ps) > 0 {
		t.Fatalf("the example course has problems:\n%s", strings.Join(ps, "\n"))
	}
}

// Each case breaks one thing in a copy of the valid example course and expects exactly these
// problems, as a trainer would read them.
func TestValidatorReportsEachRuleWithPosition(t *testing.T) {
	const v10, v11 = "ki-grundlagen/1.0.0/", "ki-grundlagen/1.1.0/"
	const lesson1, quiz1 = "modules/01-was-ist-ki/lesson.md", "modules/01-was-ist-ki/quiz.yaml"
	tests := []struct {
		name    string
		breakIt func(t *testing.T, dir string)
		want    []string
	}{
		{"unknown field in course.yaml", func(t *testing.T, dir string) {
			editFile(t, dir, v10+"course.yaml", "summary:", "sumary:")
		}, []string{
			"ki-grundlagen/1.0.0/course.yaml:4:1: unknown field \"sumary\" (check the spelling; see docs/course-format.md for the allowed fields)",
		}},
		{"YAML syntax error", func(t *testing.T, dir string) {
			editFile(t, dir, v10+"course.yaml", "[KA-GRUND, KA-KRIT]", "[KA-GRUND, KA-KRIT")
		}, []string{
			"ki-grundlagen/1.0.0/course.yaml:10:1: ',' or ']' must be specified",
		}},
		{"text where a number belongs", func(t *testing.T, dir string) {
			editFile(t, dir, v10+"course.yaml", "duration_minutes: 30", "duration_minutes: dreißig")
		}, []string{
			"ki-grundlagen/1.0.0/course.yaml:7:19: expected a whole number here, found \"dreißig\"",
		}},
		{"missing required field", func(t *testing.T, dir string) {
			editFile(t, dir, v10+"course.yaml", "license: CC-BY-SA-4.0\n", "")
		}, []string{
			"ki-grundlagen/1.0.0/course.yaml:1:1: required field \"license\" is missing",
		}},
		{"id differs from the folder", func(t *testing.T, dir string) {
			editFile(t, dir, v10+"course.yaml", "id: ki-grundlagen", "id: ki-basis")
		}, []string{
			"ki-grundlagen/1.0.0/course.yaml:1:5: id \"ki-basis\" must equal the course folder name \"ki-grundlagen\"",
		}},
		{"version differs from the folder", func(t *testing.T, dir string) {
			editFile(t, dir, v10+"course.yaml", "version: 1.0.0", "version: 1.0.1")
		}, []string{
			"ki-grundlagen/1.0.0/CHANGELOG.md:1:1: CHANGELOG.md has no section for this version; add a heading \"## 1.0.1 (date)\" at the top",
			"ki-grundlagen/1.0.0/course.yaml:2:10: version \"1.0.1\" must equal the folder name \"1.0.0\"",
		}},
		{"version is not semantic", func(t *testing.T, dir string) {
			editFile(t, dir, v10+"course.yaml", "version: 1.0.0", "version: \"1.0\"")
		}, []string{
			"ki-grundlagen/1.0.0/CHANGELOG.md:1:1: CHANGELOG.md has no section for this version; add a heading \"## 1.0 (date)\" at the top",
			"ki-grundlagen/1.0.0/course.yaml:2:10: version \"1.0\" is not of the form MAJOR.MINOR.PATCH, for example 1.0.0",
			"ki-grundlagen/1.0.0/course.yaml:2:10: version \"1.0\" must equal the folder name \"1.0.0\"",
		}},
		{"version folder name is not a version", func(t *testing.T, dir string) {
			if err := os.Rename(filepath.Join(dir, v10), filepath.Join(dir, "ki-grundlagen/v1")); err != nil {
				t.Fatal(err)
			}
		}, []string{
			"ki-grundlagen/v1:0:0: a version folder must be named like 1.0.0 (MAJOR.MINOR.PATCH) or draft",
		}},
		{"unknown competence, audience, level and language", func(t *testing.T, dir string) {
			editFile(t, dir, v10+"course.yaml", "KA-KRIT]", "KA-KRITIK]")
			editFile(t, dir, v10+"course.yaml", "[alle]", "[alle, buerger]")
			editFile(t, dir, v10+"course.yaml", "level: L1", "level: L4")
			editFile(t, dir, v10+"course.yaml", "language: de", "language: fr")
		}, []string{
			"ki-grundlagen/1.0.0/course.yaml:6:11: language \"fr\" must be one of: de, en",
			"ki-grundlagen/1.0.0/course.yaml:8:8: level \"L4\" must be one of: L1, L2, L3",
			"ki-grundlagen/1.0.0/course.yaml:9:25: unknown competence code \"KA-KRITIK\"; allowed: KA-GRUND, KA-KRIT, KA-SICHER, KA-RECHT, KA-AUFSICHT, KA-ANWEND, KA-SYSTEM, KA-GESELL, KA-STEUER",
			"ki-grundlagen/1.0.0/course.yaml:10:19: unknown audience \"buerger\"; allowed: alle, anwendende, aufsicht, fuehrung, fachreferat, it, dsb-isb, extern",
		}},
		{"bad dates", func(t *testing.T, dir string) {
			editFile(t, dir, v10+"course.yaml", "review_due: 2027-05-01", "review_due: 01.05.2027")
			editFile(t, dir, v10+"course.yaml", "legal_status_as_of: 2026-11-01", "legal_status_as_of: 2026-13-01")
		}, []string{
			"ki-grundlagen/1.0.0/course.yaml:18:21: legal_status_as_of \"2026-13-01\" is not a date of the form 2026-11-01",
			"ki-grundlagen/1.0.0/course.yaml:19:13: review_due \"01.05.2027\" is not a date of the form 2027-05-01",
		}},
		{"completion names a missing module and a module without quiz", func(t *testing.T, dir string) {
			editFile(t, dir, v10+"course.yaml", "modules: all", "modules: [was-ist-ki, grenzen]")
			editFile(t, dir, v10+"course.yaml", "quizzes: [was-ist-ki]", "quizzes: [chancen-und-grenzen]")
		}, []string{
			"ki-grundlagen/1.0.0/course.yaml:22:25: completion.modules names module \"grenzen\", which does not exist; modules are: was-ist-ki, chancen-und-grenzen",
			"ki-grundlagen/1.0.0/course.yaml:23:13: completion.quizzes names \"chancen-und-grenzen\", which is not a module with a quiz; modules with a quiz are: was-ist-ki",
		}},
		{"lesson without front matter", func(t *testing.T, dir string) {
			editFile(t, dir, v10+lesson1, "---\ntitle: Was ist Künstliche Intelligenz?\nduration_minutes: 8\n---\n", "# Was ist KI?\n")
		}, []string{
			"ki-grundlagen/1.0.0/modules/01-was-ist-ki/lesson.md:1:1: the lesson must start with front matter: a line ---, title: and duration_minutes:, and a closing line ---",
		}},
		{"lesson front matter with unknown and missing fields", func(t *testing.T, dir string) {
			editFile(t, dir, v10+lesson1, "duration_minutes: 8", "dauer: 8")
		}, []string{
			"ki-grundlagen/1.0.0/modules/01-was-ist-ki/lesson.md:3:1: unknown field \"dauer\" (check the spelling; see docs/course-format.md for the allowed fields)",
		}},
		{"lesson front matter without duration", func(t *testing.T, dir string) {
			editFile(t, dir, v10+lesson1, "duration_minutes: 8\n", "")
		}, []string{
			"ki-grundlagen/1.0.0/modules/01-was-ist-ki/lesson.md:2:1: required field \"duration_minutes\" is missing",
		}},
		{"image file missing and image without alt text", func(t *testing.T, dir string) {
			editFile(t, dir, v10+lesson1, "(media/neuronales-netz.png)", "(media/netz.png)")
			editFile(t, dir, v10+lesson1, "| Begriff", "![](media/neuronales-netz.png)\n\n| Begriff")
		}, []string{
			"ki-grundlagen/1.0.0/modules/01-was-ist-ki/lesson.md:9:1: image media/netz.png points to modules/01-was-ist-ki/media/netz.png, which does not exist",
			"ki-grundlagen/1.0.0/modules/01-was-ist-ki/lesson.md:15:1: image media/neuronales-netz.png has no alt text: describe the picture in [ ], or write [-] for a decorative image",
		}},
		{"SVG image", func(t *testing.T, dir string) {
			writeFile(t, dir, v10+"modules/01-was-ist-ki/media/bild.svg", "<svg/>")
			editFile(t, dir, v10+lesson1, "(media/neuronales-netz.png)", "(media/bild.svg)")
		}, []string{
			"ki-grundlagen/1.0.0/modules/01-was-ist-ki/lesson.md:9:1: image media/bild.svg: files of type \".svg\" are not served; use PNG, JPEG, WebP, GIF, PDF, MP3, MP4, WebM or VTT",
		}},
		{"broken relative link and link leaving the version", func(t *testing.T, dir string) {
			editFile(t, dir, v10+lesson1, "(../02-chancen-und-grenzen/lesson.md)", "(../02-chancen/lesson.md)")
			editFile(t, dir, v10+lesson1, "## Quellen", "Siehe [alte Fassung](../../../0.9.0/course.yaml).\n\n## Quellen")
		}, []string{
			"ki-grundlagen/1.0.0/modules/01-was-ist-ki/lesson.md:20:20: link ../02-chancen/lesson.md points to modules/02-chancen/lesson.md, which does not exist",
			"ki-grundlagen/1.0.0/modules/01-was-ist-ki/lesson.md:22:7: link ../../../0.9.0/course.yaml leaves the version folder; link only to files inside it",
		}},
		{"raw HTML", func(t *testing.T, dir string) {
			editFile(t, dir, v10+lesson1, "## Quellen", "Ein <b>fetter</b> Satz.\n\n<div>Block</div>\n\n## Quellen")
		}, []string{
			"ki-grundlagen/1.0.0/modules/01-was-ist-ki/lesson.md:22:5: HTML is not allowed in lessons and would be removed from the page; use Markdown instead",
			"ki-grundlagen/1.0.0/modules/01-was-ist-ki/lesson.md:24:1: HTML is not allowed in lessons and would be removed from the page; use Markdown instead",
		}},
		{"unknown and unclosed callouts", func(t *testing.T, dir string) {
			editFile(t, dir, v10+lesson1, "::: merke", "::: hinweis")
			editFile(t, dir, v10+"modules/02-chancen-und-grenzen/lesson.md", "Zurück zu", "::: merke\nOffen\n\nZurück zu")
		}, []string{
			"ki-grundlagen/1.0.0/modules/01-was-ist-ki/lesson.md:11:1: unknown callout box \"hinweis\": use ::: merke, ::: achtung or ::: beispiel",
			"ki-grundlagen/1.0.0/modules/02-chancen-und-grenzen/lesson.md:18:1: the callout box ::: merke is not closed: add a line ::: after its content",
		}},
		{"invalid UTF-8 in a lesson", func(t *testing.T, dir string) {
			editFile(t, dir, v10+lesson1, "maschinengestütztes", "maschinengest\xfctztes")
		}, []string{
			"ki-grundlagen/1.0.0/modules/01-was-ist-ki/lesson.md:6:65: the file is not valid UTF-8 text; save it as UTF-8",
		}},
		{"duplicate module id and bad module folder name", func(t *testing.T, dir string) {
			if err := os.CopyFS(filepath.Join(dir, v10, "modules/03-was-ist-ki"), os.DirFS(filepath.Join(dir, v10, "modules/01-was-ist-ki"))); err != nil {
				t.Fatal(err)
			}
			writeFile(t, dir, v10+"modules/Modul 4/lesson.md", "")
		}, []string{
			"ki-grundlagen/1.0.0/modules/03-was-ist-ki:0:0: module id \"was-ist-ki\" is used twice (also by modules/01-was-ist-ki)",
			"ki-grundlagen/1.0.0/modules/Modul 4:0:0: a module folder must be named like 01-was-ist-ki: a number, a hyphen, then lowercase letters, digits and hyphens",
		}},
		{"single question with two correct options and draw above the pool", func(t *testing.T, dir string) {
			editFile(t, dir, v10+quiz1, "        text: Es befolgt nur", "        correct: true\n        text: Es befolgt nur")
			editFile(t, dir, v10+quiz1, "draw: 0", "draw: 9")
		}, []string{
			"ki-grundlagen/1.0.0/modules/01-was-ist-ki/quiz.yaml:5:7: draw is 9, but the quiz has only 7 questions",
			"ki-grundlagen/1.0.0/modules/01-was-ist-ki/quiz.yaml:15:7: a single question needs exactly one option with correct: true, it has 2",
		}},
		{"unknown field in quiz.yaml", func(t *testing.T, dir string) {
			editFile(t, dir, v10+quiz1, "    tolerance: 0", "    toleranz: 0")
		}, []string{
			"ki-grundlagen/1.0.0/modules/01-was-ist-ki/quiz.yaml:65:5: unknown field \"toleranz\" (check the spelling; see docs/course-format.md for the allowed fields)",
		}},
		{"question id used in two modules", func(t *testing.T, dir string) {
			editFile(t, dir, v11+"modules/03-ki-im-buergerbuero/quiz.yaml", "id: chatbot-kennzeichnen", "id: ki-fehlerfrei")
		}, []string{
			"ki-grundlagen/1.1.0/modules/03-ki-im-buergerbuero/quiz.yaml:3:9: question id \"ki-fehlerfrei\" is already used in module \"was-ist-ki\"; question ids must be unique within the course",
		}},
		{"change missing after a release", func(t *testing.T, dir string) {
			editFile(t, dir, v11+"course.yaml", "change: minor\n", "")
		}, []string{
			"ki-grundlagen/1.1.0/course.yaml:1:1: change is required because release 1.0.0 exists: add change: patch, minor or major",
		}},
		{"change contradicts the version number", func(t *testing.T, dir string) {
			editFile(t, dir, v11+"course.yaml", "change: minor", "change: major")
		}, []string{
			"ki-grundlagen/1.1.0/course.yaml:3:9: change is major, but the step from 1.0.0 to 1.1.0 is a minor release",
		}},
		{"patch that adds a module and changes a question", func(t *testing.T, dir string) {
			if err := os.Rename(filepath.Join(dir, v11), filepath.Join(dir, "ki-grundlagen/1.0.1")); err != nil {
				t.Fatal(err)
			}
			const v101 = "ki-grundlagen/1.0.1/"
			editFile(t, dir, v101+"course.yaml", "version: 1.1.0\nchange: minor", "version: 1.0.1\nchange: patch")
			editFile(t, dir, v101+"CHANGELOG.md", "## 1.1.0", "## 1.0.1")
			editFile(t, dir, v101+quiz1, "KI-Ergebnisse sind immer richtig.", "KI-Ergebnisse sind stets richtig.")
		}, []string{
			"ki-grundlagen/1.0.1/course.yaml:3:9: change is patch, but modules were added since 1.0.0: ki-im-buergerbuero; a patch may only fix wording, so use change: minor or major",
			"ki-grundlagen/1.0.1/course.yaml:3:9: change is patch, but quizzes were added since 1.0.0: ki-im-buergerbuero; a patch may only fix wording, so use change: minor or major",
			"ki-grundlagen/1.0.1/modules/01-was-ist-ki/quiz.yaml:35:9: question \"ki-fehlerfrei\" differs from version 1.0.0, but a patch must not change questions: restore it, or publish a minor release (and give a question with a new meaning a new id)",
			"ki-grundlagen/1.0.1/modules/03-ki-im-buergerbuero/quiz.yaml:3:9: question \"chatbot-kennzeichnen\" is new since 1.0.0, but a patch must not add questions; use change: minor",
		}},
		{"CHANGELOG without a section for the version", func(t *testing.T, dir string) {
			editFile(t, dir, v11+"CHANGELOG.md", "## 1.1.0 (2026-11-15)", "## 1.0.1 (2026-11-15)")
		}, []string{
			"ki-grundlagen/1.1.0/CHANGELOG.md:1:1: CHANGELOG.md has no section for this version; add a heading \"## 1.1.0 (date)\" at the top",
		}},
		{"symbolic link out of the version folder", func(t *testing.T, dir string) {
			if err := os.Symlink(filepath.Join(dir, v10, "course.yaml"), filepath.Join(dir, v11, "modules/01-was-ist-ki/media/geheim.png")); err != nil {
				t.Fatal(err)
			}
		}, []string{
			"ki-grundlagen/1.1.0/modules/01-was-ist-ki/media/geheim.png:0:0: symbolic link points outside the version folder; copy the file into the folder instead",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyCourses(t)
			tt.breakIt(t, dir)
			got := problemStrings(t, dir)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			// A restart that takes versions from the render cache reports the same problems.
			cache := &renderCache{dir: t.TempDir(), build: "test"}
			for range 2 {
				_, report, err := loadAll(dir, cache)
				if err != nil {
					t.Fatal(err)
				}
				var cached []string
				for _, p := range report.Problems {
					cached = append(cached, p.String())
				}
				if strings.Join(cached, "\n") != strings.Join(tt.want, "\n") {
					t.Errorf("with the render cache, problems:\n%s\nwant:\n%s", strings.Join(cached, "\n"), strings.Join(tt.want, "\n"))
				}
			}
		})
	}
}
