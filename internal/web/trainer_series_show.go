package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/form"
)

// trainerSeriesPage is one series with its dates and the form for another date.
type trainerSeriesPage struct {
	Series *store.SessionSeries
	Dates  []store.DateCounts
	Form   form.SessionDate
}

// trainerSeriesShow shows a series' dates with places taken and the waiting list.
func (a *App) trainerSeriesShow(c *fiber.Ctx) error {
	return a.renderTrainerSeries(c, fiber.StatusOK, form.SessionDate{Start: "09:00", End: "12:00"}, nil)
}

func (a *App) renderTrainerSeries(c *fiber.Ctx, status int, f form.SessionDate, errs map[string]string) error {
	id, _ := strconv.ParseInt(c.Params("id"), 10, 64)
	sr, err := a.trainerSeriesParam(c, id)
	if err != nil {
		return err
	}
	dates, err := a.db.DatesOf(c.UserContext(), sr.ID)
	if err != nil {
		return err
	}
	return a.render(c, status, "trainer_series", trainerSeriesPage{Series: sr, Dates: dates, Form: f}, errs)
}
