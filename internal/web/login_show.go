package web

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/i18n"
)

type loginPage struct {
	Email, Next, Message, Info string
	Hint                       string     // after a failed login: whom to turn to (loginHelp)
	SSO                        ssoOptions // single sign-on buttons and notices (sso_services.go)
}

// loginShow shows the login form; a logged-in user goes straight on.
func (a *App) loginShow(c *fiber.Ctx) error {
	next := safeNext(c.Query("next"))
	if currentUser(c) != nil {
		return c.Redirect(next, fiber.StatusSeeOther)
	}
	page := loginPage{Next: next, SSO: a.ssoOptions()}
	switch c.Query("ended") {
	case "all":
		page.Info = i18n.T(lang(c), "login.ended.all")
	}
	return a.render(c, fiber.StatusOK, "login", page, nil)
}

// safeNext allows only local paths as a redirect target after login (no open redirect).
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}
