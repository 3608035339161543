package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/ailit/ailit/internal/content/contenttest"
	"github.com/ailit/ailit/internal/store"
)

// keyboardQuiz has one question of each kind of control: radio buttons, true/false, selects and a
// text field. Without shuffle the questions come in this order.
const keyboardQuiz = `pass_percent: 100
review:
  show: [correctness, feedback, explanation, correct_answer]
questions:
  - id: system
    type: single
    text: Was ist ein KI-System?
    options:
      - {id: a, text: "Ein System, das aus Eingaben ableitet", correct: true, feedback: Genau so steht es in Art. 3 Nr. 1.}
      - {id: b, text: Ein Taschenrechner, feedback: Ein Taschenrechner leitet nichts ab.}
  - id: irrtum
    type: truefalse
    text: KI-Ergebnisse sind immer richtig.
    answer: false
    feedback_true: Doch, auch KI-Systeme irren sich.
  - id: begriffe
    type: match
    text: Ordnen Sie zu.
    pairs:
      - {id: eingabe, prompt: Eingabe, answer: Bekommt das System}
      - {id: ausgabe, prompt: Ausgabe, answer: Erzeugt das System}
  - id: kuerzel
    type: text
    text: Wie lautet die deutsche Abkürzung für Künstliche Intelligenz?
    accept: [KI]
`

func keyboardQuizCourse(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	module := filepath.Join(dir, "tastatur", "1.0.0", "modules", "01-quiz")
	files := map[string]string{
		filepath.Join(dir, "tastatur", "1.0.0", "course.yaml"): contenttest.Manifest{ID: "tastatur", Title: "Tastaturkurs",
			Summary: "Ein Kurs, der nur mit der Tastatur bearbeitet wird."}.YAML(),
		filepath.Join(module, "lesson.md"): "---\ntitle: Grundbegriffe\nduration_minutes: 5\n---\n\nText.\n\n## Quellen\n\n1. Keine.\n",
		filepath.Join(module, "quiz.yaml"): keyboardQuiz,
	}
	for path, body := range files {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// tabTo presses Tab until the focus is on an element matching css, as a keyboard user moves
// through the page; it fails after 80 presses.
func tabTo(t *testing.T, tab context.Context, css string) {
	t.Helper()
	sel, _ := json.Marshal(css)
	for range 80 {
		on, err := chromedp.Run(tab, chromedp.Evaluate[bool](fmt.Sprintf(`!!document.activeElement && document.activeElement.matches(%s)`, sel)))
		if err != nil {
			t.Fatalf("reading the focus: %v", err)
		}
		if on {
			return
		}
		PressKeys(t, tab, kb.Tab)
	}
	t.Fatalf("tabbing never reached %s; the focus is on %s", css, Focused(t, tab))
}

// pressEnterOn tabs to a button and presses Enter, waiting for the page it loads.
func pressEnterOn(t *testing.T, tab context.Context, css string) int {
	t.Helper()
	tabTo(t, tab, css)
	return load(t, tab, "pressing Enter on "+css, chromedp.KeyEvent(kb.Enter))
}

// answerByKeyboard answers the keyboard quiz right or wrong with Tab, Space, arrow keys and typing.
func answerByKeyboard(t *testing.T, tab context.Context, right bool) {
	t.Helper()
	// Radio groups: Tab lands on the first option; Space ticks it, the down arrow ticks the next.
	choose := func(first bool) {
		if first {
			PressKeys(t, tab, " ")
		} else {
			PressKeys(t, tab, kb.ArrowDown)
		}
	}
	tabTo(t, tab, `input[name="q-system"]`)
	choose(right)
	tabTo(t, tab, `input[name="q-irrtum"]`)
	choose(!right) // "Richtig" comes first; the right answer is "Falsch"
	// Selects: typing the first letter picks the matching answer.
	eingabe, ausgabe := "B", "E"
	if !right {
		eingabe, ausgabe = ausgabe, eingabe
	}
	tabTo(t, tab, `select[name="q-begriffe.eingabe"]`)
	PressKeys(t, tab, eingabe)
	tabTo(t, tab, `select[name="q-begriffe.ausgabe"]`)
	PressKeys(t, tab, ausgabe)
	tabTo(t, tab, `input[name="q-kuerzel"]`)
	if right {
		PressKeys(t, tab, "KI")
	} else {
		PressKeys(t, tab, "AI")
	}
}

// submitByKeyboard goes from the questions over the confirmation page to the result.
func submitByKeyboard(t *testing.T, tab context.Context, round string) {
	t.Helper()
	if status := pressEnterOn(t, tab, `button[value="confirm"]`); status != 200 {
		t.Fatalf("%s: confirmation page status %d", round, status)
	}
	AssertHeading(t, tab, "Test abgeben?")
	AssertText(t, tab, "main", "Sie haben 4 von 4 Fragen beantwortet.")
	AssertAccessible(t, tab, round+": confirmation page")
	Screenshot(t, tab, "quiz-confirm-"+round)
	if status := pressEnterOn(t, tab, `form[action$="/submit"] button`); status != 200 {
		t.Fatalf("%s: result page status %d", round, status)
	}
	AssertHeading(t, tab, "Ergebnis")
	AssertAccessible(t, tab, round+": result page")
	Screenshot(t, tab, "quiz-result-"+round)
}

// TestLearnerTakesAQuizByKeyboardFailsReviewsAndPasses: a learner who uses only the keyboard fails
// the quiz once, reads the feedback, starts again and passes. Every page passes axe.
func TestLearnerTakesAQuizByKeyboardFailsReviewsAndPasses(t *testing.T) {
	srv := Start(t, Options{CoursesDir: keyboardQuizCourse(t)})
	srv.CreateUser(t, "kim@example.org", "kim-password-1", store.RoleLearner)
	tab := srv.NewTab(t)
	Login(t, tab, "kim@example.org", "kim-password-1")

	Open(t, tab, "/courses/tastatur/v/1.0.0/m/quiz/quiz")
	AssertHeading(t, tab, "Wissenstest")
	AssertAccessible(t, tab, "quiz page")
	if status := pressEnterOn(t, tab, `form[action$="/attempts"] button`); status != 200 {
		t.Fatalf("starting the quiz: status %d", status)
	}
	AssertText(t, tab, "legend", "Frage 1 von 4:")
	AssertAccessible(t, tab, "question page")
	Screenshot(t, tab, "quiz-questions")

	answerByKeyboard(t, tab, false)
	submitByKeyboard(t, tab, "first")
	AssertText(t, tab, "[role=status]", "Nicht bestanden")
	AssertText(t, tab, ".quiz-review", "Ein Taschenrechner leitet nichts ab.")
	AssertText(t, tab, ".quiz-review", "Doch, auch KI-Systeme irren sich.")
	AssertText(t, tab, ".quiz-review", "Akzeptierte Antworten: „KI“")

	if status := pressEnterOn(t, tab, `form[action$="/attempts"] button`); status != 200 {
		t.Fatalf("starting again: status %d", status)
	}
	AssertText(t, tab, "legend", "Frage 1 von 4:")
	answerByKeyboard(t, tab, true)
	submitByKeyboard(t, tab, "second")
	AssertText(t, tab, "[role=status]", "Bestanden")
	AssertText(t, tab, "[role=status]", "4 von 4 Punkten")
}
