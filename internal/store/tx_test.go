package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/store/storetest"
)

// tickingClock moves a second forward each time it is asked, so two readings never agree.
type tickingClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *tickingClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Second)
	return c.t
}

func TestATransactionRecordsEverythingAtOneInstant(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := newLearner(t, s, "now@stadt.example")
		e := &store.Enrollment{UserID: u.ID, CourseID: "ki-grundlagen", Version: "1.0.0", ContentHash: "h1"}
		enroll(t, s, e)
		s.Clock = &tickingClock{t: time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)}
		var at time.Time
		c := &store.Completion{UserID: u.ID, CourseID: "ki-grundlagen", Version: "1.0.0", ContentHash: "h1"}
		err := s.InTx(ctx, func(tx *store.Tx) error {
			at = tx.Now()
			if err := tx.MarkLessonDone(e.ID, "m1", "h"); err != nil {
				return err
			}
			if err := tx.TouchEnrollment(e); err != nil {
				return err
			}
			_, err := tx.RecordCompletion(c)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		rows, err := s.ProgressOf(ctx, e.ID)
		if err != nil || len(rows) != 1 || rows[0].DoneAt == nil {
			t.Fatalf("progress: %+v %v", rows, err)
		}
		got, err := s.EnrollmentOf(ctx, u.ID, "ki-grundlagen")
		if err != nil {
			t.Fatal(err)
		}
		for what, ts := range map[string]time.Time{"lesson read": *rows[0].DoneAt, "last activity": got.LastActivityAt, "completion": c.CompletedAt} {
			if !ts.Equal(at) {
				t.Errorf("%s at %v, want the transaction's instant %v", what, ts, at)
			}
		}
		if next := s.Now(); !next.After(at) {
			t.Errorf("the store's clock after the transaction reads %v; it should go on from %v", next, at)
		}
	})
}
