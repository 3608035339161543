package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/measure"
)

// sessionRegister registers the current user for a date: a place, or the waiting list when full.
func (a *App) sessionRegister(c *fiber.Ctx) error {
	d, sr, err := a.sessionDateParam(c)
	if err != nil {
		return err
	}
	t := tr(lang(c))
	seat, err := a.db.RegisterForSession(c.UserContext(), d.ID, currentUser(c).ID)
	switch {
	case domain.ErrorCode(err) == domain.ECONFLICT:
		webSession(c).flash(t("session.flash.closed"))
	case err != nil:
		return err
	case seat == measure.Waiting:
		webSession(c).flash(t("session.flash.waiting", sr.Title))
	default:
		webSession(c).flash(t("session.flash.registered", sr.Title))
	}
	return c.Redirect("/sessions#date-"+strconv.FormatInt(d.ID, 10), fiber.StatusSeeOther)
}
