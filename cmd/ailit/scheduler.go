package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/ailit/ailit/internal/config"
	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/notify"
	"github.com/ailit/ailit/internal/store"
)

// startScheduler runs the daily jobs (assignment sync, reminders, digest) and the outbox until ctx
// ends. Without an SMTP host only the sync runs.
func startScheduler(ctx context.Context, cfg config.Config, db *store.Store, lib *content.Library, log *slog.Logger) {
	clock := domain.Clock(domain.SystemClock{})
	if db.Clock != nil {
		clock = db.Clock
	}
	s := &notify.Scheduler{Store: db, Library: lib, Clock: clock, Log: log, BaseURL: cfg.BaseURL, DataDir: cfg.DataDir}
	if cfg.SMTP.Enabled() {
		s.Mailer = notify.NewSMTPMailer(cfg.SMTP, clock.Now)
	} else {
		log.Info("reminder emails are off: AILIT_SMTP_HOST is not set")
	}
	if x := newXAPISender(ctx, cfg, db, lib, clock, log); x != nil {
		x.ScanEvery = 5 * time.Minute
		s.XAPI = x
	}
	s.Run(ctx, time.Minute)
}
