package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/domain"
)

// trainerAttendanceSave stores the attendance form: the boxes ticked are the people present.
// Attending completes the measure for them; a box unticked later revokes that record.
func (a *App) trainerAttendanceSave(c *fiber.Ctx) error {
	d, sr, err := a.sessionDateParam(c)
	if err != nil {
		return err
	}
	if _, err := a.trainerSeriesParam(c, sr.ID); err != nil {
		return err
	}
	if a.db.Now().Before(d.StartsAt) {
		return domain.Errorf(domain.ECONFLICT, "attendance can be marked once the session has started")
	}
	present := map[int64]bool{}
	for _, v := range c.Request().PostArgs().PeekMulti("present") {
		if id, err := strconv.ParseInt(string(v), 10, 64); err == nil {
			present[id] = true
		}
	}
	n, err := a.db.MarkAttendance(c.UserContext(), d.ID, present)
	if err != nil {
		return err
	}
	a.log.Info("attendance marked", "by", currentUser(c).ID, "date_id", d.ID, "present", n)
	webSession(c).flash(tr(lang(c))("session.flash.attendance", n))
	return c.Redirect("/trainer/sessions/dates/"+strconv.FormatInt(d.ID, 10), fiber.StatusSeeOther)
}
