package notify

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"time"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/store"
)

// Scheduler runs the daily jobs (assignment sync, reminders, manager digest) and delivers the
// outbox. Several instances may run it: each daily run is claimed in the jobs table.
type Scheduler struct {
	Store   *store.Store
	Library *content.Library
	Mailer  Mailer // nil: reminders off (no SMTP host configured); the sync still runs
	Clock   domain.Clock
	Log     *slog.Logger
	BaseURL string
	DataDir string // where uploaded evidence files are removed after their retention period
	// XAPI queues and sends statements to a learning record store on every tick (internal/xapi);
	// nil when no LRS is configured.
	XAPI  interface{ Run(context.Context) error }
	owner string
}

// Daily job names.
const (
	JobSync      = "assignments.sync"
	JobReminders = "reminders"
	JobDigest    = "digest"
	JobRetention = "retention"
)

// job is one daily job.
type job struct {
	name string
	run  func(context.Context) error
}

// Run ticks every interval until ctx ends.
func (s *Scheduler) Run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if err := s.RunOnce(ctx); err != nil && ctx.Err() == nil {
			s.log().Error("scheduler run failed", "error", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// RunOnce runs today's jobs that no instance ran yet, then sends what is due in the outbox.
func (s *Scheduler) RunOnce(ctx context.Context) error {
	day := s.Clock.Now().UTC().Format(time.DateOnly)
	jobs := []job{{JobSync, s.sync}, {JobRetention, s.retention}}
	if s.Mailer != nil {
		jobs = append(jobs, job{JobReminders, s.reminders}, job{JobDigest, s.digest})
	}
	for _, j := range jobs {
		key := j.name + ":" + day
		ok, err := s.Store.ClaimJob(ctx, key, s.ownerID(), 10*time.Minute)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if err := j.run(ctx); err != nil {
			return err // the lease runs out and a later tick (of any instance) tries again
		}
		if err := s.Store.FinishJob(ctx, key, s.ownerID()); err != nil {
			return err
		}
	}
	if s.XAPI != nil {
		if err := s.XAPI.Run(ctx); err != nil && ctx.Err() == nil {
			s.log().Error("xAPI sending failed", "error", err) // e-mail delivery goes on regardless
		}
	}
	if s.Mailer == nil {
		return nil
	}
	return s.Deliver(ctx)
}

func (s *Scheduler) sync(ctx context.Context) error {
	n, err := s.Store.SyncAllAssignments(ctx, s.pin())
	if n > 0 {
		s.log().Info("assignments synchronised", "joined", n)
	}
	return err
}

// retention deletes what is past the periods the admin set (the same plan as "ailit retention run").
func (s *Scheduler) retention(ctx context.Context) error {
	p, err := s.Store.RetentionPolicy(ctx)
	if err != nil {
		return err
	}
	counts, err := s.Store.ApplyRetention(ctx, p, s.Clock.Now())
	if err != nil {
		return err
	}
	if n := counts.Total(); n > 0 {
		s.log().Info("retention applied", "deleted", n)
	}
	if s.DataDir != "" {
		_, err = s.Store.RemoveUnreferencedEvidenceFiles(ctx, s.DataDir)
	}
	return err
}

// Deliver sends the messages that are due; a failure is retried later with growing pauses.
func (s *Scheduler) Deliver(ctx context.Context) error {
	msgs, err := s.Store.ClaimDueMessages(ctx, 100, 5*time.Minute)
	if err != nil {
		return err
	}
	for _, m := range msgs {
		if err := s.Mailer.Send(ctx, m.ToAddress, m.Subject, m.Body); err != nil {
			next := s.Clock.Now().Add(Backoff(m.Attempts + 1))
			s.log().Warn("sending email failed; will retry", "id", m.ID, "attempt", m.Attempts+1, "next", next, "error", err)
			if err := s.Store.MarkFailed(ctx, m.ID, err, next); err != nil {
				return err
			}
			continue
		}
		if err := s.Store.MarkSent(ctx, m.ID); err != nil {
			return err
		}
	}
	return nil
}

// Backoff is the pause before attempt n (1, 2, …): 1, 2, 4 … minutes, at most 6 hours.
func Backoff(attempt int) time.Duration {
	d := time.Minute
	for i := 1; i < attempt && d < 6*time.Hour; i++ {
		d *= 2
	}
	return min(d, 6*time.Hour)
}

func (s *Scheduler) ownerID() string {
	if s.owner == "" {
		b := make([]byte, 8)
		rand.Read(b)
		s.owner = hex.EncodeToString(b)
	}
	return s.owner
}

func (s *Scheduler) log() *slog.Logger {
	if s.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return s.Log
}

func (s *Scheduler) pin() store.PinFunc {
	if s.Library == nil {
		return nil
	}
	return pinOf(s.Library)
}
