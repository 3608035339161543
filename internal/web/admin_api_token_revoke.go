package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"
)

// adminAPITokenRevoke ends a token at once, on every instance; it is recorded in the evidence log.
func (a *App) adminAPITokenRevoke(c *fiber.Ctx) error {
	id, _ := strconv.ParseInt(c.Params("id"), 10, 64)
	by := currentUser(c).ID
	if err := a.db.RevokeAPIToken(c.UserContext(), id, &by); err != nil {
		return err
	}
	a.log.Info("api token revoked", "token_id", id, "by", by)
	webSession(c).flash(tr(lang(c))("api.token.revoked"))
	return c.Redirect("/admin/api-tokens", fiber.StatusSeeOther)
}
