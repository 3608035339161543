package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/mattn/go-sqlite3"
)

// HealthProbe is the row the readiness check writes for its instance.
type HealthProbe struct {
	Instance  string    `gorm:"primaryKey"`
	WrittenAt time.Time `gorm:"not null"`
}

// ProbeWrite writes this instance's probe row: it fails when the database refuses writes.
func (s *Store) ProbeWrite(ctx context.Context, instance string) error {
	return s.w.WithContext(ctx).Exec(
		"INSERT INTO health_probes (instance, written_at) VALUES (?, ?) "+
			"ON CONFLICT (instance) DO UPDATE SET written_at = excluded.written_at",
		instance, s.Now()).Error
}

// Unavailable says whether err means the database is away or refuses writes (PostgreSQL stopped
// or unreachable, a full disk, a read-only or broken file) rather than that the request was wrong
// or the code has a bug: the web layer answers 503 with Retry-After, and readiness fails.
func Unavailable(err error) bool {
	if err == nil {
		return false
	}
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrFull, sqlite3.ErrIoErr, sqlite3.ErrReadonly, sqlite3.ErrCantOpen,
			sqlite3.ErrBusy, sqlite3.ErrLocked, sqlite3.ErrProtocol, sqlite3.ErrNotADB, sqlite3.ErrCorrupt:
			return true
		}
		return false
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		// Class 08 connection exception, 53 insufficient resources (disk full, out of memory,
		// too many connections), 57P01-57P05 shutdown and "cannot connect now", 25006 read-only.
		return strings.HasPrefix(pe.Code, "08") || strings.HasPrefix(pe.Code, "53") ||
			strings.HasPrefix(pe.Code, "57P") || pe.Code == "25006"
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	var oe *net.OpError
	return errors.As(err, &ce) || errors.As(err, &oe) || errors.As(err, &ne) ||
		errors.Is(err, driver.ErrBadConn) || errors.Is(err, sql.ErrConnDone) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) ||
		errors.Is(err, context.DeadlineExceeded) || pgconn.Timeout(err)
}
