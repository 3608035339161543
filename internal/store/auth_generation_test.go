package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/store/storetest"
)

// The revocation counter changes with everything a cached session or user depends on, and not
// with what every page view writes.
func TestAuthGenerationCountsChangesOfSessionsAndUsersNotActivity(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := &store.User{Email: "lea@stadt.example", DisplayName: "Lea", Active: true}
		if err := s.CreateUser(ctx, u, []string{store.RoleLearner}); err != nil {
			t.Fatal(err)
		}
		unit, err := s.CreateOrgUnit(ctx, nil, "Kämmerei")
		if err != nil {
			t.Fatal(err)
		}
		start := s.Now().Truncate(time.Second)
		newSession := func(id string) *store.WebSession {
			return &store.WebSession{ID: id, SecretHash: []byte{1}, UserID: &u.ID, Data: []byte("a"),
				CreatedAt: start, LastSeenAt: start, ExpiresAt: start.Add(12 * time.Hour)}
		}
		for _, step := range []struct {
			name   string
			change func() error
			counts bool
		}{
			{"a new session", func() error { _, err := s.CreateSession(ctx, newSession("s1")); return err }, false},
			{"recording activity", func() error {
				_, err := s.RecordSessionActivity(ctx, "s1", time.Time{}, start.Add(2*time.Minute))
				return err
			}, false},
			{"the same values again", func() error {
				_, err := s.UpdateSessionValues(ctx, "s1", []byte("a"), &u.ID, start.Add(3*time.Minute))
				return err
			}, false},
			{"new session values", func() error {
				_, err := s.UpdateSessionValues(ctx, "s1", []byte("b"), &u.ID, start.Add(4*time.Minute))
				return err
			}, true},
			{"a longer lifetime", func() error { return setExpiry(s, "s1", start.Add(13*time.Hour)) }, false},
			{"a shorter lifetime", func() error { return setExpiry(s, "s1", start.Add(90*time.Minute)) }, true},
			{"logging out", func() error { return s.DeleteSession(ctx, "s1") }, true},
			{"the user's language", func() error { return s.SetLanguage(ctx, u.ID, "en") }, true},
			{"the user's roles", func() error {
				return s.UpdateUser(ctx, u.ID, "Lea", []string{store.RoleLearner, store.RoleTrainer}, true)
			}, true},
			{"a managed unit", func() error { return s.AddManagerUnit(ctx, u.ID, unit.ID) }, true},
			{"a managed unit less", func() error { return s.RemoveManagerUnit(ctx, u.ID, unit.ID) }, true},
			{"deactivation", func() error { return s.SetActive(ctx, u.ID, false) }, true},
		} {
			before, err := s.AuthGeneration(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if err := step.change(); err != nil {
				t.Fatalf("%s: %v", step.name, err)
			}
			after, err := s.AuthGeneration(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if counted := after != before; counted != step.counts {
				t.Errorf("%s: counter %d → %d, want a change: %v", step.name, before, after, step.counts)
			}
		}
	})
}

// A write to a session returns the counter including that write, so what it wrote can be cached
// under it.
func TestSessionWritesReturnTheCounterAfterThem(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		now := s.Now().Truncate(time.Second)
		ws := &store.WebSession{ID: "s1", SecretHash: []byte{1}, Data: []byte("a"), CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(time.Hour)}
		created, err := s.CreateSession(ctx, ws)
		if err != nil {
			t.Fatal(err)
		}
		updated, err := s.UpdateSessionValues(ctx, "s1", []byte("b"), nil, now)
		if err != nil {
			t.Fatal(err)
		}
		current, err := s.AuthGeneration(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if updated != current || updated != created+1 {
			t.Errorf("created at %d, updated at %d, counter now %d", created, updated, current)
		}
		if err := s.DeleteSession(ctx, "s1"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.UpdateSessionValues(ctx, "s1", []byte("c"), nil, now); err == nil {
			t.Error("an ended session was written again")
		}
	})
}

// setExpiry changes a session's expiry, which no store method does today.
func setExpiry(s *store.Store, id string, at time.Time) error {
	return s.TestWriter().Model(&store.WebSession{}).Where("id = ?", id).Update("expires_at", at).Error
}

// On PostgreSQL the counting waits for the commit, so a long transaction that changes users (an
// HR import) holds up no login or logout meanwhile, and its changes count once it commits.
func TestAuthGenerationCountsAtCommitAndHoldsUpNoOneBefore(t *testing.T) {
	if storetest.PostgresURL() == "" {
		t.Skip("PostgreSQL tests need AILIT_TEST_DATABASE_URL")
	}
	s := storetest.OpenPostgres(t)
	ctx := context.Background()
	u := &store.User{Email: "lea@stadt.example", DisplayName: "Lea", Active: true}
	if err := s.CreateUser(ctx, u, nil); err != nil {
		t.Fatal(err)
	}
	now := s.Now().Truncate(time.Second)
	if _, err := s.CreateSession(ctx, &store.WebSession{ID: "other", SecretHash: []byte{1}, CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	before, _ := s.AuthGeneration(ctx)
	long := s.TestWriter().Begin()
	defer long.Rollback()
	if err := long.Model(&store.User{}).Where("id = ?", u.ID).Update("display_name", "Lea B.").Error; err != nil {
		t.Fatal(err)
	}
	// A guard against waiting for the open transaction for ever, not a measurement.
	guard, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := s.DeleteSession(guard, "other"); err != nil {
		t.Fatalf("a logout while another transaction changed a user: %v", err)
	}
	ended, _ := s.AuthGeneration(ctx)
	if err := long.Commit().Error; err != nil {
		t.Fatal(err)
	}
	after, _ := s.AuthGeneration(ctx)
	if ended != before+1 || after != ended+1 {
		t.Errorf("counter %d, after the logout %d, after the commit %d: want one more each", before, ended, after)
	}
}
