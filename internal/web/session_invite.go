package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/measure"
	"github.com/ailit/ailit/internal/store"
)

// sessionInvite sends the calendar invitation (.ics, RFC 5545) of a date to a person registered
// for it; the invitation of a cancelled registration says STATUS:CANCELLED.
func (a *App) sessionInvite(c *fiber.Ctx) error {
	d, sr, err := a.sessionDateParam(c)
	if err != nil {
		return err
	}
	seat, err := a.db.SeatOf(c.UserContext(), d.ID, currentUser(c).ID)
	if err != nil {
		return err
	}
	if seat == "" {
		return domain.Errorf(domain.ENOTFOUND, "not registered for date %d", d.ID)
	}
	location := sr.Place
	if sr.Mode == store.ModeOnline {
		location = sr.MeetingURL
	}
	ics := measure.ICS(measure.Event{
		UID: "session-date-" + strconv.FormatInt(d.ID, 10) + "@" + c.Hostname(), Stamp: a.db.Now(),
		Start: d.StartsAt, End: d.EndsAt, Summary: sr.Title, Description: sr.Description, Location: location,
		URL: sr.MeetingURL, Cancelled: seat == measure.Cancelled})
	c.Set(fiber.HeaderContentType, "text/calendar; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+sr.Key+"-"+d.StartsAt.Format("2006-01-02")+`.ics"`)
	return c.SendString(ics)
}

func (a *App) sessionDateParam(c *fiber.Ctx) (*store.SessionDate, *store.SessionSeries, error) {
	id, _ := strconv.ParseInt(c.Params("id"), 10, 64)
	return a.db.SessionDateByID(c.UserContext(), id)
}
