package store

import (
	"context"
	"database/sql"
	"sync"

	"gorm.io/gorm"
)

// writerStmts is the SQLite writer's connection pool (one connection) with its prepared
// statements, in place of GORM's PrepareStmt mode. GORM prepares a statement first run inside a
// transaction on that transaction, and database/sql closes it when the transaction ends, so every
// later transaction parsed every statement anew (a third of the time of a graded quiz submit).
// Here statements are prepared on the pool and a transaction uses them through Tx.StmtContext,
// which reuses the statement already prepared on the one connection.
//
// A transaction holds the only connection, so a statement it misses cannot be prepared on the
// pool meanwhile: the transaction prepares it for itself, and the pool prepares it once the
// transaction has ended.
type writerStmts struct {
	db *sql.DB

	mu    sync.Mutex
	stmts map[string]*cachedStmt
}

// cachedStmt is a prepared statement with the number of callers using it, so a statement dropped
// from a full cache is closed only when no caller is about to run it.
type cachedStmt struct {
	stmt    *sql.Stmt
	users   int
	dropped bool
}

// writerStmtsMax bounds the cache: statements with lists of parameters vary in their text.
const writerStmtsMax = 256

func newWriterStmts(db *sql.DB) *writerStmts {
	return &writerStmts{db: db, stmts: map[string]*cachedStmt{}}
}

// acquire returns the cached statement for query, or nil; a non-nil one must be released.
func (p *writerStmts) acquire(query string) *cachedStmt {
	p.mu.Lock()
	defer p.mu.Unlock()
	c := p.stmts[query]
	if c != nil {
		c.users++
	}
	return c
}

func (p *writerStmts) release(c *cachedStmt) {
	p.mu.Lock()
	defer p.mu.Unlock()
	c.users--
	if c.dropped && c.users == 0 {
		_ = c.stmt.Close()
	}
}

// prepare prepares query on the pool and caches it (it waits for the connection). When the cache
// is full it starts over: the statements in use now are prepared again on their next use.
func (p *writerStmts) prepare(ctx context.Context, query string) (*cachedStmt, error) {
	if c := p.acquire(query); c != nil {
		return c, nil
	}
	stmt, err := p.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if c := p.stmts[query]; c != nil { // prepared by another caller meanwhile
		_ = stmt.Close()
		c.users++
		return c, nil
	}
	if len(p.stmts) >= writerStmtsMax {
		for q, c := range p.stmts {
			c.dropped = true
			if c.users == 0 {
				_ = c.stmt.Close()
			}
			delete(p.stmts, q)
		}
	}
	c := &cachedStmt{stmt: stmt, users: 1}
	p.stmts[query] = c
	return c, nil
}

func (p *writerStmts) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	return p.db.PrepareContext(ctx, query)
}

func (p *writerStmts) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	c, err := p.prepare(ctx, query)
	if err != nil {
		return nil, err
	}
	defer p.release(c)
	return c.stmt.ExecContext(ctx, args...)
}

func (p *writerStmts) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	c, err := p.prepare(ctx, query)
	if err != nil {
		return nil, err
	}
	defer p.release(c) // a statement closed while rows are open is closed once they are
	return c.stmt.QueryContext(ctx, args...)
}

func (p *writerStmts) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	c, err := p.prepare(ctx, query)
	if err != nil {
		return p.db.QueryRowContext(ctx, query, args...) // reports the same error
	}
	defer p.release(c)
	return c.stmt.QueryRowContext(ctx, args...)
}

// GetDBConn is the pool itself (gorm.DB.DB).
func (p *writerStmts) GetDBConn() (*sql.DB, error) { return p.db, nil }

// BeginTx starts a transaction that runs the cached statements.
func (p *writerStmts) BeginTx(ctx context.Context, opts *sql.TxOptions) (gorm.ConnPool, error) {
	tx, err := p.db.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	return &writerTx{Tx: tx, p: p}, nil
}

// writerTx is a transaction on the writer. missed are the statements it prepared for itself.
type writerTx struct {
	*sql.Tx
	p      *writerStmts
	missed []string
}

// stmt returns the statement for query inside the transaction; done must be called after it ran.
func (t *writerTx) stmt(ctx context.Context, query string) (stmt *sql.Stmt, done func(), err error) {
	if c := t.p.acquire(query); c != nil {
		return t.StmtContext(ctx, c.stmt), func() { t.p.release(c) }, nil
	}
	t.missed = append(t.missed, query)
	stmt, err = t.Tx.PrepareContext(ctx, query)
	return stmt, func() {}, err
}

func (t *writerTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	stmt, done, err := t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	defer done()
	return stmt.ExecContext(ctx, args...)
}

func (t *writerTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	stmt, done, err := t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	defer done()
	return stmt.QueryContext(ctx, args...)
}

func (t *writerTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	stmt, done, err := t.stmt(ctx, query)
	if err != nil {
		return t.Tx.QueryRowContext(ctx, query, args...) // reports the same error
	}
	defer done()
	return stmt.QueryRowContext(ctx, args...)
}

func (t *writerTx) Commit() error {
	err := t.Tx.Commit()
	t.prepareMissed()
	return err
}

func (t *writerTx) Rollback() error {
	err := t.Tx.Rollback()
	t.prepareMissed()
	return err
}

// prepareMissed prepares on the pool, now that the connection is free, the statements the
// transaction had to prepare for itself. A statement that fails to prepare is left uncached.
func (t *writerTx) prepareMissed() {
	for _, q := range t.missed {
		if c, err := t.p.prepare(context.Background(), q); err == nil {
			t.p.release(c)
		}
	}
	t.missed = nil
}
