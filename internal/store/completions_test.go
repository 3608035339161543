package store_test

import (
	"context"
	"regexp"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/store/storetest"
)

func newLearner(t testing.TB, s *store.Store, email string) *store.User {
	t.Helper()
	u := &store.User{Email: email, DisplayName: email}
	if err := s.CreateUser(context.Background(), u, []string{"learner"}); err != nil {
		t.Fatal(err)
	}
	return u
}

func record(t *testing.T, s *store.Store, c *store.Completion) bool {
	t.Helper()
	var created bool
	err := s.InTx(context.Background(), func(tx *store.Tx) (err error) {
		created, err = tx.RecordCompletion(c)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return created
}

func TestCompletingTwiceKeepsOneRecord(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := newLearner(t, s, "a@stadt.example")
		until := time.Date(2028, 11, 20, 0, 0, 0, 0, time.UTC)
		first := &store.Completion{UserID: u.ID, CourseID: "ki-grundlagen", Version: "1.0.0", ContentHash: "h", ValidUntil: &until}
		if !record(t, s, first) {
			t.Fatal("first completion not created")
		}
		if !regexp.MustCompile(`^[a-z2-7]{24}$`).MatchString(first.RecordID) {
			t.Fatalf("record id %q is not 24 URL-safe characters", first.RecordID)
		}
		second := &store.Completion{UserID: u.ID, CourseID: "ki-grundlagen", Version: "1.0.0", ContentHash: "h"}
		if record(t, s, second) {
			t.Fatal("second completion created a record")
		}
		if second.ID != first.ID || second.RecordID != first.RecordID || second.ValidUntil == nil {
			t.Fatalf("second call returned %+v, want the stored %+v", second, first)
		}
		cs, _ := s.CompletionsOfUser(ctx, u.ID)
		es, _ := s.EvidenceOfUser(ctx, u.ID)
		if len(cs) != 1 || len(es) != 2 { // role event + one completion event
			t.Fatalf("%d completions, %d events; want 1 and 2", len(cs), len(es))
		}
		// Another version is another record.
		if !record(t, s, &store.Completion{UserID: u.ID, CourseID: "ki-grundlagen", Version: "1.1.0", ContentHash: "h2"}) {
			t.Fatal("completion of another version not created")
		}
		got, err := s.CompletionByRecordID(ctx, first.RecordID)
		if err != nil || got.Version != "1.0.0" || !got.ValidUntil.Equal(until) {
			t.Fatalf("by record id: %+v %v", got, err)
		}
		latest, _ := s.LatestCompletion(ctx, u.ID, "ki-grundlagen")
		if latest == nil || latest.Version != "1.1.0" {
			t.Fatalf("latest completion %+v, want 1.1.0", latest)
		}
	})
}

func TestRevokedCompletionStaysOnRecord(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := newLearner(t, s, "b@stadt.example")
		c := &store.Completion{UserID: u.ID, CourseID: "ki-grundlagen", Version: "1.0.0", ContentHash: "h"}
		record(t, s, c)
		if err := s.RevokeCompletion(ctx, c.ID, " "); domain.ErrorCode(err) != domain.EINVALID {
			t.Fatalf("revoking without reason: %v", err)
		}
		if err := s.RevokeCompletion(ctx, c.ID, "falsche Person"); err != nil {
			t.Fatal(err)
		}
		if err := s.RevokeCompletion(ctx, c.ID, "noch einmal"); domain.ErrorCode(err) != domain.ECONFLICT {
			t.Fatalf("revoking twice: %v", err)
		}
		got, err := s.CompletionByRecordID(ctx, c.RecordID)
		if err != nil || got.RevokedAt == nil || got.RevokeReason != "falsche Person" || got.Valid(s.Now()) {
			t.Fatalf("revoked completion: %+v %v", got, err)
		}
		if latest, _ := s.LatestCompletion(ctx, u.ID, "ki-grundlagen"); latest != nil {
			t.Fatalf("a revoked completion counts as latest: %+v", latest)
		}
	})
}
