package learning

import (
	"context"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/progress"
	"github.com/ailit/ailit/internal/store"
)

// MarkRead marks the lesson of module m read for user userID in version v of course. It fails with
// ErrNotInVersion unless the learner is enrolled in v. When this completes the course, the
// completion is recorded in the same transaction and completedNow is true.
func (s *Service) MarkRead(ctx context.Context, userID int64, course *content.Course, v *content.Version, m *content.Module) (res progress.Result, completedNow bool, err error) {
	e, err := s.enrollmentForWrite(ctx, userID, course)
	if err != nil {
		return res, false, err
	}
	if e == nil || e.Version != v.Version {
		return res, false, ErrNotInVersion
	}
	err = s.db.InTx(ctx, func(tx *store.Tx) (err error) {
		res, completedNow, err = s.recordProgress(tx, e, v, m, stepRead)
		return err
	})
	return res, completedNow, err
}

// progressStep is what a learner just did in a module.
type progressStep int

const (
	stepRead progressStep = iota
	stepQuizPassed
)

// recordProgress records one step in module m of version v (the enrollment's version) inside tx,
// evaluates the completion rule and, when the version is now complete, records the completion in
// the same transaction. completedNow is true only for the step that created the completion.
func (s *Service) recordProgress(tx *store.Tx, e *store.Enrollment, v *content.Version, m *content.Module, step progressStep) (res progress.Result, completedNow bool, err error) {
	mark := tx.MarkLessonDone
	if step == stepQuizPassed {
		mark = tx.MarkQuizPassed
	}
	if err := mark(e.ID, m.ID, m.Hash); err != nil {
		return res, false, err
	}
	if err := tx.TouchEnrollment(e); err != nil {
		return res, false, err
	}
	rows, err := tx.ProgressOf(e.ID)
	if err != nil {
		return res, false, err
	}
	spec := progress.SpecOf(v)
	res = progress.Evaluate(spec, DoneByModule(v, rows))
	if !res.Complete {
		return res, false, nil
	}
	now := tx.Now()
	completion := &store.Completion{UserID: e.UserID, CourseID: v.CourseID, Version: v.Version, ContentHash: v.Hash,
		CompletedAt: now, ValidUntil: progress.ValidUntil(now, spec.ValidityMonths)}
	completedNow, err = tx.RecordCompletion(completion)
	return res, completedNow, err
}
