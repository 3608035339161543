package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/content"
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
	av, questions, err := a.openAttempt(c)
	if av == nil || err != nil {
		return err
	}
	p := quizConfirmPage{ID: av.Attempt().ID, Module: av.Module(), ContentLang: contentLang(c, av.Module().Version()),
		Total: len(questions), Action: attemptPath(av.Attempt().ID, "/submit"), Back: attemptPath(av.Attempt().ID, "")}
	for _, q := range questions {
		if q.Answered {
			p.Answered++
		} else {
			p.Unanswered = append(p.Unanswered, q)
		}
	}
	return a.render(c, fiber.StatusOK, "quiz_confirm", p, nil)
}
