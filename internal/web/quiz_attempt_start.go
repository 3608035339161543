package web

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/learning"
	"github.com/ailit/ailit/internal/quiz"
)

// quizAttemptStart starts an attempt when the quiz's rules allow one (learning.StartAttempt) and
// opens it. A second click on "start" while an attempt runs continues that one.
func (a *App) quizAttemptStart(c *fiber.Ctx) error {
	m, err := a.quizModuleFromParams(c)
	if err != nil {
		return err
	}
	u, l := currentUser(c), lang(c)
	at, err := a.learn.StartAttempt(c.UserContext(), u.ID, m)
	var refused *learning.StartRefused
	switch {
	case errors.As(err, &refused) && refused.Open != nil:
		webSession(c).flash(i18n.T(l, "quiz.flash.resume"))
		return c.Redirect(attemptPath(refused.Open.ID, ""), fiber.StatusSeeOther)
	case errors.As(err, &refused) && errors.Is(refused.Reason, quiz.ErrMustWait):
		return domain.Errorf(domain.ECONFLICT, "%s", i18n.T(l, "quiz.blocked.wait", i18n.FormatDateTime(l, refused.Next)))
	case errors.As(err, &refused):
		return domain.Errorf(domain.ECONFLICT, "%s", i18n.T(l, blockedKey(refused.Reason)))
	case err != nil:
		return err
	}
	a.log.Info("quiz attempt started", "user_id", u.ID, "attempt_id", at.ID, "course", at.CourseID, "module", at.ModuleID)
	return c.Redirect(attemptPath(at.ID, ""), fiber.StatusSeeOther)
}
