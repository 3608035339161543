package web

import (
	"fmt"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/sso"
)

// oidcCallback finishes the login the provider sent back: the flow is taken from the session (so a
// replayed state finds nothing), the code is redeemed with the PKCE verifier, the ID token checked,
// the account provisioned, and the session renewed and bound to it.
func (a *App) oidcCallback(c *fiber.Ctx) error {
	if a.sso.oidc == nil {
		return fiber.ErrNotFound
	}
	ctx, ws := c.UserContext(), webSession(c)
	raw, _ := ws.get(keyOIDCFlow).(string)
	if raw != "" {
		ws.set(keyOIDCFlow, "") // one-time, also when the login fails
	}
	flow, err := sso.DecodeFlow(raw)
	if err == nil {
		err = flow.Check(c.Query("state"), a.db.Now())
	}
	if err == nil && c.Query("error") != "" {
		err = fmt.Errorf("%w: %s: %s", sso.ErrDenied, c.Query("error"), c.Query("error_description"))
	}
	var id *sso.Identity
	if err == nil {
		id, err = a.sso.oidc.Exchange(ctx, c.Query("code"), flow)
	}
	var prof sso.Profile
	if err == nil {
		prof, err = a.sso.mapping.Profile(a.sso.mapping.OIDC, id.Claims)
	}
	if err != nil {
		return a.ssoFailed(c, sso.ProviderOIDC, err)
	}
	u, err := a.sso.provision.Login(ctx, sso.ProviderOIDC, id.Subject, "", prof)
	if err != nil {
		return a.ssoFailed(c, sso.ProviderOIDC, err)
	}
	if err := ws.login(ctx, u); err != nil {
		return err
	}
	ws.set(keyOIDCIDToken, id.IDToken)
	a.log.Info("login", "user_id", u.ID, "provider", sso.ProviderOIDC)
	return c.Redirect(safeNext(flow.Next), fiber.StatusSeeOther)
}
