package web

import (
	"errors"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/learning"
	"github.com/ailit/ailit/internal/quiz"
	"github.com/ailit/ailit/internal/store"
)

// quizIntro is the quiz page of a module before an attempt: the rules, the learner's attempts so
// far, and whether (or from when) a new attempt can start.
type quizIntro struct {
	Module      *content.Module
	ContentLang string
	Questions   int
	Quiz        quiz.Definition
	TimeLimit   int // minutes including the learner's extension; 0 = none
	Extended    bool
	Used, Left  int // Left is -1 when attempts are unlimited
	Best        *store.QuizAttempt
	Passed      bool
	Open        *store.QuizAttempt
	Submitted   []store.QuizAttempt
	CanStart    bool
	Blocked     string    // i18n key of why no attempt can start now
	NextAllowed time.Time // with quiz.ErrMustWait
	StartAction string
}

// quizIntroShow shows the quiz page of a module.
func (a *App) quizIntroShow(c *fiber.Ctx) error {
	m, err := a.quizModuleFromParams(c)
	if err != nil {
		return err
	}
	attempts, err := a.learn.CloseExpired(c.UserContext(), currentUser(c).ID, m)
	if err != nil {
		return err
	}
	ext, err := a.db.QuizTimeExtensionOf(c.UserContext(), currentUser(c).ID)
	if err != nil {
		return err
	}
	d := *m.Quiz
	p := quizIntro{Module: m, ContentLang: contentLang(c, m.Version()), Quiz: d, Questions: len(d.Questions),
		Used: len(attempts), Left: -1, StartAction: quizPath(m.Version().CourseID, m.Version().Version, m.ID) + "/attempts"}
	if d.Draw > 0 {
		p.Questions = d.Draw
	}
	if d.TimeLimitMinutes > 0 {
		p.TimeLimit = d.TimeLimitMinutes + d.TimeLimitMinutes*ext.Percent/100
		p.Extended = ext.Percent > 0
	}
	if d.Attempts > 0 {
		p.Left = max(0, d.Attempts-len(attempts))
	}
	for i := range attempts {
		at := &attempts[i]
		switch {
		case at.Open():
			p.Open = at
		default:
			p.Submitted = append(p.Submitted, *at)
			p.Passed = p.Passed || at.Passed
			if p.Best == nil || at.Percent > p.Best.Percent {
				p.Best = at
			}
		}
	}
	ok, reason, next := quiz.CanStart(d, learning.Summaries(d, attempts), a.db.Now())
	p.CanStart, p.Blocked, p.NextAllowed = ok, blockedKey(reason), next
	return a.render(c, fiber.StatusOK, "quiz_intro", p, nil)
}

// blockedKey is the i18n key that explains a refusal of quiz.CanStart.
func blockedKey(reason error) string {
	switch {
	case reason == nil:
		return ""
	case errors.Is(reason, quiz.ErrNoAttemptsLeft):
		return "quiz.blocked.noattempts"
	case errors.Is(reason, quiz.ErrMustWait):
		return "quiz.blocked.wait"
	case errors.Is(reason, quiz.ErrAttemptInProgress):
		return "quiz.blocked.inprogress"
	}
	return "quiz.blocked.other"
}
