package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/inventory"
	"github.com/ailit/ailit/internal/web/form"
)

// inventorySystemShow shows one AI system: its description, its rules per role and the people
// named for roles beyond "user".
func (a *App) inventorySystemShow(c *fiber.Ctx) error {
	sys, err := a.aiSystemParam(c)
	if err != nil {
		return err
	}
	p := inventoryPage{Form: form.AISystemOf(sys.Model(), sys.UnitIDs()), Role: inventory.RoleOversight,
		RuleForm: form.AIRule{Role: inventory.RoleUser, DueDays: "90"}}
	return a.renderInventorySystem(c, fiber.StatusOK, sys, p, nil)
}
