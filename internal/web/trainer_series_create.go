package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/form"
)

// trainerSeriesCreate creates a workshop series run by the current user; its key is the measure
// id assignments and requirement rules name ("session:<key>").
func (a *App) trainerSeriesCreate(c *fiber.Ctx) error {
	t := tr(lang(c))
	f := form.NewSessionSeries(formValues(c))
	capacity, cancelHours, errs := f.Validate()
	if len(errs) > 0 {
		return a.renderTrainerSessions(c, fiber.StatusUnprocessableEntity, f, errs.Translate(t))
	}
	sr := &store.SessionSeries{Key: f.Key, Title: f.Title, Description: f.Description, Mode: f.Mode,
		Capacity: capacity, CancelHours: cancelHours, TrainerID: currentUser(c).ID}
	if f.Mode == store.ModeOnsite {
		sr.Place = f.Place
	} else {
		sr.MeetingURL = f.MeetingURL
	}
	if err := a.db.SaveSeries(c.UserContext(), sr); domain.ErrorCode(err) == domain.ECONFLICT {
		return a.renderTrainerSessions(c, fiber.StatusUnprocessableEntity, f, map[string]string{"key": t("session.err.key_taken")})
	} else if err != nil {
		return err
	}
	a.log.Info("session series created", "by", currentUser(c).ID, "series", sr.Key)
	webSession(c).flash(t("session.flash.series_created", sr.Title))
	return c.Redirect("/trainer/sessions/"+strconv.FormatInt(sr.ID, 10), fiber.StatusSeeOther)
}
