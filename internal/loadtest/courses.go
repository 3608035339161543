package loadtest

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/ailit/ailit/internal/content/contenttest"
)

// Bench course: Modules modules, each with a short lesson and a quiz of three single-choice
// questions whose correct option is "a", unlimited attempts and no waiting time, so a learner can
// submit graded attempts again and again.
const (
	BenchCourse  = "lasttest"
	BenchVersion = "1.0.0"
	BenchModules = 10
)

// BenchModule is the id of module i (0-based) of the bench course.
func BenchModule(i int) string { return fmt.Sprintf("modul-%02d", i+1) }

// ModulePath is the lesson page of module i of the bench course.
func ModulePath(i int) string {
	return "/courses/" + BenchCourse + "/v/" + BenchVersion + "/m/" + BenchModule(i)
}

// QuizPath is the quiz page of module i of the bench course.
func QuizPath(i int) string { return ModulePath(i) + "/quiz" }

// CorrectAnswers is the form that answers every question of the quiz of module i correctly
// (question ids must be unique within a course, so they carry the module number).
func CorrectAnswers(i int) map[string][]string {
	form := map[string][]string{}
	for q := 1; q <= 3; q++ {
		form[fmt.Sprintf("q-m%02df%d", i+1, q)] = []string{"a"}
	}
	return form
}

var benchCourseYAML = contenttest.Manifest{ID: "lasttest", Title: "Lasttest", Summary: "Ein Kurs für Last- und Absturztests.", Minutes: 30}.YAML()

const benchLesson = `---
title: Modul %d
duration_minutes: 3
---

Ein kurzer Text über **KI-Kompetenz** in der Verwaltung, mit einer Liste:

- Chancen erkennen
- Grenzen kennen
- Ergebnisse prüfen

## Quellen

1. Verordnung (EU) 2024/1689, Art. 4.
`

const benchQuiz = `pass_percent: 60
attempts: 0
wait_minutes: 0
time_limit_minutes: 0
shuffle: true
review:
  show: [correctness, feedback]
  when: immediately
questions:
  - id: m%02df1
    type: single
    text: Wer muss für KI-Kompetenz sorgen?
    options:
      - {id: a, text: Betreiber und Anbieter, correct: true}
      - {id: b, text: Niemand}
  - id: m%02df2
    type: single
    text: Sind KI-Ergebnisse immer richtig?
    options:
      - {id: a, text: Nein, correct: true}
      - {id: b, text: Ja}
  - id: m%02df3
    type: single
    text: Was hilft gegen Fehler?
    options:
      - {id: a, text: Ergebnisse prüfen, correct: true}
      - {id: b, text: Blind vertrauen}
`

// WriteCourses fills dir with the example courses of internal/content/testdata and the bench course.
func WriteCourses(dir string) error {
	src := filepath.Join(RepoRoot(), "internal", "content", "testdata", "courses")
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		return fmt.Errorf("copying example courses: %w", err)
	}
	files := map[string]string{filepath.Join(BenchCourse, BenchVersion, "course.yaml"): benchCourseYAML}
	for i := range BenchModules {
		m := filepath.Join(BenchCourse, BenchVersion, "modules", fmt.Sprintf("%02d-%s", i+1, BenchModule(i)))
		files[filepath.Join(m, "lesson.md")] = fmt.Sprintf(benchLesson, i+1)
		files[filepath.Join(m, "quiz.yaml")] = fmt.Sprintf(benchQuiz, i+1, i+1, i+1)
	}
	for name, body := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			return err
		}
	}
	return nil
}
