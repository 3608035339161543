package web_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
)

func TestPassingTheQuizAfterReadingCompletesTheCourseInTheSameSubmit(t *testing.T) {
	t.Parallel()
	env, c, _ := quizEnv(t, quizCourse(t, "pass_percent: 50\n"+twoQuestions))
	c.Get("/courses/quiztest")
	mustRedirect(t, c.Post("/courses/quiztest/enroll", nil), "/courses/quiztest")
	// Reading the lesson leads to its quiz, which still counts.
	mustRedirect(t, c.Post("/courses/quiztest/v/1.0.0/m/test/done", nil), customQuiz)
	if cs := completionsOf(t, env, "anna@stadt.example"); len(cs) != 0 {
		t.Fatalf("completed before passing the quiz: %+v", cs)
	}
	_, path := startAttempt(t, c, customQuiz)
	c.Get(path)
	c.Post(path+"/save", url.Values{"q-eins": {"a"}, "q-zwei": {"true"}})
	if r := c.Post(path+"/submit", nil); r.Status != http.StatusSeeOther {
		t.Fatalf("submit: %d\n%s", r.Status, r.Body)
	}
	cs := completionsOf(t, env, "anna@stadt.example")
	if len(cs) != 1 || cs[0].CourseID != "quiztest" || cs[0].Version != "1.0.0" {
		t.Fatalf("completions after passing: %+v", cs)
	}
}

func TestPassingTheQuizWithoutEnrollingEnrollsAndCountsTheQuiz(t *testing.T) {
	t.Parallel()
	env, c, _ := quizEnv(t, quizCourse(t, "pass_percent: 50\n"+twoQuestions))
	_, path := startAttempt(t, c, customQuiz)
	c.Get(path)
	c.Post(path+"/save", url.Values{"q-eins": {"a"}, "q-zwei": {"false"}})
	if r := c.Post(path+"/submit", nil); r.Status != http.StatusSeeOther {
		t.Fatalf("submit: %d", r.Status)
	}
	ctx := context.Background()
	u, _ := env.Store.UserByEmail(ctx, "anna@stadt.example")
	e, err := env.Store.EnrollmentOf(ctx, u.ID, "quiztest")
	if err != nil || e == nil || e.Version != "1.0.0" {
		t.Fatalf("enrollment after passing: %+v %v", e, err)
	}
	rows, _ := env.Store.ProgressOf(context.Background(), e.ID)
	if len(rows) != 1 || rows[0].QuizPassedAt == nil || rows[0].DoneAt != nil {
		t.Fatalf("progress after passing: %+v", rows)
	}
	// The lesson is still unread: no completion yet; reading it completes the course.
	if cs := completionsOf(t, env, "anna@stadt.example"); len(cs) != 0 {
		t.Fatalf("completed without reading: %+v", cs)
	}
	c.Get("/courses/quiztest")
	mustRedirect(t, c.Post("/courses/quiztest/v/1.0.0/m/test/done", nil), "/courses/quiztest")
	if cs := completionsOf(t, env, "anna@stadt.example"); len(cs) != 1 {
		t.Fatalf("completions after reading: %+v", cs)
	}
}
