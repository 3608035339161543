package web_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web"
	"github.com/ailit/ailit/internal/web/webtest"
)

const twoQuestions = `
questions:
  - id: eins
    type: single
    text: Welche Antwort?
    options:
      - {id: a, text: Diese, correct: true}
      - {id: b, text: Jene}
  - id: zwei
    type: truefalse
    text: Stimmt das?
    answer: true
`

func TestSubmitAfterTheTimeLimitIsRefusedAndWhatWasSavedIsGraded(t *testing.T) {
	t.Parallel()
	env, c, clock := quizEnv(t, quizCourse(t, "pass_percent: 50\ntime_limit_minutes: 10\n"+twoQuestions))
	id, path := startAttempt(t, c, customQuiz)
	page := c.Get(path)
	mustHave(t, "timed question page", page.Body, "Abgabe bis", `id="quiz-countdown"`, `role="status" aria-live="polite"`)
	c.Post(path+"/save", url.Values{"q-eins": {"a"}})

	clock.Add(11 * time.Minute)
	r := c.Post(path+"/submit", nil)
	if r.Status != http.StatusConflict {
		t.Fatalf("submit after the deadline: %d, want 409", r.Status)
	}
	mustHave(t, "late submit", r.Body, "Bearbeitungszeit abgelaufen", "mit den bis dahin gespeicherten Antworten gewertet", "Zum Ergebnis")
	r = c.Post(path+"/save", url.Values{"q-eins": {"b"}, "q-zwei": {"true"}})
	if r.Status != http.StatusConflict {
		t.Fatalf("save after the deadline: %d, want 409", r.Status)
	}
	at := storedAttempt(t, env, id)
	if at.Status != store.AttemptSubmitted || !at.AutoSubmitted || at.Score != 1 || !at.Passed {
		t.Fatalf("closed attempt: %+v; want graded with the answer saved in time (1 of 2 points)", at)
	}
	if got := at.Answer("eins").Response; got != `{"options":["a"]}` {
		t.Fatalf("answer after the deadline was stored: %s", got)
	}
	mustHave(t, "result", c.Get(path+"/result").Body, "Die Bearbeitungszeit war abgelaufen")
}

func TestSavingAfterTheTimeLimitClosesTheAttemptWithoutTheLateAnswers(t *testing.T) {
	t.Parallel()
	env, c, clock := quizEnv(t, quizCourse(t, "pass_percent: 50\ntime_limit_minutes: 10\n"+twoQuestions))
	id, path := startAttempt(t, c, customQuiz)
	c.Get(path)
	clock.Add(11 * time.Minute)
	r := c.Post(path+"/save", url.Values{"q-eins": {"a"}})
	if r.Status != http.StatusConflict {
		t.Fatalf("save after the deadline: %d, want 409", r.Status)
	}
	mustHave(t, "late save", r.Body, "Bearbeitungszeit abgelaufen")
	if at := storedAttempt(t, env, id); !at.AutoSubmitted || at.Score != 0 || at.Answer("eins").Response != "{}" {
		t.Fatalf("attempt after a late save: %+v", at)
	}
	// Opening the questions again leads to the result.
	if r := c.Get(path); r.Status != http.StatusSeeOther || r.Location() != path+"/result" {
		t.Fatalf("questions of a closed attempt: %d %q", r.Status, r.Location())
	}
}

func TestSubmitWithinTheGraceAfterTheDeadlineCounts(t *testing.T) {
	t.Parallel()
	env, c, clock := quizEnv(t, quizCourse(t, "pass_percent: 50\ntime_limit_minutes: 10\n"+twoQuestions))
	id, path := startAttempt(t, c, customQuiz)
	c.Get(path)
	c.Post(path+"/save", url.Values{"q-eins": {"a"}, "q-zwei": {"true"}})
	clock.Add(10*time.Minute + 10*time.Second)
	if r := c.Post(path+"/submit", nil); r.Status != http.StatusSeeOther {
		t.Fatalf("submit within the grace: %d\n%s", r.Status, r.Body)
	}
	if at := storedAttempt(t, env, id); at.AutoSubmitted || at.Score != 2 {
		t.Fatalf("attempt: %+v", at)
	}
}

func TestAnExpiredAttemptIsClosedWhenTheQuizPageIsVisited(t *testing.T) {
	t.Parallel()
	env, c, clock := quizEnv(t, quizCourse(t, "pass_percent: 50\ntime_limit_minutes: 5\n"+twoQuestions))
	id, _ := startAttempt(t, c, customQuiz)
	clock.Add(time.Hour)
	mustHave(t, "quiz page", c.Get(customQuiz).Body, "Quiz starten", "1 genutzt")
	if at := storedAttempt(t, env, id); at.Status != store.AttemptSubmitted || !at.AutoSubmitted || at.Score != 0 {
		t.Fatalf("expired attempt: %+v", at)
	}
}

func TestTimeExtensionSetByAnAdminLengthensTheDeadline(t *testing.T) {
	t.Parallel()
	env, c, _ := quizEnv(t, quizCourse(t, "pass_percent: 50\ntime_limit_minutes: 20\n"+twoQuestions))
	learner, err := env.Store.UserByEmail(context.Background(), "anna@stadt.example")
	if err != nil {
		t.Fatal(err)
	}
	env.CreateUser(t, "admin@stadt.example", pw, store.RoleAdmin)
	admin := env.Client(t)
	admin.Login("admin@stadt.example", pw)
	page := "/admin/users/" + strconv.FormatInt(learner.ID, 10) + "/quiz-time"
	admin.Get(page)
	r := admin.Post(page, url.Values{"percent": {"50"}, "reason": {""}})
	if r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("extension without a reason: %d", r.Status)
	}
	mustHave(t, "form errors", r.Body, "Bitte geben Sie einen Anlass an.")
	if r := admin.Post(page, url.Values{"percent": {"viel"}, "reason": {"x"}}); r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("extension that is no number: %d", r.Status)
	}
	if r := admin.Post(page, url.Values{"percent": {"50"}, "reason": {"Nachteilsausgleich"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("valid extension: %d\n%s", r.Status, r.Body)
	}
	mustHave(t, "extension page", admin.Get(page).Body, "Aktuell: 50 % mehr Zeit")

	mustHave(t, "quiz page", c.Get(customQuiz).Body, "30 Minuten", "mit Ihrer Zeitverlängerung")
	id, _ := startAttempt(t, c, customQuiz)
	at := storedAttempt(t, env, id)
	if at.Deadline == nil || at.Deadline.Sub(at.StartedAt) != 30*time.Minute {
		t.Fatalf("deadline %v for an attempt started at %v, want 30 minutes later", at.Deadline, at.StartedAt)
	}
}

func TestNoAttemptBeyondTheAllowedNumber(t *testing.T) {
	t.Parallel()
	env, c, _ := quizEnv(t, quizCourse(t, "pass_percent: 100\nattempts: 1\n"+twoQuestions))
	_, path := startAttempt(t, c, customQuiz)
	c.Get(path)
	c.Post(path+"/submit", nil)
	mustHave(t, "quiz page", c.Get(customQuiz).Body, "Ein neuer Versuch ist gerade nicht möglich", "alle Versuche")
	r := c.Post(customQuiz+"/attempts", nil)
	if r.Status != http.StatusConflict {
		t.Fatalf("start beyond the limit: %d, want 409", r.Status)
	}
	mustHave(t, "refusal", r.Body, "Sie haben alle Versuche für diesen Test genutzt.")
	if n := countAttempts(t, env); n != 1 {
		t.Fatalf("%d attempts stored, want 1", n)
	}
}

func TestWaitingTimeBetweenAttemptsIsEnforced(t *testing.T) {
	t.Parallel()
	env, c, clock := quizEnv(t, quizCourse(t, "pass_percent: 100\nwait_minutes: 60\n"+twoQuestions))
	_, path := startAttempt(t, c, customQuiz)
	c.Get(path)
	c.Post(path+"/submit", nil)
	r := c.Post(customQuiz+"/attempts", nil)
	if r.Status != http.StatusConflict {
		t.Fatalf("start during the waiting time: %d, want 409", r.Status)
	}
	mustHave(t, "refusal", r.Body, "Der nächste Versuch ist ab")
	clock.Add(61 * time.Minute)
	startAttempt(t, c, customQuiz)
	if n := countAttempts(t, env); n != 2 {
		t.Fatalf("%d attempts, want 2", n)
	}
}

func TestStartingTwiceContinuesTheOpenAttempt(t *testing.T) {
	t.Parallel()
	env, c, _ := quizEnv(t, "")
	id, path := startAttempt(t, c, exampleQuiz)
	r := c.Post(exampleQuiz+"/attempts", nil)
	if r.Status != http.StatusSeeOther || r.Location() != path {
		t.Fatalf("second start: %d %q, want the open attempt %s", r.Status, r.Location(), path)
	}
	mustHave(t, "quiz page", c.Get(exampleQuiz).Body, "Weiter bearbeiten")
	if n := countAttempts(t, env); n != 1 || storedAttempt(t, env, id).Status != store.AttemptInProgress {
		t.Fatalf("%d attempts after starting twice", n)
	}
}

func TestSavedAnswersSurviveLogoutAndServerRestart(t *testing.T) {
	t.Parallel()
	env, c, _ := quizEnv(t, "")
	_, path := startAttempt(t, c, exampleQuiz)
	c.Get(path)
	c.Post(path+"/save", url.Values{"q-definition-ki": {"b"}, "q-abkuerzung": {"K.I."}})
	c.Post("/logout", nil)
	c.Login("anna@stadt.example", pw)
	checkRefilled := func(c *webtest.Client, when string) {
		t.Helper()
		page := c.Get(path)
		if page.Status != http.StatusOK {
			t.Fatalf("%s: %d", when, page.Status)
		}
		got := map[string]string{}
		for _, fc := range parseQuizForm(t, page.Body) {
			if fc.Checked || (fc.Type == "text" && fc.Value != "") {
				got[fc.Name] = fc.Value
			}
		}
		if got["q-definition-ki"] != "b" || got["q-abkuerzung"] != "K.I." || len(got) != 2 {
			t.Fatalf("%s: filled fields %v", when, got)
		}
	}
	checkRefilled(c, "after logging in again")

	// A new process: another store on the same database file and a new app.
	s2, err := store.Open(context.Background(), env.DatabaseURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s2.Close() })
	lib := content.NewLibrary(env.Config.CoursesDir, s2, slog.New(slog.DiscardHandler))
	if _, err := lib.Reload(); err != nil {
		t.Fatal(err)
	}
	app2, err := web.New(web.Deps{Config: env.Config, Store: s2, Library: lib, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	env2 := &webtest.Env{App: app2, Store: s2, Library: lib, Config: env.Config}
	c2 := env2.Client(t)
	c2.SetCookie("ailit_session", c.Cookie("ailit_session"))
	checkRefilled(c2, "after a restart")
}
