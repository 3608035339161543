package store_test

import (
	"context"
	"testing"

	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/store/storetest"
)

func enroll(t *testing.T, s *store.Store, e *store.Enrollment) bool {
	t.Helper()
	created, err := s.Enroll(context.Background(), e)
	if err != nil {
		t.Fatal(err)
	}
	return created
}

func TestEnrollingTwiceKeepsTheFirstPin(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := newLearner(t, s, "c@stadt.example")
		first := &store.Enrollment{UserID: u.ID, CourseID: "ki-grundlagen", Version: "1.0.0", ContentHash: "h1"}
		if created := enroll(t, s, first); !created || first.Source != store.SourceSelf {
			t.Fatalf("first enroll: %v %+v", created, first)
		}
		again := &store.Enrollment{UserID: u.ID, CourseID: "ki-grundlagen", Version: "1.1.0", ContentHash: "h2"}
		if created := enroll(t, s, again); created || again.ID != first.ID || again.Version != "1.0.0" {
			t.Fatalf("second enroll: created %v, %+v; want the first pin", created, again)
		}
		got, err := s.EnrollmentOf(ctx, u.ID, "ki-grundlagen")
		if err != nil || got == nil || got.Version != "1.0.0" {
			t.Fatalf("enrollment of: %+v %v", got, err)
		}
		if none, err := s.EnrollmentOf(ctx, u.ID, "anderer-kurs"); none != nil || err != nil {
			t.Fatalf("enrollment in another course: %+v %v", none, err)
		}
	})
}

func TestMovingAnEnrollmentKeepsOnlyCarriedProgress(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := newLearner(t, s, "d@stadt.example")
		e := &store.Enrollment{UserID: u.ID, CourseID: "ki-grundlagen", Version: "1.0.0", ContentHash: "h1"}
		enroll(t, s, e)
		err := s.InTx(ctx, func(tx *store.Tx) error {
			for _, m := range [][2]string{{"a", "a1"}, {"b", "b1"}, {"c", "c1"}} {
				if err := tx.MarkLessonDone(e.ID, m[0], m[1]); err != nil {
					return err
				}
			}
			if err := tx.MarkQuizPassed(e.ID, "a", "a1"); err != nil {
				return err
			}
			// a kept with a new hash (patch), b kept unchanged, c dropped
			return tx.MoveEnrollment(e, "1.1.0", "h2", map[string]string{"a": "a2", "b": "b1"})
		})
		if err != nil {
			t.Fatal(err)
		}
		rows, err := s.ProgressOf(context.Background(), e.ID)
		if err != nil || len(rows) != 2 {
			t.Fatalf("progress after move: %+v %v", rows, err)
		}
		if rows[0].ModuleID != "a" || rows[0].ModuleHash != "a2" || rows[0].DoneAt == nil || rows[0].QuizPassedAt == nil {
			t.Fatalf("module a after move: %+v", rows[0])
		}
		got, _ := s.EnrollmentOf(ctx, u.ID, "ki-grundlagen")
		if got.Version != "1.1.0" || got.ContentHash != "h2" {
			t.Fatalf("enrollment after move: %+v", got)
		}
		byEnrollment, err := s.ProgressOfEnrollments(ctx, []int64{e.ID, 999})
		if err != nil || len(byEnrollment[e.ID]) != 2 || len(byEnrollment[999]) != 0 {
			t.Fatalf("progress of enrollments: %v %v", byEnrollment, err)
		}
	})
}

func TestMarkingTwiceKeepsTheFirstTime(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := newLearner(t, s, "e@stadt.example")
		e := &store.Enrollment{UserID: u.ID, CourseID: "k", Version: "1.0.0", ContentHash: "h"}
		enroll(t, s, e)
		mark := func() {
			if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.MarkLessonDone(e.ID, "a", "a1") }); err != nil {
				t.Fatal(err)
			}
		}
		mark()
		rows, _ := s.ProgressOf(context.Background(), e.ID)
		first := *rows[0].DoneAt
		mark()
		rows, _ = s.ProgressOf(context.Background(), e.ID)
		if len(rows) != 1 || !rows[0].DoneAt.Equal(first) || rows[0].QuizPassedAt != nil {
			t.Fatalf("after marking twice: %+v", rows)
		}
	})
}
