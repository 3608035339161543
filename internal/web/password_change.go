package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/auth"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/web/form"
)

// passwordChange sets a new password after checking the current one, and ends every other session.
func (a *App) passwordChange(c *fiber.Ctx) error {
	u := currentUser(c)
	l := lang(c)
	f := form.NewPassword(formValues(c))
	errs := f.Validate()
	if _, ok := errs["current"]; !ok {
		if ok, _ := auth.CheckPassword(f.Current, u.PasswordHash); !ok {
			errs["current"] = "form.password.wrong"
		}
	}
	if len(errs) > 0 {
		return a.renderAccount(c, fiber.StatusUnprocessableEntity, errs.Translate(tr(l)))
	}
	hash, err := auth.HashPassword(f.New)
	if err != nil {
		return err
	}
	ws := webSession(c)
	if err := a.db.SetPassword(c.UserContext(), u.ID, hash, ws.s.ID); err != nil {
		return err
	}
	ws.flash(i18n.T(l, "account.password.changed"))
	return c.Redirect("/account", fiber.StatusSeeOther)
}
