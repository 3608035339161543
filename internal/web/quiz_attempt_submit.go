package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/i18n"
)

// quizAttemptSubmit grades the saved answers and closes the attempt. A replayed submit (the button
// pressed twice, the page reloaded) grades nothing and leads to the result of the first one. A
// submit after the deadline is refused with 409; the attempt is then graded with what was saved in
// time (see quiz.go).
func (a *App) quizAttemptSubmit(c *fiber.Ctx) error {
	l := lang(c)
	av, expired, err := a.userAttempt(c)
	if err != nil {
		return err
	}
	if expired {
		return a.quizClosed(c, av)
	}
	if !av.Attempt().Open() {
		webSession(c).flash(i18n.T(l, "quiz.flash.already"))
		return c.Redirect(attemptPath(av.Attempt().ID, "/result"), fiber.StatusSeeOther)
	}
	if err := a.submitAttempt(c.UserContext(), av, false); err != nil {
		return err
	}
	at := av.Attempt()
	a.log.Info("quiz attempt submitted", "user_id", at.UserID, "attempt_id", at.ID, "percent", at.Percent, "passed", at.Passed)
	return c.Redirect(attemptPath(at.ID, "/result"), fiber.StatusSeeOther)
}
