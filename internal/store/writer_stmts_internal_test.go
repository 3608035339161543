package store

import (
	"context"
	"path/filepath"
	"testing"

	"gorm.io/gorm"
)

// A statement run in a transaction on the SQLite writer is prepared on the pool once that
// transaction has ended, and the next transactions use it instead of preparing it again.
func TestWriterTransactionsReuseTheirPreparedStatements(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "w.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	pool := s.w.ConnPool.(*writerStmts)
	const query = "SELECT 1 + ?"
	run := func() (missed []string) {
		err := s.inTx(ctx, func(tx *gorm.DB) error {
			var n int
			if err := tx.Raw(query, 1).Scan(&n).Error; err != nil || n != 2 {
				t.Fatalf("got %d, %v", n, err)
			}
			missed = append(missed, tx.Statement.ConnPool.(*writerTx).missed...)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return missed
	}
	if missed := run(); len(missed) != 1 || missed[0] != query {
		t.Fatalf("first transaction prepared %q for itself, want the query", missed)
	}
	if pool.stmts[query] == nil {
		t.Fatal("the statement was not prepared on the pool after the transaction")
	}
	if missed := run(); len(missed) != 0 {
		t.Fatalf("second transaction prepared %q again", missed)
	}
	if c := pool.stmts[query]; c.users != 0 {
		t.Fatalf("statement still in use by %d callers", c.users)
	}
}
