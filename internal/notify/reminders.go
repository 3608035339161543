package notify

import (
	"context"
	"strconv"
	"time"

	"github.com/ailit/ailit/internal/assign"
	"github.com/ailit/ailit/internal/compliance"
	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/store"
)

// DueReminderDays is how long before the due date the reminder goes out.
const DueReminderDays = 7

func pinOf(lib *content.Library) store.PinFunc { return compliance.Pin(lib) }

// Message kinds in the outbox.
const (
	KindDue     = "due"
	KindOverdue = "overdue"
	KindExpiry  = "expiry"
	KindDigest  = "digest"
)

// reminders queues, for every member, at most one message per kind and date: before the due date,
// on overdue, and when the recertification window of a completion opens. The dedupe key holds the
// date, so a new due date (a new cycle) gets its own reminder and a rerun queues nothing twice.
func (s *Scheduler) reminders(ctx context.Context) error {
	now := s.Clock.Now()
	recs, err := s.Store.MemberRecords(ctx, store.Scope{All: true}, store.RecordFilter{})
	if err != nil {
		return err
	}
	es, err := compliance.Evaluate(ctx, s.Store, s.Library, recs, now)
	if err != nil {
		return err
	}
	for _, e := range es {
		kind := ""
		switch {
		case e.State == assign.Overdue:
			kind = KindOverdue
		case e.State == assign.DueSoon && e.ValidUntil != nil && e.Due.Equal(*e.ValidUntil):
			kind = KindExpiry
		case (e.State == assign.NotStarted || e.State == assign.InProgress || e.State == assign.DueSoon) &&
			e.Due.Sub(now) <= DueReminderDays*24*time.Hour:
			kind = KindDue
		}
		if kind == "" || e.User.Email == "" {
			continue
		}
		lang := i18n.Normalize(e.User.Language)
		date := formatDate(lang, e.Due)
		key := kind + ":" + strconv.FormatInt(e.Assignment.ID, 10) + ":" + strconv.FormatInt(e.User.ID, 10) + ":" + e.Due.Format(time.DateOnly)
		uid := e.User.ID
		_, err := s.Store.Enqueue(ctx, &store.OutboxMessage{DedupeKey: key, Kind: kind, UserID: &uid, ToAddress: e.User.Email,
			Subject: i18n.T(lang, "mail."+kind+".subject", e.Assignment.Title),
			Body:    i18n.T(lang, "mail."+kind+".body", e.User.DisplayName, e.Assignment.Title, date, s.BaseURL)})
		if err != nil {
			return err
		}
	}
	return nil
}

// digest queues one message per manager with the number of overdue people in their units.
func (s *Scheduler) digest(ctx context.Context) error {
	now := s.Clock.Now()
	managers, _, err := s.Store.ListUsers(ctx, store.UserFilter{Role: store.RoleManager, Active: ptr(true), Limit: 100000})
	if err != nil {
		return err
	}
	for _, m := range managers {
		units, err := s.Store.ManagerUnitsOf(ctx, m.ID)
		if err != nil {
			return err
		}
		if len(units) == 0 {
			continue
		}
		recs, err := s.Store.MemberRecords(ctx, store.ScopeOf(&m), store.RecordFilter{})
		if err != nil {
			return err
		}
		es, err := compliance.Evaluate(ctx, s.Store, s.Library, recs, now)
		if err != nil {
			return err
		}
		overdue := compliance.Counts(es)[assign.Overdue]
		if overdue == 0 {
			continue
		}
		lang := i18n.Normalize(m.Language)
		uid := m.ID
		key := KindDigest + ":" + strconv.FormatInt(m.ID, 10) + ":" + now.Format(time.DateOnly)
		if _, err := s.Store.Enqueue(ctx, &store.OutboxMessage{DedupeKey: key, Kind: KindDigest, UserID: &uid, ToAddress: m.Email,
			Subject: i18n.T(lang, "mail.digest.subject", overdue),
			Body:    i18n.T(lang, "mail.digest.body", m.DisplayName, overdue, s.BaseURL)}); err != nil {
			return err
		}
	}
	return nil
}

func ptr[T any](v T) *T { return &v }

func formatDate(lang string, t time.Time) string {
	if lang == "en" {
		return t.Format("2 Jan 2006")
	}
	return t.Format("02.01.2006")
}
