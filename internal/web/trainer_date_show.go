package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/store"
)

// trainerDatePage is a date's participant list, waiting list and attendance form.
type trainerDatePage struct {
	Series       *store.SessionSeries
	Date         *store.SessionDate
	Participants []store.Participant
	Started      bool // attendance can be marked once the session has started
}

// trainerDateShow shows who has a place and who waits, with one form to mark attendance.
func (a *App) trainerDateShow(c *fiber.Ctx) error {
	d, sr, err := a.sessionDateParam(c)
	if err != nil {
		return err
	}
	if _, err := a.trainerSeriesParam(c, sr.ID); err != nil {
		return err
	}
	ps, err := a.db.ParticipantsOf(c.UserContext(), d.ID)
	if err != nil {
		return err
	}
	return a.render(c, fiber.StatusOK, "trainer_date", trainerDatePage{Series: sr, Date: d, Participants: ps,
		Started: !a.db.Now().Before(d.StartsAt)}, nil)
}
