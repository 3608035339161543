package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/store"
)

func TestQuizTakenThroughTheRealFormScoresFullMarks(t *testing.T) {
	t.Parallel()
	env, c, _ := quizEnv(t, "")
	d := quizDefinition(t, env, "ki-grundlagen", "1.1.0", "was-ist-ki")
	intro := c.Get(exampleQuiz)
	mustHave(t, "quiz page", intro.Body, "Quiz starten", "Bestanden ab", "60 %", "0 von 3 genutzt")
	id, path := startAttempt(t, c, exampleQuiz)

	page := c.Get(path)
	if page.Status != http.StatusOK {
		t.Fatalf("question page: %d", page.Status)
	}
	form := answerForm(t, d, parseQuizForm(t, page.Body), true)
	form.Set("next", "confirm")
	r := c.Post(path+"/save", form)
	if r.Status != http.StatusSeeOther || r.Location() != path+"/confirm" {
		t.Fatalf("save with next=confirm: %d %q\n%s", r.Status, r.Location(), r.Body)
	}
	confirm := c.Get(path + "/confirm")
	mustHave(t, "confirmation", confirm.Body, "Sie haben 7 von 7 Fragen beantwortet.", "Endgültig abgeben")

	r = c.Post(path+"/submit", nil)
	if r.Status != http.StatusSeeOther || r.Location() != path+"/result" {
		t.Fatalf("submit: %d %q", r.Status, r.Location())
	}
	result := c.Get(path + "/result")
	mustHave(t, "result", result.Body, `role="status"`, "Bestanden", "7 von 7 Punkten erreicht (100 %)",
		"Richtig, das ist der Kern der Definition in Art. 3 Nr. 1.", // feedback of the chosen option
		"Die Definition steht in Art. 3 Nr. 1")                      // explanation

	at := storedAttempt(t, env, id)
	if at.Status != store.AttemptSubmitted || at.Score != 7 || at.Max != 7 || !at.Passed || len(at.Answers) != 7 {
		t.Fatalf("stored attempt: %+v", at)
	}
	for _, an := range at.Answers {
		if an.QuestionHash == "" || an.Score != an.Max {
			t.Errorf("answer %s: %+v", an.QuestionID, an)
		}
	}
}

func TestQuizWithWrongAnswersFailsAndShowsWhatWasWrong(t *testing.T) {
	t.Parallel()
	env, c, _ := quizEnv(t, "")
	d := quizDefinition(t, env, "ki-grundlagen", "1.1.0", "was-ist-ki")
	_, path := startAttempt(t, c, exampleQuiz)
	form := answerForm(t, d, parseQuizForm(t, c.Get(path).Body), false)
	c.Post(path+"/save", form)
	c.Post(path+"/submit", nil)
	result := c.Get(path + "/result")
	mustHave(t, "result", result.Body, "Nicht bestanden", "Falsch", "Richtig wäre", "Neuen Versuch starten",
		"Reine Regelsysteme ohne Ableitung gelten nicht als KI-System.") // feedback of the wrong option chosen
}

// TestQuestionPageLeaksNoAnswers renders the questions of a quiz whose secret parts carry unique
// markers and checks that none reaches the page, while what a learner must see does.
func TestQuestionPageLeaksNoAnswers(t *testing.T) {
	t.Parallel()
	dir := quizCourse(t, `pass_percent: 50
shuffle: true
review:
  show: [correctness, feedback, explanation, correct_answer]
questions:
  - id: eins
    type: single
    text: SICHTBAR-FRAGE-1
    options:
      - {id: a, text: SICHTBAR-OPTION-A, correct: true, feedback: GEHEIM-FEEDBACK-A}
      - {id: b, text: SICHTBAR-OPTION-B, feedback: GEHEIM-FEEDBACK-B}
    explanation: GEHEIM-ERKLAERUNG-1
  - id: zwei
    type: multiple
    text: SICHTBAR-FRAGE-2
    options:
      - {id: x, text: SICHTBAR-OPTION-X, correct: true, feedback: GEHEIM-FEEDBACK-X}
      - {id: y, text: SICHTBAR-OPTION-Y}
  - id: drei
    type: truefalse
    text: SICHTBAR-FRAGE-3
    answer: true
    feedback_true: GEHEIM-FEEDBACK-WAHR
    feedback_false: GEHEIM-FEEDBACK-FALSCH
  - id: vier
    type: numeric
    text: SICHTBAR-FRAGE-4
    answer: 4711.25
    tolerance: 0.75
    unit: EUR
  - id: fuenf
    type: text
    text: SICHTBAR-FRAGE-5
    accept: [GEHEIMWORT]
  - id: sechs
    type: match
    text: SICHTBAR-FRAGE-6
    pairs:
      - {id: p1, prompt: SICHTBAR-PROMPT-1, answer: SICHTBAR-ANTWORT-1}
      - {id: p2, prompt: SICHTBAR-PROMPT-2, answer: SICHTBAR-ANTWORT-2}
  - id: sieben
    type: order
    text: SICHTBAR-FRAGE-7
    items:
      - {id: erst, text: SICHTBAR-ITEM-1}
      - {id: dann, text: SICHTBAR-ITEM-2}
`)
	_, c, _ := quizEnv(t, dir)
	_, path := startAttempt(t, c, customQuiz)
	page := c.Get(path)
	mustHave(t, "question page", page.Body, "SICHTBAR-FRAGE-1", "SICHTBAR-OPTION-B", "SICHTBAR-PROMPT-2", "SICHTBAR-ANTWORT-1", "SICHTBAR-ITEM-2", "EUR")
	for _, secret := range []string{"GEHEIM", "4711", "0.75", "0,75", "correct", "Richtig wäre", "p1\">SICHTBAR-ANTWORT", "data-answer"} {
		if strings.Contains(page.Body, secret) {
			t.Errorf("the question page contains %q", secret)
		}
	}
	// A match prompt's select must not name its answer: every select offers the same opaque ids.
	for _, fc := range parseQuizForm(t, page.Body) {
		if fc.Type == "select" && strings.HasPrefix(fc.Name, "q-sechs.") {
			for _, o := range fc.Options {
				if o.Value != "" && !strings.HasPrefix(o.Value, "c") {
					t.Errorf("match choice value %q is not opaque", o.Value)
				}
			}
		}
		if fc.Checked || (fc.Type == "select" && fc.Value != "") {
			t.Errorf("a new attempt has %s pre-filled with %q", fc.Name, fc.Value)
		}
	}
}

func TestReviewIsHiddenUntilTheQuizIsPassedWhenTheRulesSaySo(t *testing.T) {
	t.Parallel()
	dir := quizCourse(t, `pass_percent: 100
review:
  show: [correctness, feedback, explanation, correct_answer]
  when: after_pass
questions:
  - id: eins
    type: single
    text: Welche Antwort?
    options:
      - {id: a, text: Diese, correct: true, feedback: GEHEIM-FEEDBACK-A}
      - {id: b, text: Jene, feedback: GEHEIM-FEEDBACK-B}
    explanation: GEHEIM-ERKLAERUNG
`)
	_, c, _ := quizEnv(t, dir)
	_, path := startAttempt(t, c, customQuiz)
	c.Get(path)
	c.Post(path+"/save", url.Values{"q-eins": {"b"}})
	c.Post(path+"/submit", nil)
	failed := c.Get(path + "/result")
	mustHave(t, "failed result", failed.Body, "Nicht bestanden", "erst später angezeigt")
	if strings.Contains(failed.Body, "GEHEIM") {
		t.Error("the review of a failed attempt shows feedback or explanation although review.when is after_pass")
	}
	_, path = startAttempt(t, c, customQuiz)
	c.Get(path)
	c.Post(path+"/save", url.Values{"q-eins": {"a"}})
	c.Post(path+"/submit", nil)
	mustHave(t, "passed result", c.Get(path+"/result").Body, "Bestanden", "GEHEIM-FEEDBACK-A", "GEHEIM-ERKLAERUNG")
}
