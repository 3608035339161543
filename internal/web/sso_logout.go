package web

import "github.com/gofiber/fiber/v2"

// ssoLogout ends the session here and, after an OIDC login, at the identity provider too
// (RP-initiated logout), which then sends the browser back to the login page.
func (a *App) ssoLogout(c *fiber.Ctx) error {
	idToken, _ := webSession(c).get(keyOIDCIDToken).(string)
	if a.sso.oidc != nil && idToken != "" {
		if target := a.sso.oidc.LogoutURL(idToken, a.cfg.BaseURL+"/login"); target != "" {
			webSession(c).logout()
			return c.Redirect(target, fiber.StatusSeeOther)
		}
	}
	return a.logout(c)
}
