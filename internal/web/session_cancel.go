package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/domain"
)

// sessionCancel cancels the current user's registration before the deadline; the first person on
// the waiting list gets the place.
func (a *App) sessionCancel(c *fiber.Ctx) error {
	d, sr, err := a.sessionDateParam(c)
	if err != nil {
		return err
	}
	t := tr(lang(c))
	moved, err := a.db.CancelSessionRegistration(c.UserContext(), d.ID, currentUser(c).ID)
	switch {
	case domain.ErrorCode(err) == domain.ECONFLICT:
		webSession(c).flash(t("session.flash.too_late"))
	case err != nil:
		return err
	default:
		if err := a.tellMovedUp(c.UserContext(), d, sr, moved); err != nil {
			// The cancellation and the move are stored; only the e-mail is missing.
			a.log.Error("telling people who moved up", "date_id", d.ID, "err", err)
		}
		a.log.Info("session registration cancelled", "user_id", currentUser(c).ID, "date_id", d.ID, "moved_up", len(moved))
		webSession(c).flash(t("session.flash.cancelled", sr.Title))
	}
	return c.Redirect("/sessions#date-"+strconv.FormatInt(d.ID, 10), fiber.StatusSeeOther)
}
