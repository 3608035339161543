package web

import (
	"context"
	"os"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"
)

// healthz says the process is alive.
func (a *App) healthz(c *fiber.Ctx) error { return c.SendString("ok") }

// readyz says the platform can serve: the database answers and accepts writes. A database that
// answers reads but refuses writes (a full disk) is not ready, so a load balancer stops sending
// people there before they lose a quiz submission.
func (a *App) readyz(c *fiber.Ctx) error {
	ctx, cancel := context.WithTimeout(c.UserContext(), 2*time.Second)
	defer cancel()
	if err := a.db.Ping(ctx); err != nil {
		a.log.Warn("readiness check failed", "error", err)
		return c.Status(fiber.StatusServiceUnavailable).SendString("database unavailable")
	}
	if err := a.ready.check(ctx, a.db.Now(), func(ctx context.Context) error { return a.db.ProbeWrite(ctx, a.ready.instance) }); err != nil {
		a.log.Warn("readiness check failed: the database refuses writes", "error", err)
		c.Set(fiber.HeaderRetryAfter, retryAfterSeconds)
		return c.Status(fiber.StatusServiceUnavailable).SendString("database refuses writes")
	}
	return c.SendString("ready")
}

// probeEvery keeps the write probe cheap: at most one small write per instance in this time.
// A write that failed for a request counts as failing for the same time.
const probeEvery = 10 * time.Second

// readiness remembers the last write probe and the last write a request saw fail.
type readiness struct {
	instance string
	mu       sync.Mutex
	probedAt time.Time
	probeErr error
	failedAt time.Time // a request's write failed because the database is away
}

func newReadiness() *readiness {
	host, _ := os.Hostname()
	if host == "" {
		host = "ailit"
	}
	return &readiness{instance: host}
}

// writeFailed notes that a request could not write: readiness fails until probeEvery has passed
// and a probe succeeds after it.
func (r *readiness) writeFailed(now time.Time) {
	r.mu.Lock()
	r.failedAt = now
	r.mu.Unlock()
}

// check returns the probe's error, probing again when the last probe is older than probeEvery or
// a request failed since.
func (r *readiness) check(ctx context.Context, now time.Time, probe func(context.Context) error) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.failedAt.IsZero() && now.Sub(r.failedAt) < probeEvery {
		return errRecentWriteFailure
	}
	if r.probedAt.IsZero() || now.Sub(r.probedAt) >= probeEvery || r.failedAt.After(r.probedAt) {
		r.probeErr, r.probedAt = probe(ctx), now
	}
	return r.probeErr
}

type readinessError string

func (e readinessError) Error() string { return string(e) }

const errRecentWriteFailure = readinessError("a request's write failed in the last 10 seconds")
