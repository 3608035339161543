package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/store/storetest"
)

// fiveEvents fills the log: two new users (roles), a role change, a completion and its revocation.
func fiveEvents(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	anna := &store.User{Email: "anna@stadt.example", DisplayName: "Anna Berg"}
	if err := s.CreateUser(ctx, anna, []string{"learner"}); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateUser(ctx, &store.User{Email: "jo@stadt.example", DisplayName: "Jo"}, []string{"admin"}); err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateUser(ctx, anna.ID, "Anna Berg", []string{"learner", "manager"}, true); err != nil {
		t.Fatal(err)
	}
	c := &store.Completion{UserID: anna.ID, CourseID: "ki-grundlagen", Version: "1.0.0", ContentHash: "h"}
	if err := s.InTx(ctx, func(tx *store.Tx) error { _, err := tx.RecordCompletion(c); return err }); err != nil {
		t.Fatal(err)
	}
	if err := s.RevokeCompletion(ctx, c.ID, "versehentlich erfasst"); err != nil {
		t.Fatal(err)
	}
}

func allEvents(t *testing.T, s *store.Store) []store.EvidenceEvent {
	t.Helper()
	var es []store.EvidenceEvent
	if err := s.TestWriter().Order("seq").Find(&es).Error; err != nil {
		t.Fatal(err)
	}
	return es
}

// rewrite replaces the whole log by es, as someone with write access to the database could.
func rewrite(t *testing.T, s *store.Store, es []store.EvidenceEvent) {
	t.Helper()
	err := s.TestWriter().Transaction(func(tx *gorm.DB) error {
		if err := tx.Where("1 = 1").Delete(&store.EvidenceEvent{}).Error; err != nil {
			return err
		}
		return tx.Create(&es).Error
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestEvidenceChainOfRealChangesVerifies(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		fiveEvents(t, s)
		n, broken, err := s.VerifyEvidence(context.Background())
		if err != nil || broken != nil || n != 5 {
			t.Fatalf("verify: %d entries, broken %+v, %v; want 5 intact", n, broken, err)
		}
		types := []string{}
		for _, e := range allEvents(t, s) {
			types = append(types, e.Type)
		}
		want := "user.roles_changed user.roles_changed user.roles_changed completion.recorded completion.revoked"
		if strings.Join(types, " ") != want {
			t.Fatalf("event types %v, want %s", types, want)
		}
	})
}

func TestEvidenceVerifyNamesTheFirstTamperedEntry(t *testing.T) {
	tests := []struct {
		name       string
		tamper     func(es []store.EvidenceEvent) []store.EvidenceEvent
		wantSeq    int64
		wantType   string
		wantReason string
	}{
		{"changed payload", func(es []store.EvidenceEvent) []store.EvidenceEvent {
			es[3].Payload = strings.Replace(es[3].Payload, `"1.0.0"`, `"2.0.0"`, 1)
			return es
		}, 4, store.EventCompletionRecorded, "changed"},
		{"changed time", func(es []store.EvidenceEvent) []store.EvidenceEvent {
			es[1].CreatedAt = es[1].CreatedAt.Add(-24 * time.Hour)
			return es
		}, 2, store.EventUserRolesChanged, "changed"},
		{"deleted entry", func(es []store.EvidenceEvent) []store.EvidenceEvent {
			return append(es[:2], es[3:]...)
		}, 4, store.EventCompletionRecorded, "missing"},
		{"deleted and renumbered", func(es []store.EvidenceEvent) []store.EvidenceEvent {
			es = append(es[:2], es[3:]...)
			for i := range es {
				es[i].Seq = int64(i + 1)
			}
			return es
		}, 3, store.EventCompletionRecorded, "previous hash"},
		{"reordered", func(es []store.EvidenceEvent) []store.EvidenceEvent {
			es[3], es[4] = es[4], es[3]
			es[3].Seq, es[4].Seq = 4, 5
			return es
		}, 4, store.EventCompletionRevoked, "previous hash"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, s *store.Store) {
				fiveEvents(t, s)
				rewrite(t, s, tt.tamper(allEvents(t, s)))
				_, broken, err := s.VerifyEvidence(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				if broken == nil {
					t.Fatal("tampering not detected")
				}
				if broken.Seq != tt.wantSeq || broken.Type != tt.wantType || !strings.Contains(broken.Reason, tt.wantReason) {
					t.Fatalf("first broken entry %+v, want seq %d (%s), reason with %q", broken, tt.wantSeq, tt.wantType, tt.wantReason)
				}
			})
		})
	}
}

func TestEvidenceOfAnEmptyLogVerifies(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		n, broken, err := s.VerifyEvidence(context.Background())
		if err != nil || broken != nil || n != 0 {
			t.Fatalf("verify empty log: %d %+v %v", n, broken, err)
		}
	})
}

func TestRoleChangesAreRecordedOnlyWhenRolesChange(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := &store.User{Email: "k@stadt.example", DisplayName: "K"}
		if err := s.CreateUser(ctx, u, []string{"learner"}); err != nil {
			t.Fatal(err)
		}
		if err := s.UpdateUser(ctx, u.ID, "K. Braun", []string{"learner"}, true); err != nil {
			t.Fatal(err)
		}
		if err := s.UpdateUser(ctx, u.ID, "K. Braun", []string{"admin", "learner"}, true); err != nil {
			t.Fatal(err)
		}
		es, err := s.EvidenceOfUser(ctx, u.ID)
		if err != nil || len(es) != 2 {
			t.Fatalf("events %+v, %v; want creation and one change", es, err)
		}
		if es[1].Payload != `{"previous":["learner"],"roles":["learner","admin"]}` {
			t.Fatalf("payload %s", es[1].Payload)
		}
	})
}

func TestEvidenceHeadIsTheNewestEntryAndHashAtFindsEachEntry(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if head, err := s.EvidenceHead(ctx); err != nil || head.Count != 0 || head.Hash != "" {
			t.Fatalf("empty log: %+v, %v", head, err)
		}
		fiveEvents(t, s)
		es := allEvents(t, s)
		head, err := s.EvidenceHead(ctx)
		if err != nil || head.Count != 5 || head.Hash != es[4].Hash {
			t.Fatalf("head %+v, %v; want 5 and %s", head, err, es[4].Hash)
		}
		for _, e := range es {
			if h, err := s.EvidenceHashAt(ctx, e.Seq); err != nil || h != e.Hash {
				t.Errorf("hash at %d = %q, %v", e.Seq, h, err)
			}
		}
		if h, err := s.EvidenceHashAt(ctx, 6); err != nil || h != "" {
			t.Errorf("hash after the head = %q, %v", h, err)
		}
	})
}
