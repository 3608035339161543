package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/form"
)

// trainerSessionsPage lists a trainer's series (an admin's: all) with the form for a new one.
type trainerSessionsPage struct {
	Series []store.SessionSeries
	Form   form.SessionSeries
}

// trainerSessionsList shows the series the current trainer runs.
func (a *App) trainerSessionsList(c *fiber.Ctx) error {
	return a.renderTrainerSessions(c, fiber.StatusOK, form.SessionSeries{Mode: store.ModeOnsite, Capacity: "12", CancelHours: "48"}, nil)
}

func (a *App) renderTrainerSessions(c *fiber.Ctx, status int, f form.SessionSeries, errs map[string]string) error {
	series, err := a.db.AllSeries(c.UserContext(), trainerScope(currentUser(c)))
	if err != nil {
		return err
	}
	return a.render(c, status, "trainer_sessions", trainerSessionsPage{Series: series, Form: f}, errs)
}

// trainerScope is the trainer whose series a user manages: 0 (all) for an admin.
func trainerScope(u *store.User) int64 {
	if u.HasRole(store.RoleAdmin) {
		return 0
	}
	return u.ID
}

// trainerSeriesParam loads the series of the :id parameter, if the current user manages it.
func (a *App) trainerSeriesParam(c *fiber.Ctx, id int64) (*store.SessionSeries, error) {
	sr, err := a.db.SeriesByID(c.UserContext(), id)
	if err != nil {
		return nil, err
	}
	if scope := trainerScope(currentUser(c)); scope != 0 && sr.TrainerID != scope {
		return nil, domain.Errorf(domain.EFORBIDDEN, "series %d belongs to another trainer", id)
	}
	return sr, nil
}
