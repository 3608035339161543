package web

import (
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/web/form"
)

type accountPage struct {
	MinLength int
	Sessions  []sessionRow
}

type sessionRow struct {
	Device                string
	CreatedAt, LastSeenAt time.Time
	Current               bool
}

// accountShow shows the user's data, the change-password form and their active sessions.
func (a *App) accountShow(c *fiber.Ctx) error {
	return a.renderAccount(c, fiber.StatusOK, nil)
}

func (a *App) renderAccount(c *fiber.Ctx, status int, errs map[string]string) error {
	u := currentUser(c)
	list, err := a.db.SessionsOfUser(c.UserContext(), u.ID)
	if err != nil {
		return err
	}
	page := accountPage{MinLength: form.MinPasswordLength}
	current := webSession(c).s.ID
	for _, s := range list {
		page.Sessions = append(page.Sessions, sessionRow{
			Device: describeUserAgent(s.UserAgent), CreatedAt: s.CreatedAt, LastSeenAt: s.LastSeenAt, Current: s.ID == current,
		})
	}
	return a.render(c, status, "account", page, errs)
}

// describeUserAgent names the browser and system in words people recognise.
func describeUserAgent(ua string) string {
	browser, system := "Browser", ""
	for _, b := range []struct{ token, name string }{{"Edg/", "Edge"}, {"Firefox/", "Firefox"}, {"Chrome/", "Chrome"}, {"Safari/", "Safari"}} {
		if strings.Contains(ua, b.token) {
			browser = b.name
			break
		}
	}
	for _, s := range []struct{ token, name string }{{"Windows", "Windows"}, {"Mac OS", "macOS"}, {"Android", "Android"}, {"iPhone", "iOS"}, {"Linux", "Linux"}} {
		if strings.Contains(ua, s.token) {
			system = s.name
			break
		}
	}
	if system == "" {
		return browser
	}
	return browser + " (" + system + ")"
}
