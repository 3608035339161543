package learning

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/quiz"
	"github.com/ailit/ailit/internal/store"
)

// Deadlines: an open attempt whose deadline (plus quiz.SubmitGrace) has passed is submitted by the
// server the next time it is touched (opened, saved, submitted, or the quiz page is visited),
// graded with what was saved until then. There is no background job: the result is the same,
// because nothing can be saved after the deadline anyway. This lazy expiry is the one write a page
// view may cause, and it happens here, in one transaction like every other submit.

// Attempt is a learner's quiz attempt with the module and the drawn layout it is graded against.
type Attempt struct {
	Stored *store.QuizAttempt
	Module *content.Module
	Layout quiz.Layout
}

// QuizModule returns the served module of a course version that has a quiz; ENOTFOUND otherwise.
func (s *Service) QuizModule(courseID, version, moduleID string) (*content.Module, error) {
	v := s.lib.Catalog().Version(courseID, version)
	if v == nil {
		return nil, domain.Errorf(domain.ENOTFOUND, "course version not found")
	}
	m := v.Module(moduleID)
	if m == nil || m.Quiz == nil {
		return nil, domain.Errorf(domain.ENOTFOUND, "quiz not found")
	}
	return m, nil
}

// AttemptOf loads the user's attempt id (another user's is "not found", never "forbidden", so ids
// leak nothing). An open attempt whose deadline passed is submitted first; expired reports that
// this call did so.
func (s *Service) AttemptOf(ctx context.Context, userID, id int64) (a *Attempt, expired bool, err error) {
	at, err := s.db.QuizAttemptOfUser(ctx, id, userID)
	if err != nil {
		return nil, false, err
	}
	m, err := s.QuizModule(at.CourseID, at.Version, at.ModuleID)
	if err != nil {
		return nil, false, err
	}
	if a, err = attemptWith(at, m); err != nil {
		return nil, false, err
	}
	if at.Open() && s.PastDeadline(at) {
		if a.Stored, err = s.SubmitAttempt(ctx, a, true); err != nil {
			return nil, false, err
		}
		return a, true, nil
	}
	return a, false, nil
}

func attemptWith(at *store.QuizAttempt, m *content.Module) (*Attempt, error) {
	var l quiz.Layout
	if err := json.Unmarshal([]byte(at.Layout), &l); err != nil {
		return nil, fmt.Errorf("quiz attempt %d: layout: %w", at.ID, err)
	}
	return &Attempt{Stored: at, Module: m, Layout: l}, nil
}

// PastDeadline reports whether the attempt can no longer be saved or submitted.
func (s *Service) PastDeadline(at *store.QuizAttempt) bool {
	return at.Deadline != nil && s.db.Now().After(at.Deadline.Add(quiz.SubmitGrace))
}

// CloseExpired submits the user's open attempts at the quiz of module m whose deadline passed, and
// returns the user's attempts at it as stored afterwards.
func (s *Service) CloseExpired(ctx context.Context, userID int64, m *content.Module) ([]store.QuizAttempt, error) {
	courseID := m.Version().CourseID
	attempts, err := s.db.QuizAttemptsOfUser(ctx, userID, courseID, m.ID)
	if err != nil {
		return nil, err
	}
	closed := false
	for i := range attempts {
		at := &attempts[i]
		if !at.Open() || !s.PastDeadline(at) {
			continue
		}
		// The attempt may belong to another version of the course: grade it with its own quiz.
		// A version no longer served cannot be graded; the rules count such an attempt as ended at
		// its deadline anyway.
		own, err := s.QuizModule(at.CourseID, at.Version, at.ModuleID)
		if err != nil {
			continue
		}
		a, err := attemptWith(at, own)
		if err != nil {
			return nil, err
		}
		if _, err := s.SubmitAttempt(ctx, a, true); err != nil {
			return nil, err
		}
		closed = true
	}
	if closed {
		return s.db.QuizAttemptsOfUser(ctx, userID, courseID, m.ID)
	}
	return attempts, nil
}

// StartRefused says why no attempt may start now: the quiz's rules (quiz.CanStart) said Reason;
// with quiz.ErrMustWait, Next is when one may; with quiz.ErrAttemptInProgress, Open is the
// attempt that runs (a second click on "start" continues it).
type StartRefused struct {
	Reason error
	Next   time.Time
	Open   *store.QuizAttempt
}

func (e *StartRefused) Error() string { return "quiz attempt refused: " + e.Reason.Error() }

// StartAttempt starts an attempt at the quiz of module m when its rules allow one, after closing
// the user's expired attempts: a new seed from crypto/rand draws the questions and their order,
// and the layout is stored with the attempt, so it shows the same questions after a restart. The
// learner's time extension (percent of the limit) sets the deadline. A refusal is *StartRefused.
func (s *Service) StartAttempt(ctx context.Context, userID int64, m *content.Module) (*store.QuizAttempt, error) {
	if _, err := s.CloseExpired(ctx, userID, m); err != nil {
		return nil, err
	}
	d := *m.Quiz
	ext, err := s.db.QuizTimeExtensionOf(ctx, userID)
	if err != nil {
		return nil, err
	}
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, err
	}
	seed := int64(binary.LittleEndian.Uint64(b[:]) >> 1)
	layout, err := json.Marshal(quiz.NewLayout(d, seed))
	if err != nil {
		return nil, err
	}
	now := s.db.Now()
	v := m.Version()
	at := &store.QuizAttempt{UserID: userID, CourseID: v.CourseID, Version: v.Version, ContentHash: v.Hash,
		ModuleID: m.ID, Seed: seed, Layout: string(layout), StartedAt: now}
	if deadline, ok := quiz.Deadline(now, d, Extension(d, ext.Percent)); ok {
		at.Deadline = &deadline
	}
	err = s.db.StartQuizAttempt(ctx, at, func(history []store.QuizAttempt) error {
		ok, reason, next := quiz.CanStart(d, Summaries(d, history), now)
		if ok {
			return nil
		}
		refused := &StartRefused{Reason: reason, Next: next}
		if errors.Is(reason, quiz.ErrAttemptInProgress) {
			for i := range history {
				if history[i].Open() {
					refused.Open = &history[i]
				}
			}
		}
		return refused
	})
	if err != nil {
		return nil, err
	}
	return at, nil
}

// Summaries turns stored attempts into what the quiz's attempt rules need.
func Summaries(d quiz.Definition, attempts []store.QuizAttempt) []quiz.AttemptSummary {
	out := make([]quiz.AttemptSummary, 0, len(attempts))
	for i := range attempts {
		out = append(out, Summary(d, &attempts[i]))
	}
	return out
}

// Summary is one attempt as the attempt rules see it.
func Summary(d quiz.Definition, at *store.QuizAttempt) quiz.AttemptSummary {
	s := quiz.AttemptSummary{Started: at.StartedAt, Passed: at.Passed}
	if at.SubmittedAt != nil {
		s.Finished = *at.SubmittedAt
	}
	// The deadline stored with the attempt is the record: the extension is what it adds to the limit.
	if limit, ok := quiz.Deadline(at.StartedAt, d, 0); ok && at.Deadline != nil {
		s.Extension = at.Deadline.Sub(limit)
	}
	return s
}

// Extension is the extra time a learner with an extension of percent gets in a quiz with a time
// limit.
func Extension(d quiz.Definition, percent int) time.Duration {
	return time.Duration(d.TimeLimitMinutes) * time.Minute * time.Duration(percent) / 100
}
