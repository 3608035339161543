package web

import "github.com/gofiber/fiber/v2"

// logout ends the current session.
func (a *App) logout(c *fiber.Ctx) error {
	webSession(c).logout()
	return c.Redirect("/login", fiber.StatusSeeOther)
}
