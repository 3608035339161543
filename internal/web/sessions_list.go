package web

import (
	"context"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/measure"
	"github.com/ailit/ailit/internal/store"
)

// sessionsPage lists every workshop series with its dates and the reader's registrations.
type sessionsPage struct {
	Series []seriesView
}

type seriesView struct {
	Series store.SessionSeries
	Dates  []dateView
}

// dateView is one date as a learner sees it.
type dateView struct {
	store.DateCounts
	Free      int
	Mine      measure.Seat // "" when not registered
	Open      bool         // registration open
	CanCancel bool
	Deadline  string // the cancellation deadline, formatted
}

// sessionsList shows the workshops on offer, with free places, the waiting list and the buttons
// to register or cancel.
func (a *App) sessionsList(c *fiber.Ctx) error {
	page, err := a.sessionsPageFor(c.UserContext(), currentUser(c).ID, lang(c))
	if err != nil {
		return err
	}
	return a.render(c, fiber.StatusOK, "sessions", page, nil)
}

func (a *App) sessionsPageFor(ctx context.Context, userID int64, lng string) (*sessionsPage, error) {
	series, err := a.db.AllSeries(ctx, 0)
	if err != nil {
		return nil, err
	}
	mine, err := a.db.SessionRegistrationsOf(ctx, userID)
	if err != nil {
		return nil, err
	}
	seat := map[int64]measure.Seat{}
	for _, r := range mine {
		seat[r.Date.ID] = r.Registration.Status
	}
	now := a.db.Now()
	page := &sessionsPage{}
	for _, sr := range series {
		dates, err := a.db.DatesOf(ctx, sr.ID)
		if err != nil {
			return nil, err
		}
		sv := seriesView{Series: sr}
		for _, d := range dates {
			if !d.EndsAt.After(now) && seat[d.ID] == "" {
				continue // past dates only interest those who were there
			}
			dv := dateView{DateCounts: d, Free: d.Free(sr.Capacity), Mine: seat[d.ID], Open: measure.RegistrationOpen(d.StartsAt, now),
				Deadline: i18n.FormatDateTime(lng, measure.CancelDeadline(d.StartsAt, sr.CancelHours))}
			dv.CanCancel = dv.Mine != "" && measure.CanCancel(dv.Mine, d.StartsAt, sr.CancelHours, now)
			sv.Dates = append(sv.Dates, dv)
		}
		page.Series = append(page.Series, sv)
	}
	return page, nil
}
