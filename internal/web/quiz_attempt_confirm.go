package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/i18n"
)

// quizConfirmPage asks before the final submission (WCAG 3.3.4): how many questions are answered,
// and links back to the ones that are not.
type quizConfirmPage struct {
	ID          int64
	Module      *content.Module
	ContentLang string
	Answered    int
	Total       int
	Unanswered  []questionView
	Action      string
	Back        string
}

// quizAttemptConfirm shows the summary before "Endgültig abgeben".
func (a *App) quizAttemptConfirm(c *fiber.Ctx) error {
	av, expired, err := a.userAttempt(c)
	if err != nil {
		return err
	}
	if !av.Attempt.Open() {
		if expired {
			webSession(c).flash(i18n.T(lang(c), "quiz.flash.expired"))
		}
		return c.Redirect(attemptPath(av.Attempt.ID, "/result"), fiber.StatusSeeOther)
	}
	questions, err := attemptQuestions(av)
	if err != nil {
		return err
	}
	p := quizConfirmPage{ID: av.Attempt.ID, Module: av.Module, ContentLang: contentLang(c, av.Module.Version()),
		Total: len(questions), Action: attemptPath(av.Attempt.ID, "/submit"), Back: attemptPath(av.Attempt.ID, "")}
	for _, q := range questions {
		if q.Answered {
			p.Answered++
		} else {
			p.Unanswered = append(p.Unanswered, q)
		}
	}
	return a.render(c, fiber.StatusOK, "quiz_confirm", p, nil)
}
