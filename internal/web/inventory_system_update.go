package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/inventory"
	"github.com/ailit/ailit/internal/web/form"
)

// inventorySystemUpdate saves a system's description, units and status (logged), then derives its
// assignments again: new units' people join, people of removed units leave, a retired system
// requires nothing any more.
func (a *App) inventorySystemUpdate(c *fiber.Ctx) error {
	ctx := c.UserContext()
	old, err := a.aiSystemParam(c)
	if err != nil {
		return err
	}
	f := form.NewAISystem(formValues(c))
	exists, err := a.unitExists(ctx)
	if err != nil {
		return err
	}
	t := tr(lang(c))
	page := inventoryPage{Form: f, Role: inventory.RoleOversight, RuleForm: form.AIRule{Role: inventory.RoleUser, DueDays: "90"}}
	sys, errs := f.Validate(exists)
	if len(errs) > 0 {
		return a.renderInventorySystem(c, fiber.StatusUnprocessableEntity, old, page, errs.Translate(t))
	}
	if _, err := a.db.SaveAISystem(ctx, currentUser(c).ID, old.ID, sys, f.UnitIDs); domain.ErrorCode(err) == domain.ECONFLICT {
		return a.renderInventorySystem(c, fiber.StatusUnprocessableEntity, old, page, map[string]string{"key": t("inventory.err.key_taken")})
	} else if err != nil {
		return err
	}
	if _, err := a.syncAISystem(c, old.ID); err != nil {
		return err
	}
	webSession(c).flash(t("inventory.saved"))
	return c.Redirect(inventoryPath(old.ID), fiber.StatusSeeOther)
}
