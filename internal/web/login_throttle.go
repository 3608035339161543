package web

import (
	"errors"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/auth"
	"github.com/ailit/ailit/internal/i18n"
)

// loginThrottled answers an attempt the throttle refused without checking the password: 429 with
// Retry-After and the wait in words.
func (a *App) loginThrottled(c *fiber.Ctx, page loginPage, err error) error {
	wait := 15 * time.Minute
	var te *auth.ThrottledError
	if errors.As(err, &te) {
		wait = te.RetryAfter
	}
	secs := int(wait.Seconds())
	c.Set(fiber.HeaderRetryAfter, strconv.Itoa(secs))
	l := lang(c)
	if secs < 120 {
		page.Message = i18n.T(l, "ops.login.wait_seconds", secs)
	} else {
		page.Message = i18n.T(l, "ops.login.wait_minutes", (secs+59)/60)
	}
	a.log.Warn("login throttled", "ip", c.IP(), "retry_after_s", secs)
	return a.render(c, fiber.StatusTooManyRequests, "login", page, nil)
}

// rememberDevice marks this browser as one the account logged in from (auth.DeviceCookie), unless
// it already is: guesses from elsewhere then never lock the owner out of it.
func (a *App) rememberDevice(c *fiber.Ctx, userID int64) {
	if a.login.Devices.DeviceID(c.Cookies(auth.DeviceCookie), userID) != "" {
		return
	}
	c.Cookie(&fiber.Cookie{
		Name: auth.DeviceCookie, Value: a.login.Devices.Issue(userID), Path: "/login",
		MaxAge: 400 * 24 * 3600, HTTPOnly: true, Secure: a.cfg.Secure(), SameSite: fiber.CookieSameSiteLaxMode,
	})
}
