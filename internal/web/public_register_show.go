package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/store"
)

// publicRegisterShow is the public AI register (in the spirit of Amsterdam's and Helsinki's
// algorithm registers): the systems an admin marked public, with name, purpose, classification
// and contact, no personal data. Off by default: then the page does not exist (404).
func (a *App) publicRegisterShow(c *fiber.Ctx) error {
	ctx := c.UserContext()
	on, err := a.db.PublicRegisterEnabled(ctx)
	if err != nil {
		return err
	}
	if !on {
		return fiber.ErrNotFound
	}
	systems, err := a.db.PublicAISystems(ctx)
	if err != nil {
		return err
	}
	var out []publicSystem
	for i := range systems {
		out = append(out, publicSystem{AISystem: systems[i], Classes: systems[i].Model().Classification})
	}
	return a.render(c, fiber.StatusOK, "public_register", out, nil)
}

type publicSystem struct {
	store.AISystem
	Classes []string
}
