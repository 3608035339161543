// Package store is ailit's storage: GORM over SQLite (the embedded default) or PostgreSQL, with
// versioned migrations and one file per aggregate (users.go, sessions.go, …).
//
// On SQLite there are two pools on the same file, as PocketBase does it: a writer with exactly one
// connection whose transactions start IMMEDIATE (so a write never fails half-way with "database is
// locked"), and a read-only pool for everything else. On PostgreSQL both point to one pool.
package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/ailit/ailit/internal/config"
	"github.com/ailit/ailit/internal/domain"
)

// Dialects.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// Store holds the database handles: the writer w for every write and transaction, the reader r for
// reads (on PostgreSQL both are one pool). Other packages call its methods and InTx, never a handle.
type Store struct {
	w        *gorm.DB
	r        *gorm.DB
	Dialect  string
	Clock    domain.Clock
	log      *slog.Logger
	writes   *atomic.Int64  // statements that change data, for Writes (shared by a transaction's copy)
	reads    *atomic.Int64  // statements that only read, for Reads (shared too)
	prepared *preparedReads // the hot queries, prepared once on the reader pool
}

// Writes counts the statements that changed (or could change) data since the store was opened:
// inserts, updates, deletes and raw statements other than SELECT. The test that GET pages only
// read compares it before and after each page.
func (s *Store) Writes() int64 { return s.writes.Load() }

// Reads counts the statements that only read data since the store was opened, on either pool,
// including the revocation counter's query. Tests use it to see that a cached session and user
// cost no query of their own.
func (s *Store) Reads() int64 { return s.reads.Load() }

// countReads registers the callbacks behind Reads on db.
func (s *Store) countReads(db *gorm.DB) error {
	count := func(*gorm.DB) { s.reads.Add(1) }
	cb := db.Callback()
	return errors.Join(
		cb.Query().After("gorm:query").Register("ailit:count_reads", count),
		cb.Row().After("gorm:row").Register("ailit:count_reads", count), // Raw(…).Scan, Pluck
	)
}

// countWrites registers the callbacks behind Writes on db.
func (s *Store) countWrites(db *gorm.DB) error {
	count := func(*gorm.DB) { s.writes.Add(1) }
	cb := db.Callback()
	return errors.Join(
		cb.Create().After("gorm:create").Register("ailit:count_writes", count),
		cb.Update().After("gorm:update").Register("ailit:count_writes", count),
		cb.Delete().After("gorm:delete").Register("ailit:count_writes", count),
		cb.Raw().After("gorm:raw").Register("ailit:count_writes", func(tx *gorm.DB) {
			sql := strings.TrimSpace(strings.ToUpper(tx.Statement.SQL.String()))
			if !strings.HasPrefix(sql, "SELECT") && !strings.HasPrefix(sql, "WITH") && !strings.HasPrefix(sql, "PRAGMA") {
				s.writes.Add(1)
			}
		}),
	)
}

// Open connects to the database named by url: a SQLite file path, or a postgres:// URL.
func Open(ctx context.Context, dbURL string, log *slog.Logger) (*Store, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	gcfg := func() *gorm.Config {
		return &gorm.Config{
			TranslateError: true,
			NowFunc:        func() time.Time { return time.Now().UTC() },
			Logger:         logger.Discard,
		}
	}
	s := &Store{Clock: domain.SystemClock{}, log: log, writes: new(atomic.Int64), reads: new(atomic.Int64), prepared: newPreparedReads()}
	if config.IsPostgresURL(dbURL) {
		db, err := gorm.Open(postgres.Open(withTimeZoneUTC(dbURL)), gcfg())
		if err != nil {
			return nil, fmt.Errorf("connecting to PostgreSQL: %w", err)
		}
		sqlDB, err := db.DB()
		if err != nil {
			return nil, err
		}
		// As many idle connections as open ones: with fewer, every burst beyond the idle ones
		// closed connections on return and opened them again a moment later (a new server process
		// per connection on PostgreSQL's side), which held pages at a third of their speed. Idle
		// ones are closed after five minutes, so a quiet instance holds none.
		sqlDB.SetMaxOpenConns(20)
		sqlDB.SetMaxIdleConns(20)
		sqlDB.SetConnMaxIdleTime(5 * time.Minute)
		s.w, s.r, s.Dialect = db, db, Postgres
	} else {
		path := strings.TrimPrefix(dbURL, "sqlite://")
		if dir := filepath.Dir(path); dir != "" {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, fmt.Errorf("creating database directory: %w", err)
			}
		}
		// busy_timeout must come before journal_mode in the DSN (PocketBase notes the same).
		common := "_busy_timeout=10000&_journal_mode=WAL&_foreign_keys=on&_synchronous=NORMAL"
		// SQLite parses every statement anew unless it is prepared: with GORM's prepared-statement
		// mode the hot queries of the readers (session, user, enrollment, progress) are parsed once
		// per connection; the writer keeps its own (writer_stmts.go), as GORM's mode prepares again
		// in every transaction. The caches are bounded, for the statements whose text varies (IN
		// lists, reports). PostgreSQL's driver (pgx) caches prepared statements by itself.
		prepared := func() *gorm.Config {
			c := gcfg()
			c.PrepareStmt, c.PrepareStmtMaxSize, c.PrepareStmtTTL = true, 256, time.Hour
			return c
		}
		w, err := gorm.Open(sqlite.Open("file:"+path+"?"+common+"&_txlock=immediate"), gcfg())
		if err != nil {
			return nil, fmt.Errorf("opening SQLite database %s: %w", path, err)
		}
		wdb, _ := w.DB()
		// The writer keeps its prepared statements for transactions too (writer_stmts.go).
		w.ConnPool = newWriterStmts(wdb)
		w.Statement.ConnPool = w.ConnPool
		wdb.SetMaxOpenConns(1)
		wdb.SetMaxIdleConns(1)
		wdb.SetConnMaxLifetime(0)
		// The writer opens first so WAL mode is set on a read-write connection before readers.
		if err := wdb.PingContext(ctx); err != nil {
			return nil, fmt.Errorf("opening SQLite database %s: %w", path, err)
		}
		r, err := gorm.Open(sqlite.Open("file:"+path+"?"+common+"&_query_only=1"), prepared())
		if err != nil {
			return nil, fmt.Errorf("opening SQLite read pool: %w", err)
		}
		rdb, _ := r.DB()
		n := max(4, 2*runtime.GOMAXPROCS(0))
		rdb.SetMaxOpenConns(n)
		rdb.SetMaxIdleConns(n)
		s.w, s.r, s.Dialect = w, r, SQLite
	}
	if err := s.countWrites(s.w); err != nil {
		return nil, err
	}
	if err := s.countReads(s.w); err != nil {
		return nil, err
	}
	if s.r != s.w { // on PostgreSQL one pool, counted once
		if err := s.countReads(s.r); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// withTimeZoneUTC makes PostgreSQL sessions use UTC so timestamps read back as stored.
func withTimeZoneUTC(dbURL string) string {
	u, err := url.Parse(dbURL)
	if err != nil {
		return dbURL
	}
	q := u.Query()
	if q.Get("timezone") == "" {
		q.Set("timezone", "UTC")
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// Ping checks that the database answers, for /readyz.
func (s *Store) Ping(ctx context.Context) error {
	for _, db := range []*gorm.DB{s.w, s.r} {
		sqlDB, err := db.DB()
		if err != nil {
			return err
		}
		if err := sqlDB.PingContext(ctx); err != nil {
			return err
		}
	}
	return nil
}

// Close closes the read pool, then the writer, so SQLite checkpoints the WAL on the last close.
func (s *Store) Close() error {
	errs := []error{s.prepared.close()}
	if s.r != s.w {
		if db, err := s.r.DB(); err == nil {
			errs = append(errs, db.Close())
		}
	}
	if db, err := s.w.DB(); err == nil {
		errs = append(errs, db.Close())
	}
	return errors.Join(errs...)
}

// Now is the store's clock, in UTC.
func (s *Store) Now() time.Time { return s.Clock.Now().UTC() }

// notFound converts gorm's "record not found" into the application error.
func notFound(err error, what string) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return domain.Errorf(domain.ENOTFOUND, "%s not found", what)
	}
	return err
}

// Backup writes a consistent copy of a SQLite database to path while the platform keeps running
// (VACUUM INTO takes a read snapshot; writers are not blocked for long). PostgreSQL has its own
// tools (pg_dump), so Backup refuses there.
func (s *Store) Backup(ctx context.Context, path string) error {
	if s.Dialect != SQLite {
		return domain.Errorf(domain.EINVALID, "online backup is for SQLite; use pg_dump for PostgreSQL")
	}
	if _, err := os.Stat(path); err == nil {
		return domain.Errorf(domain.ECONFLICT, "%s exists already; choose a new file name", path)
	}
	return s.w.WithContext(ctx).Exec("VACUUM INTO ?", path).Error
}
