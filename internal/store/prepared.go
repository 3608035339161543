package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// preparedRead is one query of the hot path (every logged-in request, every learner page),
// prepared on the reader pool the first time it is needed and kept: it skips GORM's statement
// building and reflection, which cost more than SQLite's work for these one-row lookups. Queries
// are written with ? and numbered for PostgreSQL.
type preparedRead struct {
	query string
	mu    sync.Mutex // one Prepare at a time; a request that finds the statement takes no lock
	stmt  atomic.Pointer[sql.Stmt]
}

// preparedReads are the store's hot queries (see preparedRead).
type preparedReads struct {
	authGeneration preparedRead
	learnerCourse  preparedRead
}

func newPreparedReads() *preparedReads {
	return &preparedReads{
		authGeneration: preparedRead{query: authGenerationQuery},
		learnerCourse:  preparedRead{query: learnerCourseQuery},
	}
}

func (p *preparedReads) close() error {
	return errors.Join(p.authGeneration.close(), p.learnerCourse.close())
}

// query runs the prepared statement on the reader pool.
func (s *Store) query(ctx context.Context, p *preparedRead, args ...any) (*sql.Rows, error) {
	stmt, err := s.prepare(p)
	if err != nil {
		return nil, err
	}
	s.reads.Add(1)
	return stmt.QueryContext(ctx, args...)
}

// queryRow is query for a statement that returns one row.
func (s *Store) queryRow(ctx context.Context, p *preparedRead, args ...any) (*sql.Row, error) {
	stmt, err := s.prepare(p)
	if err != nil {
		return nil, err
	}
	s.reads.Add(1)
	return stmt.QueryRowContext(ctx, args...), nil
}

func (s *Store) prepare(p *preparedRead) (*sql.Stmt, error) {
	if stmt := p.stmt.Load(); stmt != nil {
		return stmt, nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if stmt := p.stmt.Load(); stmt != nil {
		return stmt, nil
	}
	db, err := s.r.DB()
	if err != nil {
		return nil, err
	}
	query := p.query
	if s.Dialect == Postgres {
		query = numberedPlaceholders(query)
	}
	stmt, err := db.Prepare(query)
	if err != nil {
		return nil, err // not kept: the next request tries again (the database may be back)
	}
	p.stmt.Store(stmt)
	return stmt, nil
}

func (p *preparedRead) close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if stmt := p.stmt.Swap(nil); stmt != nil {
		return stmt.Close()
	}
	return nil
}

// numberedPlaceholders turns each ? into $1, $2, … for PostgreSQL (the queries here have no ? in
// string literals).
func numberedPlaceholders(query string) string {
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
