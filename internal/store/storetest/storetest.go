// Package storetest opens real, empty, migrated databases for tests: a SQLite file in a temporary
// directory always, and a fresh schema in PostgreSQL when AILIT_TEST_DATABASE_URL names a server.
package storetest

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/ailit/ailit/internal/store"
)

// PostgresURL is the test server's URL, or "" when PostgreSQL tests are off.
func PostgresURL() string { return os.Getenv("AILIT_TEST_DATABASE_URL") }

// OpenSQLite returns a migrated store on a new SQLite file.
func OpenSQLite(t testing.TB) *store.Store {
	t.Helper()
	return OpenURL(t, NewSQLiteFile(t))
}

// NewSQLiteFile writes a new, migrated SQLite database into the test's temporary directory and
// returns its path. The migrations run once per test process into a template that every test
// copies: a copy costs a file write, running every migration again costs a few dozen statements.
func NewSQLiteFile(t testing.TB) string {
	t.Helper()
	template, err := sqliteTemplate()
	if err != nil {
		t.Fatalf("migrating the template database: %v", err)
	}
	path := filepath.Join(t.TempDir(), "test.db")
	if err := os.WriteFile(path, template, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// sqliteTemplate is the bytes of a freshly migrated SQLite database, made once per process.
var sqliteTemplate = sync.OnceValues(func() ([]byte, error) {
	dir, err := os.MkdirTemp("", "ailit-template-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "template.db")
	s, err := store.Open(context.Background(), path, nil)
	if err != nil {
		return nil, err
	}
	if _, err := s.Migrate(context.Background()); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.Close(); err != nil { // closing checkpoints the WAL into the file
		return nil, err
	}
	return os.ReadFile(path)
})

// OpenPostgres returns a migrated store in a new schema of the PostgreSQL test server; the schema is
// dropped when the test ends. It skips the test when no server is configured.
func OpenPostgres(t testing.TB) *store.Store {
	t.Helper()
	base := PostgresURL()
	if base == "" {
		t.Skip("PostgreSQL tests need AILIT_TEST_DATABASE_URL (set by .ci/run)")
	}
	return OpenURL(t, NewPostgresSchema(t, base))
}

// NewPostgresSchema creates an empty schema on the server at base, dropped when the test ends, and
// returns a URL that uses it.
func NewPostgresSchema(t testing.TB, base string) string {
	t.Helper()
	dbURL, drop, err := store.NewPostgresSchema(context.Background(), base, "t_")
	if err != nil {
		t.Fatalf("PostgreSQL test server: %v", err)
	}
	t.Cleanup(drop)
	return dbURL
}

// OpenURL returns a migrated store on the database at dbURL, closed when the test ends.
func OpenURL(t testing.TB, dbURL string) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), dbURL, nil)
	if err != nil {
		t.Fatalf("opening test database: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(context.Background()); err != nil {
		t.Fatalf("migrating test database: %v", err)
	}
	return s
}

// Each runs fn against SQLite and, when configured, PostgreSQL, as subtests named by dialect.
func Each(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Run(store.SQLite, func(t *testing.T) { fn(t, OpenSQLite(t)) })
	t.Run(store.Postgres, func(t *testing.T) { fn(t, OpenPostgres(t)) })
}
