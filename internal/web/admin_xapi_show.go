package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/config"
	"github.com/ailit/ailit/internal/store"
)

type xapiPage struct {
	Config config.XAPI
	Queue  store.XAPIQueue
}

// adminXAPIShow says whether statements go to a learning record store and lists the queue: counts,
// the statements that failed (with the LRS's answer) and the newest ones.
func (a *App) adminXAPIShow(c *fiber.Ctx) error {
	q, err := a.db.XAPIQueueOverview(c.UserContext(), 50)
	if err != nil {
		return err
	}
	return a.render(c, fiber.StatusOK, "admin_xapi", xapiPage{Config: a.cfg.XAPI, Queue: q}, nil)
}
