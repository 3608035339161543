package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Migrations are numbered SQL files, one folder per dialect, applied in order, each in its own
// transaction together with its row in schema_migrations. A file once released is never edited:
// a change to the schema is a new file in both folders (TestModelsMatchMigrations enforces it).
//
//go:embed migrations
var migrationFiles embed.FS

type migration struct {
	Version int
	Name    string
	SQL     string
}

func (s *Store) migrations() ([]migration, error) {
	dir := path.Join("migrations", s.Dialect)
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		name := e.Name()
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(name, ".sql") {
			return nil, fmt.Errorf("migration file %s: name must look like 0001_description.sql", name)
		}
		b, err := fs.ReadFile(migrationFiles, path.Join(dir, name))
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{Version: v, Name: strings.TrimSuffix(name, ".sql"), SQL: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Version < ms[j].Version })
	for i, m := range ms {
		if m.Version != i+1 {
			return nil, fmt.Errorf("migration %s: expected number %04d (no gaps, no duplicates)", m.Name, i+1)
		}
	}
	return ms, nil
}

// backfills fill new columns of a migration from existing data, in the migration's transaction,
// where the statement is shared with the code that keeps the columns up to date.
var backfills = map[int]func(tx *gorm.DB) error{
	// The member facts (0007_member_facts) are filled by the current statement, which also reads
	// and writes the columns of 0010_course_families: it runs after the last migration it needs
	// (for a database that had 0007 already, it recomputes the facts family-aware).
	10: func(tx *gorm.DB) error { return refreshMemberFacts(tx, "1 = 1") }, // 0007_member_facts, 0010_course_families
}

// SchemaMigration records an applied migration.
type SchemaMigration struct {
	Version   int `gorm:"primaryKey;autoIncrement:false"`
	Name      string
	AppliedAt time.Time
}

// Migrate applies every migration not yet applied and returns their names.
func (s *Store) Migrate(ctx context.Context) ([]string, error) {
	ms, err := s.migrations()
	if err != nil {
		return nil, err
	}
	db := s.w.WithContext(ctx)
	if err := db.Exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP NOT NULL)`).Error; err != nil {
		return nil, fmt.Errorf("creating schema_migrations: %w", err)
	}
	var done []int
	if err := db.Model(&SchemaMigration{}).Pluck("version", &done).Error; err != nil {
		return nil, err
	}
	applied := map[int]bool{}
	for _, v := range done {
		applied[v] = true
	}
	if len(done) > len(ms) {
		return nil, fmt.Errorf("the database has %d migrations, this binary knows %d: it is older than the database", len(done), len(ms))
	}
	var names []string
	for _, m := range ms {
		if applied[m.Version] {
			continue
		}
		err := db.Transaction(func(tx *gorm.DB) error {
			for _, stmt := range splitStatements(m.SQL) {
				if err := tx.Exec(stmt).Error; err != nil {
					return fmt.Errorf("%w\nin statement:\n%s", err, stmt)
				}
			}
			if backfill := backfills[m.Version]; backfill != nil {
				if err := backfill(tx); err != nil {
					return fmt.Errorf("%w\nin the backfill", err)
				}
			}
			return tx.Create(&SchemaMigration{Version: m.Version, Name: m.Name, AppliedAt: s.Now()}).Error
		})
		if err != nil {
			return names, fmt.Errorf("migration %s: %w", m.Name, err)
		}
		s.log.Info("migration applied", "name", m.Name)
		names = append(names, m.Name)
	}
	return names, nil
}

// splitStatements splits a migration file on semicolons at line ends. Migrations hold plain DDL, so
// no statement contains a semicolon at the end of a line inside a string.
func splitStatements(sql string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(sql, "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "--") || trimmed == "" {
			continue
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
		if strings.HasSuffix(trimmed, ";") {
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
		}
	}
	if s := strings.TrimSpace(cur.String()); s != "" {
		out = append(out, s)
	}
	return out
}
