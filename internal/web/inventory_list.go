package web

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/store"
)

type inventoryListPage struct {
	Systems        []store.AISystem
	UnitPaths      map[int64]string
	PublicRegister bool
	Now            time.Time // a review date before it is shown as due
}

// inventoryList shows the AI inventory ("KI-Register") and the switch of the public register page.
func (a *App) inventoryList(c *fiber.Ctx) error {
	ctx := c.UserContext()
	systems, err := a.db.AISystems(ctx)
	if err != nil {
		return err
	}
	_, paths, err := a.inventoryChoices(ctx)
	if err != nil {
		return err
	}
	on, err := a.db.PublicRegisterEnabled(ctx)
	if err != nil {
		return err
	}
	return a.render(c, fiber.StatusOK, "inventory_list", inventoryListPage{Systems: systems, UnitPaths: paths, PublicRegister: on, Now: a.db.Now()}, nil)
}
