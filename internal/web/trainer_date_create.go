package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/form"
)

// trainerDateCreate adds a date (day, start and end time, Berlin time) to a series.
func (a *App) trainerDateCreate(c *fiber.Ctx) error {
	id, _ := strconv.ParseInt(c.Params("id"), 10, 64)
	sr, err := a.trainerSeriesParam(c, id)
	if err != nil {
		return err
	}
	t := tr(lang(c))
	f := form.NewSessionDate(formValues(c))
	start, end, errs := f.Validate(i18n.Berlin, a.db.Now())
	if len(errs) > 0 {
		return a.renderTrainerSeries(c, fiber.StatusUnprocessableEntity, f, errs.Translate(t))
	}
	if err := a.db.AddSessionDate(c.UserContext(), &store.SessionDate{SeriesID: sr.ID, StartsAt: start, EndsAt: end}); err != nil {
		return err
	}
	webSession(c).flash(t("session.flash.date_added", i18n.FormatDateTime(lang(c), start)))
	return c.Redirect("/trainer/sessions/"+strconv.FormatInt(sr.ID, 10), fiber.StatusSeeOther)
}
