package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/form"
)

// adminUserQuizTimeUpdate saves a person's extra time. It applies to attempts started afterwards:
// a running attempt keeps the deadline it was started with.
func (a *App) adminUserQuizTimeUpdate(c *fiber.Ctx) error {
	id, _ := strconv.ParseInt(c.Params("id"), 10, 64)
	ctx, l := c.UserContext(), lang(c)
	u, err := a.db.UserByID(ctx, id)
	if err != nil {
		return err
	}
	f := form.NewQuizTime(formValues(c))
	percent, errs := f.Validate()
	if len(errs) > 0 {
		ext, err := a.db.QuizTimeExtensionOf(ctx, id)
		if err != nil {
			return err
		}
		return a.renderQuizTime(c, fiber.StatusUnprocessableEntity, u, ext, f, errs.Translate(tr(l)))
	}
	me := currentUser(c)
	if err := a.db.SetQuizTimeExtension(ctx, store.QuizTimeExtension{UserID: id, Percent: percent, SetBy: me.ID, Reason: f.Reason}); err != nil {
		return err
	}
	a.log.Info("quiz time extension set", "by", me.ID, "user_id", id, "percent", percent)
	webSession(c).flash(i18n.T(l, "quiz.time.saved", u.DisplayName, percent))
	return c.Redirect("/admin/users/"+itoa(id)+"/quiz-time", fiber.StatusSeeOther)
}
