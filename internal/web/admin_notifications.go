package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/store"
)

type notificationsPage struct {
	Enabled       bool
	Host          string
	Pending, Sent int64
	Failed        []store.OutboxMessage
}

// adminNotificationsShow says whether reminders are on and lists messages that failed to send.
func (a *App) adminNotificationsShow(c *fiber.Ctx) error {
	p := notificationsPage{Enabled: a.cfg.SMTP.Enabled(), Host: a.cfg.SMTP.Host}
	var err error
	if p.Pending, p.Sent, err = a.db.OutboxCounts(c.UserContext()); err != nil {
		return err
	}
	if p.Failed, err = a.db.FailedMessages(c.UserContext(), 200); err != nil {
		return err
	}
	return a.render(c, fiber.StatusOK, "admin_notifications", p, nil)
}
