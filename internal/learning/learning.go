// Package learning owns the learning workflow: where a learner stands in a course, marking a
// lesson read, grading a quiz attempt, the run-time data of package modules, and moving learners
// between releases. Each write is one transaction owned here; the pure rules live in
// internal/progress, internal/quiz and internal/scorm, the rows in internal/store. The HTML
// handlers (internal/web), the API and the command line call this package and never open a
// transaction themselves.
//
// Progress is computed on write: marking a lesson read or passing a quiz evaluates the completion
// rule in the same transaction and records the completion there and then, so the record and its
// evidence event never lag behind (Moodle computes completion in a cron job).
package learning

import (
	"context"
	"errors"
	"log/slog"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/progress"
	"github.com/ailit/ailit/internal/store"
)

// ErrNotInVersion means the learner is not enrolled in the version they act in (they switched
// releases in another tab, or never enrolled).
var ErrNotInVersion = errors.New("learning: not enrolled in this version")

// Service is the learning workflow over one store and course library.
type Service struct {
	db  *store.Store
	lib *content.Library
	log *slog.Logger
}

// New returns the service. It moves learners in progress to new patch releases after every reload
// of the library (MovePatchReleases), so that page views only read.
func New(db *store.Store, lib *content.Library, log *slog.Logger) *Service {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Service{db: db, lib: lib, log: log}
	lib.AfterReload(func(*content.Catalog) {
		if n, err := s.MovePatchReleases(context.Background()); err != nil {
			log.Error("moving learners to new patch releases failed", "error", err)
		} else if n > 0 {
			log.Info("learners moved to new patch releases", "enrollments", n)
		}
	})
	return s
}

// State is what the course and lesson pages show about a learner in one version.
type State struct {
	Enrollment *store.Enrollment               // nil when the user is not enrolled in the course
	Here       bool                            // enrolled in exactly this version
	Progress   progress.Result                 // the evaluation of this version, when Here
	States     map[string]progress.ModuleState // module id → state, when Here
	Completion *store.Completion               // the user's completion of this version, if any
	Decision   progress.Decision               // what the change policy offers (a newer release …)
}

// ModuleState is the state of one module, "" when the user is not learning this version.
func (s *State) ModuleState(moduleID string) progress.ModuleState { return s.States[moduleID] }

// LessonRead reports whether the lesson of a module is marked read in this version.
func (s *State) LessonRead(moduleID string) bool {
	for _, m := range s.Progress.Modules {
		if m.ID == moduleID {
			return m.ReadDone
		}
	}
	return false
}

// State tells where user userID stands in version v. It only reads.
func (s *Service) State(ctx context.Context, userID int64, v *content.Version) (*State, error) {
	course := s.lib.Catalog().Course(v.CourseID)
	if course == nil {
		return &State{}, nil
	}
	lc, err := s.db.LearnerCourseOf(ctx, userID, course.ID)
	if err != nil {
		return nil, err
	}
	return s.stateIn(ctx, userID, course, v, lc)
}

// CourseState is State for the version of the course the user should take: the one their
// enrollment is pinned to (after the change policy moved it), else the newest published version.
// Both come from one read.
func (s *Service) CourseState(ctx context.Context, userID int64, course *content.Course) (*content.Version, *State, error) {
	lc, err := s.db.LearnerCourseOf(ctx, userID, course.ID)
	if err != nil {
		return nil, nil, err
	}
	v := course.Latest()
	if lc.Enrollment != nil {
		if pinned := course.Version(lc.Enrollment.Version); pinned != nil {
			v = pinned
		}
	}
	st, err := s.stateIn(ctx, userID, course, v, lc)
	return v, st, err
}

// stateIn is State from what LearnerCourseOf read.
func (s *Service) stateIn(ctx context.Context, userID int64, course *content.Course, v *content.Version, lc store.LearnerCourse) (st *State, err error) {
	st = &State{}
	e := lc.Enrollment
	if e == nil {
		return st, nil
	}
	st.Enrollment = e
	st.Decision = progress.Decide(progress.ReleasesOf(course), e.Version, lc.Completion != nil)
	if st.Here = e.Version == v.Version; !st.Here {
		st.Completion, err = s.db.CompletionFor(ctx, userID, v.CourseID, v.Version)
		return st, err
	}
	st.Completion = lc.Completion
	st.Progress = progress.Evaluate(progress.SpecOf(v), DoneByModule(v, lc.Progress))
	st.States = make(map[string]progress.ModuleState, len(st.Progress.Modules))
	for _, m := range st.Progress.Modules {
		st.States[m.ID] = m.State
	}
	return st, nil
}

// Enrollment returns the user's enrollment in a course (nil when there is none) and whether its
// pinned version is completed. It only reads.
func (s *Service) Enrollment(ctx context.Context, userID int64, course *content.Course) (*store.Enrollment, bool, error) {
	lc, err := s.db.LearnerCourseOf(ctx, userID, course.ID)
	return lc.Enrollment, lc.Completion != nil, err
}

// DoneByModule turns progress rows into what the completion rule reads. Rows recorded for other
// content than the module has in v are ignored (the change policy moves them with the enrollment,
// so this happens only if a version was replaced on disk).
func DoneByModule(v *content.Version, rows []store.LessonProgress) map[string]progress.Done {
	done := make(map[string]progress.Done, len(rows))
	for _, r := range rows {
		if m := v.Module(r.ModuleID); m == nil || m.Hash != r.ModuleHash {
			continue
		}
		done[r.ModuleID] = progress.Done{Read: r.DoneAt != nil, QuizPassed: r.QuizPassedAt != nil}
	}
	return done
}
