package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/web/form"
)

// inventoryCreate records a new AI system (logged in the evidence log) and opens its page, where
// the rules per role are set next.
func (a *App) inventoryCreate(c *fiber.Ctx) error {
	ctx := c.UserContext()
	f := form.NewAISystem(formValues(c))
	exists, err := a.unitExists(ctx)
	if err != nil {
		return err
	}
	t := tr(lang(c))
	sys, errs := f.Validate(exists)
	if len(errs) > 0 {
		return a.renderInventorySystem(c, fiber.StatusUnprocessableEntity, nil, inventoryPage{Form: f}, errs.Translate(t))
	}
	id, err := a.db.SaveAISystem(ctx, currentUser(c).ID, 0, sys, f.UnitIDs)
	if domain.ErrorCode(err) == domain.ECONFLICT {
		return a.renderInventorySystem(c, fiber.StatusUnprocessableEntity, nil, inventoryPage{Form: f},
			map[string]string{"key": t("inventory.err.key_taken")})
	} else if err != nil {
		return err
	}
	webSession(c).flash(t("inventory.created"))
	return c.Redirect(inventoryPath(id), fiber.StatusSeeOther)
}
