package learning

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/ailit/ailit/internal/quiz"
	"github.com/ailit/ailit/internal/store"
)

// SubmitAttempt grades the saved answers of attempt a (the quiz of its module, drawn as its layout) and
// stores the result in one transaction; a pass counts for the module and may complete the course
// in the same transaction (afterGrade). auto marks a submit by the server after the deadline. A
// replayed submit finds the attempt submitted and grades nothing. It returns the attempt as stored.
func (s *Service) SubmitAttempt(ctx context.Context, a *Attempt, auto bool) (*store.QuizAttempt, error) {
	at, m, layout := a.Stored, a.Module, a.Layout
	grade := func(at *store.QuizAttempt) (store.QuizGrade, error) {
		responses, err := SavedResponses(at)
		if err != nil {
			return store.QuizGrade{}, err
		}
		res := quiz.Grade(*m.Quiz, layout, responses)
		g := store.QuizGrade{Score: res.Score, Max: res.Max, Percent: res.Percent, Passed: res.Passed}
		for _, qr := range res.Questions {
			b, err := json.Marshal(responses[qr.ID])
			if err != nil {
				return store.QuizGrade{}, err
			}
			g.Answers = append(g.Answers, store.QuizAnswer{QuestionID: qr.ID, QuestionHash: m.QuestionHashes[qr.ID],
				Response: string(b), Score: qr.Score, Max: qr.Max})
		}
		return g, nil
	}
	stored, gradedNow, err := s.db.SubmitQuizAttempt(ctx, at.ID, at.UserID, auto, grade, s.afterGrade)
	if err != nil || gradedNow {
		return stored, err // graded now: as the transaction stored it, answers included
	}
	return s.db.QuizAttemptOfUser(ctx, stored.ID, stored.UserID) // submitted before: as stored then
}

// afterGrade runs in the grading transaction. A passed quiz counts for its module in the learner's
// enrollment (a learner who was not enrolled is enrolled in the quiz's version) and may complete
// the course in the same transaction. A pass in another version counts only when the module's
// content is the same in both.
func (s *Service) afterGrade(tx *store.Tx, at *store.QuizAttempt) error {
	if !at.Passed {
		return nil
	}
	cat := s.lib.Catalog()
	quizVersion := cat.Version(at.CourseID, at.Version)
	if quizVersion == nil || quizVersion.Module(at.ModuleID) == nil {
		return nil
	}
	e := &store.Enrollment{UserID: at.UserID, CourseID: at.CourseID, Version: at.Version, ContentHash: quizVersion.Hash}
	if _, err := tx.EnrollIn(e); err != nil {
		return err
	}
	v := cat.Version(e.CourseID, e.Version)
	if v == nil {
		return nil
	}
	m := v.Module(at.ModuleID)
	if m == nil || m.Hash != quizVersion.Module(at.ModuleID).Hash {
		return nil
	}
	_, _, err := s.recordProgress(tx, e, v, m, stepQuizPassed)
	return err
}

// SavedResponses decodes the stored answers of an attempt.
func SavedResponses(at *store.QuizAttempt) (map[string]quiz.Response, error) {
	out := map[string]quiz.Response{}
	for _, an := range at.Answers {
		var r quiz.Response
		if err := json.Unmarshal([]byte(an.Response), &r); err != nil {
			return nil, fmt.Errorf("quiz attempt %d, question %s: %w", at.ID, an.QuestionID, err)
		}
		out[an.QuestionID] = r
	}
	return out, nil
}
