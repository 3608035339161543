package xapi

import (
	"context"
	"encoding/json"
	"log/slog"
	"time"

	"github.com/ailit/ailit/internal/config"
	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/notify"
	"github.com/ailit/ailit/internal/store"
)

// scanOverlap is how far each scan reaches back behind the cursor: a record whose transaction
// committed a little after the previous scan, with a time stamp before it, is still found. The
// statement ids make the overlap free of duplicates.
const scanOverlap = 15 * time.Minute

// Sender queues statements for new records and delivers the queue. It is safe to run on several
// instances at once: queuing is idempotent per statement id and each send is leased in the database.
type Sender struct {
	Store        *store.Store
	Client       *Client
	Config       config.XAPI
	BaseURL      string
	PrivacyLevel string                                            // the configured default of the report privacy level
	Titles       func(ctx context.Context) func(key string) string // titles of measure keys per scan, may be nil
	Clock        domain.Clock
	Log          *slog.Logger
	// ScanEvery spaces the scans of Run (the scheduler ticks every minute; the tables need not be
	// read that often); 0 scans on every call. Sending due statements is not spaced.
	ScanEvery time.Duration
}

// NewSender returns a sender for cfg, or nil when no LRS is configured.
func NewSender(st *store.Store, cfg config.Config, clock domain.Clock, log *slog.Logger) *Sender {
	if !cfg.XAPI.Enabled() {
		return nil
	}
	return &Sender{Store: st, Client: NewClient(cfg.XAPI), Config: cfg.XAPI, BaseURL: cfg.BaseURL,
		PrivacyLevel: cfg.PrivacyLevel, Clock: clock, Log: log}
}

// Run queues what happened since the last scan, then sends what is due (the scheduler calls it on
// every tick).
func (s *Sender) Run(ctx context.Context) error {
	cursor, err := s.Store.XAPICursor(ctx)
	if err != nil {
		return err
	}
	if s.ScanEvery == 0 || cursor.IsZero() || s.Clock.Now().Sub(cursor) >= s.ScanEvery {
		if _, err := s.Scan(ctx); err != nil {
			return err
		}
	}
	_, err = s.Deliver(ctx, nil)
	return err
}

// Builder reads the settings that may change at run time (privacy level, pseudonym key).
func (s *Sender) Builder(ctx context.Context) (Builder, error) {
	rs, err := s.Store.ReportSettings(ctx, s.PrivacyLevel)
	if err != nil {
		return Builder{}, err
	}
	key, err := s.Store.PseudonymKey(ctx)
	if err != nil {
		return Builder{}, err
	}
	var title func(string) string
	if s.Titles != nil {
		title = s.Titles(ctx)
	}
	return Builder{BaseURL: s.BaseURL, HomePage: s.Config.AccountHomePage, Actor: s.Config.Actor, PseudonymKey: key,
		ShareResults: rs.Level == config.PrivacyResults, Title: title}, nil
}

// Scan queues the statements of the records since the cursor (minus the overlap) and moves it.
func (s *Sender) Scan(ctx context.Context) (int, error) {
	cursor, err := s.Store.XAPICursor(ctx)
	if err != nil {
		return 0, err
	}
	from := cursor
	if !from.IsZero() {
		from = from.Add(-scanOverlap)
	}
	now := s.Clock.Now().UTC()
	n, err := s.QueueBetween(ctx, from, now)
	if err != nil {
		return n, err
	}
	return n, s.Store.SetXAPICursor(ctx, now)
}

// QueueBetween queues the statements of the records in [from, to); it returns how many were new.
func (s *Sender) QueueBetween(ctx context.Context, from, to time.Time) (int, error) {
	ev, err := s.Store.XAPIEventsBetween(ctx, from, to)
	if err != nil {
		return 0, err
	}
	b, err := s.Builder(ctx)
	if err != nil {
		return 0, err
	}
	events := b.Events(ev)
	rows := make([]store.XAPIStatement, 0, len(events))
	for _, e := range events {
		body, err := json.Marshal(e.Statement)
		if err != nil {
			return 0, err
		}
		uid := e.UserID
		rows = append(rows, store.XAPIStatement{StatementID: e.Statement.ID, EventKey: e.Key, Verb: e.Verb,
			UserID: &uid, Body: string(body), EventAt: e.At})
	}
	n, err := s.Store.QueueXAPIStatements(ctx, rows)
	if n > 0 {
		s.log().Info("xAPI statements queued", "count", n)
	}
	return n, err
}

// Deliver sends the due statements in batches until none is due; progress, when not nil, hears
// after each batch how many were sent and how many failed so far. A failure is tried again later
// with growing pauses; a refusal (400, 409) waits for "ailit xapi resend".
func (s *Sender) Deliver(ctx context.Context, progress func(sent, failed int)) (sent int, err error) {
	failed := 0
	for {
		batch, err := s.Store.ClaimDueXAPIStatements(ctx, 100, 5*time.Minute)
		if err != nil || len(batch) == 0 {
			return sent, err
		}
		before := sent
		for _, st := range batch {
			if err := s.Client.Put(ctx, st.StatementID, []byte(st.Body)); err != nil {
				failed++
				next := s.Clock.Now().Add(notify.Backoff(st.Attempts + 1))
				s.log().Warn("sending xAPI statement failed", "statement", st.StatementID, "attempt", st.Attempts+1, "next", next, "error", err)
				if err := s.Store.MarkXAPIFailed(ctx, st.ID, err, next, IsRejected(err)); err != nil {
					return sent, err
				}
				continue
			}
			if err := s.Store.MarkXAPISent(ctx, st.ID); err != nil {
				return sent, err
			}
			sent++
		}
		if progress != nil {
			progress(sent, failed)
		}
		if sent == before {
			return sent, nil // nothing got through (the LRS is down): the next tick tries again
		}
	}
}

func (s *Sender) log() *slog.Logger {
	if s.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return s.Log
}
