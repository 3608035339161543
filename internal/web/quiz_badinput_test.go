package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/store"
)

// TestTamperedQuizFormsAreRejectedAndStoreNothing sends forms a page never produces. Each is
// refused with 400 and a message, and the answers saved before stay exactly as they were.
func TestTamperedQuizFormsAreRejectedAndStoreNothing(t *testing.T) {
	t.Parallel()
	env, c, _ := quizEnv(t, "")
	id, path := startAttempt(t, c, exampleQuiz)
	c.Get(path)
	if r := c.Post(path+"/save", url.Values{"q-definition-ki": {"a"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("valid save: %d\n%s", r.Status, r.Body)
	}
	before := storedAttempt(t, env, id)
	long := strings.Repeat("x", 501)
	for _, tc := range []struct {
		name string
		form url.Values
	}{
		{"unknown option id", url.Values{"q-definition-ki": {"z"}}},
		{"option id of another question", url.Values{"q-beispiele-ki": {"b", "zz"}}},
		{"two answers to a single choice question", url.Values{"q-definition-ki": {"a", "b"}}},
		{"answer to a question not in the attempt", url.Values{"q-chatbot-kennzeichnen": {"true"}}},
		{"answer to a question that does not exist", url.Values{"q-gibt-es-nicht": {"a"}}},
		{"truefalse value other than true or false", url.Values{"q-ki-fehlerfrei": {"vielleicht"}}},
		{"order position out of range", url.Values{"q-ablauf.daten": {"9"}}},
		{"order item that does not exist", url.Values{"q-ablauf.fantasie": {"1"}}},
		{"match choice that was not offered", url.Values{"q-begriffe.eingabe": {"c99"}}},
		{"match answer sent as text", url.Values{"q-begriffe.eingabe": {"Was das System bekommt"}}},
		{"text answer longer than the field allows", url.Values{"q-abkuerzung": {long}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := c.Post(path+"/save", tc.form)
			if r.Status != http.StatusBadRequest {
				t.Fatalf("status %d, want 400\n%s", r.Status, r.Body)
			}
			mustHave(t, "error page", r.Body, "Das Formular passt nicht zu diesem Versuch", "Es wurde nichts gespeichert.")
			after := storedAttempt(t, env, id)
			if after.Status != store.AttemptInProgress || len(after.Answers) != len(before.Answers) {
				t.Fatalf("attempt changed: %+v", after)
			}
			for i := range before.Answers {
				if after.Answers[i].Response != before.Answers[i].Response {
					t.Errorf("answer %s changed from %s to %s", before.Answers[i].QuestionID, before.Answers[i].Response, after.Answers[i].Response)
				}
			}
		})
	}
}

func TestAnotherUsersAttemptIsNotFound(t *testing.T) {
	t.Parallel()
	env, anna, _ := quizEnv(t, "")
	id, path := startAttempt(t, anna, exampleQuiz)
	anna.Get(path)
	anna.Post(path+"/save", url.Values{"q-definition-ki": {"b"}})
	ben := quizLearner(t, env, "ben@stadt.example")
	ben.Get("/")
	for _, r := range []*struct {
		method, path string
	}{
		{http.MethodGet, path}, {http.MethodGet, path + "/confirm"}, {http.MethodGet, path + "/result"},
		{http.MethodPost, path + "/save"}, {http.MethodPost, path + "/submit"},
		{http.MethodGet, "/quiz/attempts/999999"},
	} {
		var resp int
		if r.method == http.MethodGet {
			resp = ben.Get(r.path).Status
		} else {
			resp = ben.Post(r.path, url.Values{"q-definition-ki": {"a"}}).Status
		}
		if resp != http.StatusNotFound {
			t.Errorf("%s %s as another user: %d, want 404", r.method, r.path, resp)
		}
	}
	at := storedAttempt(t, env, id)
	if at.Status != store.AttemptInProgress || at.Answer("definition-ki").Response != `{"options":["b"]}` {
		t.Fatalf("another user changed the attempt: %+v", at)
	}
}

func TestSubmittingTwiceGradesOnceAndLateSavesAreRefused(t *testing.T) {
	t.Parallel()
	env, c, clock := quizEnv(t, "")
	id, path := startAttempt(t, c, exampleQuiz)
	c.Get(path)
	c.Post(path+"/save", url.Values{"q-definition-ki": {"a"}})
	c.Get(path + "/confirm")
	if r := c.Post(path+"/submit", nil); r.Status != http.StatusSeeOther {
		t.Fatalf("first submit: %d", r.Status)
	}
	first := storedAttempt(t, env, id)
	clock.Add(1e9)

	// The same confirmation form sent again (double click, back button): no second grading.
	r := c.Post(path+"/submit", nil)
	if r.Status != http.StatusSeeOther || r.Location() != path+"/result" {
		t.Fatalf("second submit: %d %q, want a redirect to the result", r.Status, r.Location())
	}
	mustHave(t, "result after a second submit", c.Get(path+"/result").Body, "bereits abgegeben")
	// The question form sent again after submitting: refused, nothing changes.
	r = c.Post(path+"/save", url.Values{"q-definition-ki": {"b"}})
	if r.Status != http.StatusConflict {
		t.Fatalf("save after submit: %d, want 409", r.Status)
	}
	mustHave(t, "save after submit", r.Body, "bereits abgegeben")
	after := storedAttempt(t, env, id)
	if !after.SubmittedAt.Equal(*first.SubmittedAt) || after.Score != first.Score || after.Answer("definition-ki").Response != `{"options":["a"]}` {
		t.Fatalf("the attempt changed after it was submitted:\nbefore %+v\nafter  %+v", first, after)
	}
}
