package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/auth"
	"github.com/ailit/ailit/internal/i18n"
)

// languageSet switches the UI language and goes back to the page the user was on. For a logged-in
// user the choice is kept in the account.
func (a *App) languageSet(c *fiber.Ctx) error {
	l := i18n.Normalize(c.FormValue("lang"))
	webSession(c).set(auth.KeyLang, l)
	if u := currentUser(c); u != nil {
		if err := a.db.SetLanguage(c.UserContext(), u.ID, l); err != nil {
			return err
		}
	}
	return c.Redirect(safeNext(c.FormValue("next")), fiber.StatusSeeOther)
}
