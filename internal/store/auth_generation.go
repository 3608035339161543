package store

import (
	"context"

	"gorm.io/gorm"
)

// The revocation counter (migration 0017_auth_generation): the database adds one on every change
// to a session's values, a user, their roles or managed units, and on every ended session. An
// instance that caches sessions and users serves an entry only while the counter is what it was
// when the entry was filled (internal/auth, sessioncache.go).
const authGenerationQuery = "SELECT n FROM auth_generation WHERE id = 1"

// AuthGeneration returns the revocation counter. It reads from the reader pool, as SessionByID
// does: a revocation is committed before it returns, so a reader sees it at once.
func (s *Store) AuthGeneration(ctx context.Context) (int64, error) {
	row, err := s.queryRow(ctx, &s.prepared.authGeneration)
	if err != nil {
		return 0, err
	}
	var n int64
	err = row.Scan(&n)
	return n, err
}

// authGenerationIn returns the counter as a write transaction sees it after its own writes, to tag
// what the transaction wrote. On SQLite the writer is alone. On PostgreSQL the counting triggers
// are deferred to the commit: they are made to run now, and a transaction that counted then holds
// the counter's row until it ends, while one that did not reads the last committed value. Either
// way every change the value does not include is counted after it, so an entry tagged with it is
// reloaded after that change.
func (s *Store) authGenerationIn(tx *gorm.DB) (int64, error) {
	if s.Dialect == Postgres {
		if err := tx.Exec("SET CONSTRAINTS ALL IMMEDIATE").Error; err != nil {
			return 0, err
		}
	}
	var n int64
	err := tx.Raw(authGenerationQuery).Scan(&n).Error
	return n, err
}
