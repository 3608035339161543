package web

import (
	"context"

	"github.com/gofiber/fiber/v2"
	"gorm.io/gorm"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/progress"
	"github.com/ailit/ailit/internal/store"
)

// Learning progress is computed on write: marking a lesson read or passing a quiz evaluates the
// completion rule in the same transaction and records the completion there and then, so the record
// and its evidence event never lag behind (Moodle computes completion in a cron job). The pure rules
// live in internal/progress; this file loads and stores.

// LearnerState is what the course and lesson pages show about the current user in one version.
type LearnerState struct {
	Enrollment *store.Enrollment               // nil when the user is not enrolled in the course
	Here       bool                            // enrolled in exactly this version
	Progress   progress.Result                 // the evaluation of this version, when Here
	States     map[string]progress.ModuleState // module id → state, when Here
	Completion *store.Completion               // the user's completion of this version, if any
	Decision   progress.Decision               // what the change policy offers (a newer release …)
}

// ModuleState is the state of one module, "" when the user is not learning this version.
func (s *LearnerState) ModuleState(moduleID string) progress.ModuleState { return s.States[moduleID] }

// LessonRead reports whether the lesson of a module is marked read in this version.
func (s *LearnerState) LessonRead(moduleID string) bool {
	for _, m := range s.Progress.Modules {
		if m.ID == moduleID {
			return m.ReadDone
		}
	}
	return false
}

// learnerState tells the course and lesson pages where the current user stands in version v. It
// applies the automatic part of the change policy first (a learner in progress moves to the newest
// patch release), so the state is the one the next click will see.
func (a *App) learnerState(c *fiber.Ctx, v *content.Version) (*LearnerState, error) {
	ctx := c.UserContext()
	u := currentUser(c)
	course := a.lib.Catalog().Course(v.CourseID)
	st := &LearnerState{}
	if course == nil {
		return st, nil
	}
	e, completed, err := a.enrollmentIn(ctx, u.ID, course)
	if err != nil || e == nil {
		return st, err
	}
	st.Enrollment = e
	st.Decision = progress.Decide(progress.ReleasesOf(course), e.Version, completed)
	if st.Completion, err = store.CompletionFor(a.db.R.WithContext(ctx), u.ID, v.CourseID, v.Version); err != nil {
		return nil, err
	}
	if st.Here = e.Version == v.Version; !st.Here {
		return st, nil
	}
	rows, err := store.ProgressOf(a.db.R.WithContext(ctx), e.ID)
	if err != nil {
		return nil, err
	}
	st.Progress = progress.Evaluate(progress.SpecOf(v), doneByModule(v, rows))
	st.States = map[string]progress.ModuleState{}
	for _, m := range st.Progress.Modules {
		st.States[m.ID] = m.State
	}
	return st, nil
}

// enrollmentIn loads the user's enrollment in a course (nil when there is none) and whether the
// pinned version is completed. A learner in progress whose version got patch releases is moved to
// the newest of them here, keeping their progress.
func (a *App) enrollmentIn(ctx context.Context, userID int64, course *content.Course) (*store.Enrollment, bool, error) {
	e, err := a.db.EnrollmentOf(ctx, userID, course.ID)
	if err != nil || e == nil {
		return nil, false, err
	}
	done, err := store.CompletionFor(a.db.R.WithContext(ctx), userID, course.ID, e.Version)
	if err != nil {
		return nil, false, err
	}
	releases := progress.ReleasesOf(course)
	if d := progress.Decide(releases, e.Version, done != nil); d.MoveTo != "" {
		if _, err := a.moveEnrollment(ctx, e, course, d.MoveTo, true); err != nil {
			return nil, false, err
		}
	}
	return e, done != nil, nil
}

// moveEnrollment pins e to version to of its course. With keepProgress, progress on modules the
// change policy carries over is kept (progress.Carry); without, the learner starts afresh (a
// recertification). It returns how many modules kept their progress.
func (a *App) moveEnrollment(ctx context.Context, e *store.Enrollment, course *content.Course, to string, keepProgress bool) (int, error) {
	target := course.Version(to)
	if target == nil {
		return 0, nil
	}
	kept := 0
	err := a.db.Tx(ctx, func(tx *gorm.DB) error {
		current, err := a.db.EnrollmentForUpdate(tx, e.UserID, e.CourseID)
		if err != nil {
			return err
		}
		if current.Version != e.Version { // moved meanwhile by another request
			*e = *current
			return nil
		}
		carry := map[string]string{}
		if keepProgress {
			rows, err := store.ProgressOf(tx, e.ID)
			if err != nil {
				return err
			}
			recorded := map[string]string{}
			for _, r := range rows {
				recorded[r.ModuleID] = r.ModuleHash
			}
			carry = progress.Carry(progress.ReleasesOf(course), e.Version, to, recorded)
		}
		kept = len(carry)
		return a.db.MoveEnrollment(tx, e, target.Version, target.Hash, carry)
	})
	return kept, err
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
func (a *App) recordProgress(tx *gorm.DB, e *store.Enrollment, v *content.Version, m *content.Module, step progressStep) (res progress.Result, completedNow bool, err error) {
	mark := a.db.MarkLessonDone
	if step == stepQuizPassed {
		mark = a.db.MarkQuizPassed
	}
	if err := mark(tx, e.ID, m.ID, m.Hash); err != nil {
		return res, false, err
	}
	if err := a.db.TouchEnrollment(tx, e.ID); err != nil {
		return res, false, err
	}
	rows, err := store.ProgressOf(tx, e.ID)
	if err != nil {
		return res, false, err
	}
	spec := progress.SpecOf(v)
	res = progress.Evaluate(spec, doneByModule(v, rows))
	if !res.Complete {
		return res, false, nil
	}
	now := a.db.Now()
	completion := &store.Completion{UserID: e.UserID, CourseID: v.CourseID, Version: v.Version, ContentHash: v.Hash,
		CompletedAt: now, ValidUntil: progress.ValidUntil(now, spec.ValidityMonths)}
	completedNow, err = a.db.RecordCompletion(tx, completion)
	return res, completedNow, err
}

// onQuizGraded is the quiz engine's afterGrade hook: it runs in the grading transaction. A passed
// quiz counts for its module in the learner's enrollment (a learner who was not enrolled is
// enrolled in the quiz's version) and may complete the course in the same transaction. A pass in
// another version counts only when the module's content is the same in both.
func (a *App) onQuizGraded(tx *gorm.DB, at *store.QuizAttempt) error {
	if !at.Passed {
		return nil
	}
	cat := a.lib.Catalog()
	quizVersion := cat.Version(at.CourseID, at.Version)
	if quizVersion == nil || quizVersion.Module(at.ModuleID) == nil {
		return nil
	}
	e := &store.Enrollment{UserID: at.UserID, CourseID: at.CourseID, Version: at.Version, ContentHash: quizVersion.Hash}
	if _, err := a.db.EnrollIn(tx, e); err != nil {
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
	_, _, err := a.recordProgress(tx, e, v, m, stepQuizPassed)
	return err
}

// doneByModule turns progress rows into what the completion rule reads. Rows recorded for other
// content than the module has in v are ignored (the change policy moves them with the enrollment,
// so this happens only if a version was replaced on disk).
func doneByModule(v *content.Version, rows []store.LessonProgress) map[string]progress.Done {
	done := make(map[string]progress.Done, len(rows))
	for _, r := range rows {
		if m := v.Module(r.ModuleID); m == nil || m.Hash != r.ModuleHash {
			continue
		}
		done[r.ModuleID] = progress.Done{Read: r.DoneAt != nil, QuizPassed: r.QuizPassedAt != nil}
	}
	return done
}
