package web

import (
	"context"
	"fmt"
	"strconv"

	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/store"
)

// tellMovedUp writes an e-mail to each person who moved up from the waiting list into a place;
// the outbox sends it (and retries). The dedupe key names the move, so it is written once.
func (a *App) tellMovedUp(ctx context.Context, d *store.SessionDate, sr *store.SessionSeries, userIDs []int64) error {
	for _, id := range userIDs {
		u, err := a.db.UserByID(ctx, id)
		if err != nil {
			return err
		}
		l := i18n.Normalize(u.Language)
		when := i18n.FormatDateTime(l, d.StartsAt)
		link := a.cfg.BaseURL + "/sessions#date-" + strconv.FormatInt(d.ID, 10)
		_, err = a.db.Enqueue(ctx, &store.OutboxMessage{
			DedupeKey: fmt.Sprintf("session-moved-up:%d:%d:%d", d.ID, id, a.db.Now().UnixNano()),
			Kind:      "session_moved_up", UserID: &u.ID, ToAddress: u.Email,
			Subject: i18n.T(l, "session.mail.subject", sr.Title),
			Body:    i18n.T(l, "session.mail.body", u.DisplayName, sr.Title, when, link),
		})
		if err != nil {
			return err
		}
	}
	return nil
}
