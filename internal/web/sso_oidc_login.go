package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/sso"
)

// oidcLogin starts a login at the identity provider: fresh state, nonce and PKCE verifier go into
// the server-side session, the browser goes to the provider.
func (a *App) oidcLogin(c *fiber.Ctx) error {
	if a.sso.oidc == nil {
		return fiber.ErrNotFound
	}
	flow := sso.NewFlow(safeNext(c.FormValue("next")), a.db.Now())
	target, err := a.sso.oidc.AuthURL(c.UserContext(), flow)
	if err != nil {
		return a.ssoFailed(c, sso.ProviderOIDC, err)
	}
	webSession(c).set(keyOIDCFlow, flow.Encode())
	return c.Redirect(target, fiber.StatusSeeOther)
}
