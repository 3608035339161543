package workspace

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ailit/ailit/internal/content"
)

// ErrCourseExists is a new course whose id is taken by a course folder.
var ErrCourseExists = errors.New("a course with this id exists already")

// NewCourseSpec is what the "new course" form asks for; everything else comes from the template.
type NewCourseSpec struct {
	ID          string
	Title       string
	Language    string // content.Languages
	Level       string // content.Levels
	Audiences   []string
	Competences []string
	Author      string    // the trainer, listed under authors
	Today       time.Time // legal status date; the review is due a year later
}

// NewCourse creates the draft folder of a new course from a template that passes the validator:
// one module with a short lesson and an example quiz, all texts in the course language. The
// template is validated on a stage first, so a bad spec (an unknown level, say) is refused with
// the validator's problems and nothing is written.
func (w *Workspace) NewCourse(spec NewCourseSpec) error {
	if !idPattern.MatchString(spec.ID) {
		return ErrBadName
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, err := os.Lstat(filepath.Join(w.Root, spec.ID)); err == nil {
		return ErrCourseExists
	}
	base := filepath.Join(w.Root, stageDir)
	if err := os.MkdirAll(base, 0o755); err != nil {
		return err
	}
	root, err := os.MkdirTemp(base, "stage-")
	if err != nil {
		return err
	}
	s := &stage{root: root, courseID: spec.ID}
	defer s.close()
	for rel, data := range courseTemplate(spec) {
		if err := writeAtomic(filepath.Join(s.dir(DraftFolder), filepath.FromSlash(rel)), data); err != nil {
			return err
		}
	}
	if err := s.valid(DraftFolder); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(w.Root, spec.ID), 0o755); err != nil {
		return err
	}
	return os.Rename(s.dir(DraftFolder), filepath.Join(w.Root, spec.ID, DraftFolder))
}

// templateTexts are the texts of the new-course template in one language.
type templateTexts struct {
	summary, module, lessonTitle, lesson, question, right, wrong, feedback, explanation, changelog string
}

var courseTemplateTexts = map[string]templateTexts{
	"de": {
		summary:     "Worum es in diesem Kurs geht, in ein bis zwei Sätzen.",
		module:      "01-einfuehrung",
		lessonTitle: "Einführung",
		lesson: "Schreiben Sie hier den Text des ersten Moduls in Markdown.\n\n" +
			"::: merke\nEin Merksatz fasst das Wichtigste des Moduls zusammen.\n:::\n\n" +
			"## Quellen\n\n1. [Verordnung (EU) 2024/1689 (KI-Verordnung), Art. 4](https://eur-lex.europa.eu/eli/reg/2024/1689/oj)\n",
		question:    "Wofür steht die Abkürzung KI?",
		right:       "Künstliche Intelligenz",
		wrong:       "Kommunale Infrastruktur",
		feedback:    "Richtig.",
		explanation: "Ersetzen Sie diese Beispielfrage durch eine Frage zu Ihrem Modul.",
		changelog:   "- Erste Fassung.",
	},
	"en": {
		summary:     "What this course is about, in one or two sentences.",
		module:      "01-introduction",
		lessonTitle: "Introduction",
		lesson: "Write the text of the first module here in Markdown.\n\n" +
			"::: merke\nA key point sums up what matters most in the module.\n:::\n\n" +
			"## Sources\n\n1. [Regulation (EU) 2024/1689 (AI Act), Art. 4](https://eur-lex.europa.eu/eli/reg/2024/1689/oj)\n",
		question:    "What does the abbreviation AI stand for?",
		right:       "Artificial intelligence",
		wrong:       "Administrative information",
		feedback:    "Correct.",
		explanation: "Replace this example question with a question about your module.",
		changelog:   "- First edition.",
	},
}

// courseTemplate returns the files of a new course's draft by path.
func courseTemplate(spec NewCourseSpec) map[string][]byte {
	tx, ok := courseTemplateTexts[spec.Language]
	if !ok {
		tx = courseTemplateTexts["de"]
	}
	author := strings.TrimSpace(spec.Author)
	if author == "" {
		author = "Team"
	}
	var o yamlOut
	o.kv(0, "id", spec.ID)
	o.kv(0, "version", "1.0.0")
	o.kv(0, "status", content.StatusDraft)
	o.text(0, "title", spec.Title)
	o.text(0, "summary", tx.summary)
	o.kv(0, "language", scalar(spec.Language))
	o.kv(0, "duration_minutes", "10")
	o.kv(0, "level", scalar(spec.Level))
	o.flow(0, "competences", quoteAll(spec.Competences))
	o.flow(0, "audiences", quoteAll(spec.Audiences))
	o.kv(0, "license", "CC-BY-SA-4.0")
	o.b.WriteString("authors:\n")
	o.kv(2, "- name", scalar(author))
	o.kv(0, "legal_status_as_of", spec.Today.Format(time.DateOnly))
	o.kv(0, "review_due", spec.Today.AddDate(1, 0, 0).Format(time.DateOnly))
	o.kv(0, "validity_months", "24")
	o.b.WriteString("completion:\n")
	o.kv(2, "modules", "all")
	o.kv(2, "quizzes", "all")

	module := "modules/" + tx.module + "/"
	id := strings.SplitN(tx.module, "-", 2)[1]
	return map[string][]byte{
		"course.yaml":        o.bytes(),
		"CHANGELOG.md":       fmt.Appendf(nil, "## 1.0.0 (Entwurf)\n\n%s\n", tx.changelog),
		module + "lesson.md": Lesson{Title: tx.lessonTitle, Minutes: 10, Body: tx.lesson}.Bytes(),
		module + "quiz.yaml": exampleQuiz(id+"-1", tx),
	}
}

// exampleQuiz is a quiz with one single-choice question, to be replaced by the trainer.
func exampleQuiz(questionID string, tx templateTexts) []byte {
	return fmt.Appendf(nil, `pass_percent: 80
attempts: 0
wait_minutes: 0
time_limit_minutes: 0
draw: 0
shuffle: true
review:
  show: [correctness, feedback, explanation]
  when: immediately
questions:
  - id: %s
    type: single
    text: %s
    options:
      - id: a
        text: %s
        correct: true
        feedback: %s
      - id: b
        text: %s
    explanation: %s
`, questionID, scalar(tx.question), scalar(tx.right), scalar(tx.feedback), scalar(tx.wrong), scalar(tx.explanation))
}
