package web

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/quiz"
	"github.com/ailit/ailit/internal/store"
)

// Quiz pages: the pure engine in internal/quiz draws, presents, grades and reviews; these handlers
// only load and store. Every attempt handler loads the attempt through userAttempt, which finds only
// the current user's attempts (another user's id is "not found", never "forbidden", so ids leak
// nothing) and closes an attempt whose deadline passed.
//
// Deadlines: an open attempt whose deadline (plus quiz.SubmitGrace) has passed is submitted by the
// server the next time it is touched (opened, saved, submitted, or the quiz page is visited), graded
// with what was saved until then. There is no background job: the result is the same, because
// nothing can be saved after the deadline anyway.

// quizPath is the quiz page of a module (the lesson page links to it).
func quizPath(courseID, version, moduleID string) string {
	return "/courses/" + courseID + "/v/" + version + "/m/" + moduleID + "/quiz"
}

func attemptPath(id int64, suffix string) string {
	return "/quiz/attempts/" + strconv.FormatInt(id, 10) + suffix
}

// quizModule returns a published module that has a quiz.
func (a *App) quizModule(courseID, version, moduleID string) (*content.Module, error) {
	v := a.lib.Catalog().Version(courseID, version)
	if v == nil {
		return nil, domain.Errorf(domain.ENOTFOUND, "course version not found")
	}
	m := v.Module(moduleID)
	if m == nil || m.Quiz == nil {
		return nil, domain.Errorf(domain.ENOTFOUND, "quiz not found")
	}
	return m, nil
}

// quizModuleFromParams is quizModule for the :course, :version and :module route parameters.
func (a *App) quizModuleFromParams(c *fiber.Ctx) (*content.Module, error) {
	return a.quizModule(c.Params("course"), c.Params("version"), c.Params("module"))
}

// attemptView is an attempt with what every attempt page needs.
type attemptView struct {
	Attempt *store.QuizAttempt
	Module  *content.Module
	Quiz    quiz.Definition
	Layout  quiz.Layout
}

// userAttempt loads the current user's attempt named by :id, closing it first when its deadline
// has passed (see above); expired reports that this request did so.
func (a *App) userAttempt(c *fiber.Ctx) (av *attemptView, expired bool, err error) {
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil {
		return nil, false, domain.Errorf(domain.ENOTFOUND, "quiz attempt not found")
	}
	ctx := c.UserContext()
	at, err := a.db.QuizAttemptOfUser(ctx, id, currentUser(c).ID)
	if err != nil {
		return nil, false, err
	}
	m, err := a.quizModule(at.CourseID, at.Version, at.ModuleID)
	if err != nil {
		return nil, false, err
	}
	var l quiz.Layout
	if err := json.Unmarshal([]byte(at.Layout), &l); err != nil {
		return nil, false, fmt.Errorf("quiz attempt %d: layout: %w", at.ID, err)
	}
	av = &attemptView{Attempt: at, Module: m, Quiz: *m.Quiz, Layout: l}
	if at.Open() && a.pastDeadline(at) {
		if err := a.submitAttempt(ctx, av, true); err != nil {
			return nil, false, err
		}
		return av, true, nil
	}
	return av, false, nil
}

// pastDeadline reports whether the attempt can no longer be saved or submitted.
func (a *App) pastDeadline(at *store.QuizAttempt) bool {
	return at.Deadline != nil && a.db.Now().After(at.Deadline.Add(quiz.SubmitGrace))
}

// submitAttempt grades the attempt's saved answers and stores the result (learning.SubmitAttempt);
// av.Attempt is replaced by the attempt as stored.
func (a *App) submitAttempt(ctx context.Context, av *attemptView, auto bool) error {
	stored, err := a.learn.SubmitAttempt(ctx, av.Attempt, av.Module, av.Layout, auto)
	if err != nil {
		return err
	}
	av.Attempt = stored
	return nil
}

// attemptSummaries turns stored attempts into what the attempt rules need.
func attemptSummaries(d quiz.Definition, attempts []store.QuizAttempt) []quiz.AttemptSummary {
	out := make([]quiz.AttemptSummary, 0, len(attempts))
	for _, at := range attempts {
		out = append(out, attemptSummary(d, &at))
	}
	return out
}

func attemptSummary(d quiz.Definition, at *store.QuizAttempt) quiz.AttemptSummary {
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

// extensionFor is the extra time a learner gets in a quiz with a time limit.
func extensionFor(d quiz.Definition, percent int) time.Duration {
	return time.Duration(d.TimeLimitMinutes) * time.Minute * time.Duration(percent) / 100
}

// closeExpiredAttempts submits the learner's open attempts at this quiz whose deadline passed, and
// returns the attempts as stored afterwards.
func (a *App) closeExpiredAttempts(c *fiber.Ctx, m *content.Module) ([]store.QuizAttempt, error) {
	ctx := c.UserContext()
	u := currentUser(c)
	attempts, err := a.db.QuizAttemptsOfUser(ctx, u.ID, m.Version().CourseID, m.ID)
	if err != nil {
		return nil, err
	}
	closed := false
	for i := range attempts {
		at := &attempts[i]
		if !at.Open() || !a.pastDeadline(at) {
			continue
		}
		// The attempt may belong to another version of the course: grade it with its own quiz.
		// A version no longer served cannot be graded; the rules count such an attempt as ended at
		// its deadline anyway.
		own, err := a.quizModule(at.CourseID, at.Version, at.ModuleID)
		if err != nil {
			continue
		}
		var l quiz.Layout
		if err := json.Unmarshal([]byte(at.Layout), &l); err != nil {
			return nil, err
		}
		if err := a.submitAttempt(ctx, &attemptView{Attempt: at, Module: own, Quiz: *own.Quiz, Layout: l}, true); err != nil {
			return nil, err
		}
		closed = true
	}
	if closed {
		return a.db.QuizAttemptsOfUser(ctx, u.ID, m.Version().CourseID, m.ID)
	}
	return attempts, nil
}

// quizClosed answers a save or submit that came after the deadline: the attempt has been graded
// with what was saved before, and the page says so and links to the result.
func (a *App) quizClosed(c *fiber.Ctx, av *attemptView) error {
	return a.render(c, fiber.StatusConflict, "quiz_closed", av, nil)
}

// formatDecimal shows points and percentages with at most two decimals, with a decimal comma in
// German ("2,5"), as the template function decimal.
func formatDecimal(lang string, f float64) string {
	s := strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64)
	if lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}
