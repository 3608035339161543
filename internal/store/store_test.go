package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"gorm.io/gorm/schema"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/store/storetest"
)

func TestMigrateOnEmptyDatabaseCreatesEveryTable(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		for _, table := range []string{"users", "user_roles", "web_sessions", "auth_throttles", "course_version_hashes", "schema_migrations"} {
			if !s.TestWriter().Migrator().HasTable(table) {
				t.Errorf("table %s missing after migrate", table)
			}
		}
		again, err := s.Migrate(context.Background())
		if err != nil || len(again) != 0 {
			t.Fatalf("second migrate applied %v, err %v; want nothing", again, err)
		}
	})
}

// TestModelsMatchMigrations fails when a model gains a field or index that no migration creates:
// every model change needs a new migration file for both dialects.
func TestModelsMatchMigrations(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		m := s.TestWriter().Migrator()
		for _, model := range store.AllModels() {
			stmt := &schemaOf{db: s, model: model}
			sch := stmt.parse(t)
			if !m.HasTable(model) {
				t.Errorf("model %s: table %s has no migration", sch.Name, sch.Table)
				continue
			}
			for _, f := range sch.Fields {
				if f.DBName == "" {
					continue
				}
				if !m.HasColumn(model, f.DBName) {
					t.Errorf("model %s: column %s.%s has no migration", sch.Name, sch.Table, f.DBName)
				}
			}
			for _, idx := range sch.ParseIndexes() {
				if !m.HasIndex(model, idx.Name) {
					t.Errorf("model %s: index %s has no migration", sch.Name, idx.Name)
				}
			}
		}
	})
}

type schemaOf struct {
	db    *store.Store
	model any
}

func (s *schemaOf) parse(t *testing.T) *schema.Schema {
	stmt := s.db.TestWriter().Model(s.model).Statement
	if err := stmt.Parse(s.model); err != nil {
		t.Fatal(err)
	}
	return stmt.Schema
}

func TestCreateUserRejectsDuplicateEmailIgnoringCase(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if err := s.CreateUser(ctx, &store.User{Email: "Anna.Berg@stadt.example", DisplayName: "Anna Berg"}, []string{"learner"}); err != nil {
			t.Fatal(err)
		}
		err := s.CreateUser(ctx, &store.User{Email: "anna.berg@stadt.example", DisplayName: "Anna B."}, []string{"learner"})
		if domain.ErrorCode(err) != domain.ECONFLICT {
			t.Fatalf("got %v, want a conflict", err)
		}
		u, err := s.UserByEmail(ctx, "ANNA.BERG@stadt.example")
		if err != nil || u.DisplayName != "Anna Berg" || !slices.Equal(u.RoleNames(), []string{"learner"}) {
			t.Fatalf("lookup by email: %+v, %v", u, err)
		}
	})
}

func TestListUsersFiltersByRoleAndName(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		for _, u := range []struct {
			name, email string
			roles       []string
		}{
			{"Ayşe Schwarz", "ayse@stadt.example", []string{"learner"}},
			{"Katrin Braun", "katrin@stadt.example", []string{"learner", "manager"}},
			{"Jörg Weiß", "joerg@stadt.example", []string{"admin"}},
		} {
			if err := s.CreateUser(ctx, &store.User{Email: u.email, DisplayName: u.name}, u.roles); err != nil {
				t.Fatal(err)
			}
		}
		managers, n, err := s.ListUsers(ctx, store.UserFilter{Role: "manager"})
		if err != nil || n != 1 || managers[0].DisplayName != "Katrin Braun" {
			t.Fatalf("managers: %v (%d), %v", managers, n, err)
		}
		found, _, _ := s.ListUsers(ctx, store.UserFilter{Query: "SCHWARZ"})
		if len(found) != 1 || found[0].Email != "ayse@stadt.example" {
			t.Fatalf("search by name: %v", found)
		}
	})
}

func TestDeactivatingAUserEndsTheirSessions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := &store.User{Email: "x@stadt.example", DisplayName: "X"}
		if err := s.CreateUser(ctx, u, []string{"learner"}); err != nil {
			t.Fatal(err)
		}
		now := s.Now()
		ws := &store.WebSession{ID: "abc", SecretHash: []byte{1}, UserID: &u.ID, CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(time.Hour)}
		if _, err := s.CreateSession(ctx, ws); err != nil {
			t.Fatal(err)
		}
		if err := s.SetActive(ctx, u.ID, false); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SessionByID(ctx, "abc"); domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Fatalf("session survived deactivation: %v", err)
		}
	})
}

func TestRecordVersionHashKeepsTheFirstHash(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		first, err := s.RecordVersionHash("ki-grundlagen", "1.0.0", "aaa", "")
		if err != nil || first != "aaa" {
			t.Fatalf("first record: %q %v", first, err)
		}
		again, err := s.RecordVersionHash("ki-grundlagen", "1.0.0", "bbb", "")
		if err != nil || again != "aaa" {
			t.Fatalf("changed content must report the first hash, got %q %v", again, err)
		}
	})
}

func TestThrottleWindowCountsAndRestarts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		since := s.Now().Add(-15 * time.Minute)
		for range 3 {
			if err := s.RecordFailure(ctx, since, "ip:1.2.3.4", "acct:a@b"); err != nil {
				t.Fatal(err)
			}
		}
		if n, _ := s.ThrottleFailures(ctx, "acct:a@b", since); n != 3 {
			t.Fatalf("failures = %d, want 3", n)
		}
		// A window that started before "since" has expired: the next failure starts a new one.
		later := s.Now().Add(time.Second)
		if err := s.RecordFailure(ctx, later, "acct:a@b"); err != nil {
			t.Fatal(err)
		}
		if n, _ := s.ThrottleFailures(ctx, "acct:a@b", since); n != 1 {
			t.Fatalf("failures after window restart = %d, want 1", n)
		}
	})
}
