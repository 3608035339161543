package web

import (
	"net/url"
	"strings"
	"unicode"

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

// safeNext allows only local paths as a redirect target after login (no open redirect). Browsers
// drop tabs, CR and LF anywhere in a URL and read a backslash as a slash, so "/\t/evil.example"
// becomes "//evil.example", another host: any control character or backslash falls back to "/", and
// so does anything that parses with a scheme or a host.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") {
		return "/"
	}
	for _, r := range next {
		if r < 0x20 || r == 0x7f || r == '\\' || unicode.IsSpace(r) || (r >= 0x80 && r <= 0x9f) {
			return "/"
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || !strings.HasPrefix(u.Path, "/") {
		return "/"
	}
	return next
}
