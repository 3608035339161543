package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/webtest"
)

const statsPage = "/trainer/quizzes/quiztest/test"

// takeQuiz lets a new learner answer the custom quiz: eins with choice, zwei with truefalse.
func takeQuiz(t *testing.T, env *webtest.Env, email, eins, zwei string) {
	t.Helper()
	c := quizLearner(t, env, email)
	_, path := startAttempt(t, c, customQuiz)
	c.Get(path)
	c.Post(path+"/save", url.Values{"q-eins": {eins}, "q-zwei": {zwei}})
	if r := c.Post(path+"/submit", nil); r.Status != http.StatusSeeOther {
		t.Fatalf("submit: %d", r.Status)
	}
}

func TestItemStatisticsAreAnonymousAndHiddenBelowTheMinimum(t *testing.T) {
	t.Parallel()
	env, _, _ := quizEnv(t, quizCourse(t, "pass_percent: 50\n"+twoQuestions))
	env.CreateUser(t, "trainer@stadt.example", pw, store.RoleTrainer)
	trainer := env.Client(t)
	trainer.Login("trainer@stadt.example", pw)

	answers := [][2]string{{"a", "true"}, {"a", "true"}, {"a", "false"}, {"b", "false"}, {"b", "true"}}
	for i, a := range answers[:4] {
		takeQuiz(t, env, fmt.Sprintf("person%d@stadt.example", i), a[0], a[1])
	}
	few := trainer.Get(statsPage)
	if few.Status != http.StatusOK {
		t.Fatalf("stats page: %d\n%s", few.Status, few.Body)
	}
	mustHave(t, "stats with 4 answers", few.Body, "<caption", "Leichtigkeit", "Anteil der erreichten Punkte",
		"Noch zu wenige Antworten: Kennzahlen erscheinen ab 5 Antworten.")

	takeQuiz(t, env, "person4@stadt.example", answers[4][0], answers[4][1])
	page := trainer.Get(statsPage)
	mustHave(t, "stats with 5 answers", page.Body, "Welche Antwort?", "Stimmt das?", "60 %", "Diese: 3", "Jene: 2", "Richtig: 3", "Falsch: 2")
	if strings.Contains(page.Body, "Noch zu wenige Antworten") {
		t.Error("figures are still withheld with 5 answers")
	}
	for i := range 5 {
		if strings.Contains(page.Body, fmt.Sprintf("person%d", i)) {
			t.Errorf("the statistics name person%d", i)
		}
	}
	if r := trainer.Get("/trainer/quizzes/quiztest/gibt-es-nicht"); r.Status != http.StatusNotFound {
		t.Errorf("stats of a module without quiz: %d, want 404", r.Status)
	}
}
