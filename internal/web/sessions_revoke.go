package web

import "github.com/gofiber/fiber/v2"

// sessionsRevoke logs the user out everywhere, including here.
func (a *App) sessionsRevoke(c *fiber.Ctx) error {
	u := currentUser(c)
	n, err := a.db.DeleteSessionsOfUser(c.UserContext(), u.ID, "")
	if err != nil {
		return err
	}
	a.log.Info("logged out everywhere", "user_id", u.ID, "sessions", n)
	webSession(c).logout()
	return c.Redirect("/login?ended=all", fiber.StatusSeeOther)
}
