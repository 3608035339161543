package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/api"
	"github.com/ailit/ailit/internal/web/form"
)

// adminAPITokenCreate makes a service token and shows it once, on the page itself (never in a
// redirect, the session or a log). Its creation is recorded in the evidence log.
func (a *App) adminAPITokenCreate(c *fiber.Ctx) error {
	t := tr(lang(c))
	f := form.NewAPIToken(formValues(c))
	spec, errs := f.Spec(a.db.Now())
	if errs != nil {
		return a.renderAPITokens(c, fiber.StatusUnprocessableEntity, apiTokensPage{Form: f}, errs.Translate(t))
	}
	by := currentUser(c).ID
	secret, tok, specErrs, err := api.CreateToken(c.UserContext(), a.db, spec, &by)
	if err != nil {
		return err
	}
	if specErrs != nil { // the clock moved past the expiry meanwhile
		return a.renderAPITokens(c, fiber.StatusUnprocessableEntity, apiTokensPage{Form: f}, form.Errors(specErrs).Translate(t))
	}
	a.log.Info("api token created", "token_id", tok.ID, "by", by, "scopes", tok.Scopes)
	return a.renderAPITokens(c, fiber.StatusOK, apiTokensPage{Secret: secret, Created: tok.Name}, nil)
}
