package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/inventory"
	"github.com/ailit/ailit/internal/web/form"
)

// inventoryNew shows the form for a new AI system.
func (a *App) inventoryNew(c *fiber.Ctx) error {
	f := form.AISystem{Status: string(inventory.StatusPlanned)}
	return a.renderInventorySystem(c, fiber.StatusOK, nil, inventoryPage{Form: f}, nil)
}
