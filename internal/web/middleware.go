package web

import (
	"crypto/subtle"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/auth"
	"github.com/ailit/ailit/internal/i18n"
)

// contentSecurityPolicy allows nothing but our own files: no inline script or style, no other
// origins. Course images are served by us; KERN's icons are data: SVGs in its CSS. Forms may also
// lead to formTargets: the single sign-on login and logout buttons post to ailit, which redirects
// to the identity provider, and browsers check form-action along every redirect of a form.
func contentSecurityPolicy(formTargets ...string) string {
	formAction := strings.Join(append([]string{"'self'"}, formTargets...), " ")
	return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
		"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action " + formAction + "; frame-ancestors 'none'"
}

// securityHeaders sets the headers of every response, with csp as the Content-Security-Policy.
func securityHeaders(csp string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		h := &c.Response().Header
		h.Set("Content-Security-Policy", csp)
		// same-origin (not no-referrer): the CSRF check compares Origin/Referer with our host.
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
		return c.Next()
	}
}

// hsts is added when the platform runs behind https.
func hsts(c *fiber.Ctx) error {
	c.Set("Strict-Transport-Security", "max-age=31536000")
	return c.Next()
}

// requestLog logs one line per request with status and duration.
func (a *App) requestLog(c *fiber.Ctx) error {
	start := time.Now()
	err := c.Next()
	status := c.Response().StatusCode()
	level := slog.LevelInfo
	if status >= 500 {
		level = slog.LevelError
	}
	a.log.Log(c.UserContext(), level, "request", "method", c.Method(), "path", logPath(c.Path()),
		"status", status, "duration_ms", time.Since(start).Milliseconds(), "ip", c.IP())
	return err
}

// logPath keeps package launch tokens (/pkg/<token>/…) out of the log: a token is the credential
// of its launch.
func logPath(p string) string {
	if rest, ok := strings.CutPrefix(p, "/pkg/"); ok {
		_, after, _ := strings.Cut(rest, "/")
		return "/pkg/…/" + after
	}
	return p
}

const localsLang = "lang"

// language picks the UI language: the session's choice, then the account's, then the browser's.
func (a *App) language(c *fiber.Ctx) error {
	l := ""
	if ws := webSession(c); ws != nil {
		l, _ = ws.get(auth.KeyLang).(string)
	}
	if u := currentUser(c); l == "" && u != nil {
		l = u.Language
	}
	if l == "" {
		l = i18n.FromAcceptLanguage(c.Get(fiber.HeaderAcceptLanguage))
	}
	c.Locals(localsLang, i18n.Normalize(l))
	return c.Next()
}

func lang(c *fiber.Ctx) string {
	if l, ok := c.Locals(localsLang).(string); ok {
		return l
	}
	return i18n.Default
}

// csrf protects every state-changing request with the session's synchronizer token (form field
// _csrf or header X-CSRF-Token), and rejects requests whose Origin is another site.
func (a *App) csrf(c *fiber.Ctx) error {
	switch c.Method() {
	case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions:
		return c.Next()
	}
	if origin := c.Get(fiber.HeaderOrigin); origin != "" && origin != "null" && !sameOrigin(c, a.cfg.BaseURL, origin) {
		return &csrfError{}
	}
	sent := c.FormValue("_csrf")
	if sent == "" {
		sent = c.Get("X-CSRF-Token")
	}
	ws := webSession(c)
	want, _ := ws.get(auth.KeyCSRF).(string)
	if want == "" || subtle.ConstantTimeCompare([]byte(sent), []byte(want)) != 1 {
		return &csrfError{}
	}
	return c.Next()
}

type csrfError struct{}

func (*csrfError) Error() string { return "invalid or missing CSRF token" }

// sameOrigin accepts an Origin that names the configured base URL's host or the host the request
// was sent to.
func sameOrigin(c *fiber.Ctx, baseURL, origin string) bool {
	u, err := url.Parse(origin)
	if err != nil {
		return false
	}
	base, _ := url.Parse(baseURL)
	return strings.EqualFold(u.Host, base.Host) || strings.EqualFold(u.Host, string(c.Request().Host()))
}
