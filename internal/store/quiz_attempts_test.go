package store_test

import (
	"context"
	"testing"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/store/storetest"
)

func newQuizUser(t *testing.T, s *store.Store, email string) *store.User {
	t.Helper()
	u := &store.User{Email: email, DisplayName: email}
	if err := s.CreateUser(context.Background(), u, []string{store.RoleLearner}); err != nil {
		t.Fatal(err)
	}
	return u
}

func newAttempt(t *testing.T, s *store.Store, userID int64) *store.QuizAttempt {
	t.Helper()
	a := &store.QuizAttempt{UserID: userID, CourseID: "ki-grundlagen", Version: "1.1.0", ContentHash: "h",
		ModuleID: "was-ist-ki", Seed: 7, Layout: `{"seed":7}`, StartedAt: s.Now()}
	if err := s.CreateQuizAttempt(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return a
}

func fixedGrade(score float64, answers ...store.QuizAnswer) func(*store.QuizAttempt) (store.QuizGrade, error) {
	return func(*store.QuizAttempt) (store.QuizGrade, error) {
		return store.QuizGrade{Score: score, Max: 2, Percent: score / 2 * 100, Passed: score == 2, Answers: answers}, nil
	}
}

func TestSavedQuizAnswersReplaceEarlierOnesAndStayWithTheirOwner(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		anna, ben := newQuizUser(t, s, "anna@stadt.example"), newQuizUser(t, s, "ben@stadt.example")
		a := newAttempt(t, s, anna.ID)
		save := func(resp string) error {
			return s.SaveQuizAnswers(ctx, a.ID, anna.ID, []store.QuizAnswer{{QuestionID: "q1", QuestionHash: "h1", Response: resp}})
		}
		if err := save(`{"options":["a"]}`); err != nil {
			t.Fatal(err)
		}
		if err := save(`{"options":["b"]}`); err != nil {
			t.Fatal(err)
		}
		got, err := s.QuizAttemptOfUser(ctx, a.ID, anna.ID)
		if err != nil || len(got.Answers) != 1 || got.Answer("q1").Response != `{"options":["b"]}` {
			t.Fatalf("answers after two saves: %+v, %v", got.Answers, err)
		}
		if _, err := s.QuizAttemptOfUser(ctx, a.ID, ben.ID); domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Fatalf("another user's attempt: %v, want not found", err)
		}
		err = s.SaveQuizAnswers(ctx, a.ID, ben.ID, []store.QuizAnswer{{QuestionID: "q1", QuestionHash: "h1", Response: `{}`}})
		if domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Fatalf("saving into another user's attempt: %v, want not found", err)
		}
	})
}

func TestSubmittingAQuizAttemptTwiceGradesOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := newQuizUser(t, s, "anna@stadt.example")
		a := newAttempt(t, s, u.ID)
		hooks := 0
		hook := func(tx *store.Tx, a *store.QuizAttempt) error { hooks++; return nil }
		answer := store.QuizAnswer{QuestionID: "q1", QuestionHash: "h1", Response: `{}`, Score: 2, Max: 2}
		got, graded, err := s.SubmitQuizAttempt(ctx, a.ID, u.ID, false, fixedGrade(2, answer), hook)
		if err != nil || !graded || !got.Passed || got.Status != store.AttemptSubmitted || hooks != 1 {
			t.Fatalf("first submit: %+v graded=%v hooks=%d err=%v", got, graded, hooks, err)
		}
		again, graded, err := s.SubmitQuizAttempt(ctx, a.ID, u.ID, false, fixedGrade(0), hook)
		if err != nil || graded || again.Score != 2 || hooks != 1 {
			t.Fatalf("second submit regraded: %+v graded=%v hooks=%d err=%v", again, graded, hooks, err)
		}
		if err := s.SaveQuizAnswers(ctx, a.ID, u.ID, []store.QuizAnswer{answer}); domain.ErrorCode(err) != domain.ECONFLICT {
			t.Fatalf("saving into a submitted attempt: %v, want a conflict", err)
		}
	})
}

func TestAFailingCompletionHookRollsTheGradingBack(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := newQuizUser(t, s, "anna@stadt.example")
		a := newAttempt(t, s, u.ID)
		failing := func(tx *store.Tx, a *store.QuizAttempt) error { return domain.Errorf(domain.EINTERNAL, "boom") }
		if _, _, err := s.SubmitQuizAttempt(ctx, a.ID, u.ID, false, fixedGrade(2), failing); err == nil {
			t.Fatal("want the hook's error")
		}
		got, _ := s.QuizAttemptOfUser(ctx, a.ID, u.ID)
		if got.Status != store.AttemptInProgress || got.SubmittedAt != nil {
			t.Fatalf("attempt after a failed hook: %+v, want still in progress", got)
		}
	})
}

func TestQuizAnswerRecordsHoldOnlySubmittedAttempts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := newQuizUser(t, s, "anna@stadt.example")
		open, done := newAttempt(t, s, u.ID), newAttempt(t, s, u.ID)
		_ = s.SaveQuizAnswers(ctx, open.ID, u.ID, []store.QuizAnswer{{QuestionID: "q1", QuestionHash: "h1", Response: `{}`}})
		answer := store.QuizAnswer{QuestionID: "q1", QuestionHash: "h1", Response: `{"options":["a"]}`, Score: 1, Max: 2}
		if _, _, err := s.SubmitQuizAttempt(ctx, done.ID, u.ID, false, fixedGrade(1, answer), nil); err != nil {
			t.Fatal(err)
		}
		rs, err := s.QuizAnswerRecords(ctx, "ki-grundlagen", "was-ist-ki")
		if err != nil || len(rs) != 1 {
			t.Fatalf("records: %+v, %v", rs, err)
		}
		if r := rs[0]; r.Response != answer.Response || r.Score != 1 || r.AttemptScore != 1 || r.AttemptMax != 2 {
			t.Fatalf("record: %+v", r)
		}
	})
}

func TestQuizTimeExtensionCanBeSetChangedAndRemoved(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u, admin := newQuizUser(t, s, "anna@stadt.example"), newQuizUser(t, s, "admin@stadt.example")
		for _, percent := range []int{50, 100} {
			if err := s.SetQuizTimeExtension(ctx, store.QuizTimeExtension{UserID: u.ID, Percent: percent, SetBy: admin.ID, Reason: "Nachteilsausgleich"}); err != nil {
				t.Fatal(err)
			}
			if e, err := s.QuizTimeExtensionOf(ctx, u.ID); err != nil || e.Percent != percent || e.SetBy != admin.ID {
				t.Fatalf("extension: %+v, %v; want %d %%", e, err, percent)
			}
		}
		_ = s.SetQuizTimeExtension(ctx, store.QuizTimeExtension{UserID: u.ID, Percent: 0, SetBy: admin.ID})
		if e, err := s.QuizTimeExtensionOf(ctx, u.ID); err != nil || e.Percent != 0 {
			t.Fatalf("after removing: %+v, %v", e, err)
		}
	})
}
