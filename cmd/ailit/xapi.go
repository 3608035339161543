package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/ailit/ailit/internal/compliance"
	"github.com/ailit/ailit/internal/config"
	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/xapi"
)

// newXAPISender is the xAPI sender with the catalog's titles, or nil when no LRS is configured.
func newXAPISender(ctx context.Context, cfg config.Config, db *store.Store, lib *content.Library, clock domain.Clock, log *slog.Logger) *xapi.Sender {
	x := xapi.NewSender(db, cfg, clock, log)
	if x == nil {
		log.Info("xAPI statements are off: AILIT_XAPI_ENDPOINT is not set")
		return nil
	}
	x.Titles = func(ctx context.Context) func(string) string {
		return compliance.MeasureTitles(ctx, db, lib, "de", nil).Of
	}
	return x
}

// cmdXAPI runs "ailit xapi resend --since DATE": queue the statements of every record since the
// day again (and those never queued), then send them now with progress. The LRS keeps one copy
// per statement id, so a resend never makes duplicates.
func cmdXAPI(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "resend" {
		return groupHelp("xapi", args[:min(len(args), 1)], stdout, stderr)
	}
	var sinceText string
	var queueOnly bool
	cfg, _, err := loadConfig("xapi resend", args[1:], stdout, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&sinceText, "since", "", "resend the statements of records from this day on (YYYY-MM-DD, Berlin time); required")
		fs.BoolVar(&queueOnly, "queue-only", false, "only queue them; the running server sends them within a minute")
	})
	if err != nil {
		return fail(stderr, err)
	}
	since, err := time.ParseInLocation(time.DateOnly, sinceText, i18n.Berlin)
	if err != nil {
		return fail(stderr, fmt.Errorf("--since %q: expected a day like 2026-11-01", sinceText))
	}
	if !cfg.XAPI.Enabled() {
		return fail(stderr, errors.New("no learning record store configured: set AILIT_XAPI_ENDPOINT (see docs/integration.md)"))
	}
	ctx := context.Background()
	log := newLogger(cfg, stderr)
	db, err := openStore(ctx, cfg, log)
	if err != nil {
		return fail(stderr, err)
	}
	defer db.Close()
	lib := content.NewLibrary(cfg.CoursesDir, db, log)
	if _, err := lib.Reload(); err != nil {
		log.Warn("course titles unavailable; activities are named by their ids", "error", err)
	}
	sender := newXAPISender(ctx, cfg, db, lib, db.Clock, log)
	added, err := sender.QueueBetween(ctx, since.UTC(), db.Now())
	if err != nil {
		return fail(stderr, err)
	}
	requeued, err := db.RequeueXAPISince(ctx, since.UTC())
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "%d statements since %s queued (%d of them new)\n", requeued, sinceText, added)
	if queueOnly || requeued == 0 {
		return 0
	}
	sent, err := sender.Deliver(ctx, func(sent, failed int) {
		fmt.Fprintf(stdout, "  sent %d of %d, failed %d\n", sent, requeued, failed)
	})
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "%d of %d statements sent to %s\n", sent, requeued, cfg.XAPI.Endpoint)
	if int64(sent) < requeued {
		fmt.Fprintln(stdout, "the others stay queued and are retried; the admin page /admin/xapi lists the failures")
		return 1
	}
	return 0
}
