package store_test

import (
	"context"
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/store/storetest"
)

// The course and lesson pages read a learner's enrollment, completion and progress in one query;
// it must give what the separate reads give, in every state a learner can be in.
func TestTheLearnersCourseInOneReadMatchesTheSeparateReads(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := newLearner(t, s, "lc@stadt.example")
		check := func(step string, wantProgress int, wantCompleted bool) {
			t.Helper()
			got, err := s.LearnerCourseOf(ctx, u.ID, "ki-grundlagen")
			if err != nil {
				t.Fatalf("%s: %v", step, err)
			}
			e, err := s.EnrollmentOf(ctx, u.ID, "ki-grundlagen")
			if err != nil {
				t.Fatal(err)
			}
			want := store.LearnerCourse{Enrollment: e}
			if e != nil {
				if want.Completion, err = s.CompletionFor(ctx, u.ID, "ki-grundlagen", e.Version); err != nil {
					t.Fatal(err)
				}
				if want.Progress, err = s.ProgressOf(ctx, e.ID); err != nil {
					t.Fatal(err)
				}
				if len(want.Progress) == 0 {
					want.Progress = nil
				}
			}
			if !reflect.DeepEqual(normal(got), normal(want)) {
				t.Fatalf("%s:\n one read  %+v\n separate %+v", step, got, want)
			}
			if len(got.Progress) != wantProgress || (got.Completion != nil) != wantCompleted {
				t.Fatalf("%s: %d progress rows, completed %v; want %d, %v", step, len(got.Progress), got.Completion != nil, wantProgress, wantCompleted)
			}
		}
		check("not enrolled", 0, false)

		e := &store.Enrollment{UserID: u.ID, CourseID: "ki-grundlagen", Version: "1.0.0", ContentHash: "h1"}
		enroll(t, s, e)
		check("enrolled", 0, false)

		if err := s.InTx(ctx, func(tx *store.Tx) error {
			if err := tx.MarkLessonDone(e.ID, "m2", "hash-m2"); err != nil {
				return err
			}
			if err := tx.MarkLessonDone(e.ID, "m1", "hash-m1"); err != nil {
				return err
			}
			return tx.MarkQuizPassed(e.ID, "m1", "hash-m1")
		}); err != nil {
			t.Fatal(err)
		}
		check("two lessons read, one quiz passed", 2, false)

		until := time.Now().Add(365 * 24 * time.Hour).UTC().Truncate(time.Second)
		c := &store.Completion{UserID: u.ID, CourseID: "ki-grundlagen", Version: "1.0.0", ContentHash: "h1", ValidUntil: &until}
		if _, err := s.AddCompletion(ctx, c); err != nil {
			t.Fatal(err)
		}
		check("completed", 2, true)

		if err := s.RevokeCompletion(ctx, c.ID, "falsch erfasst"); err != nil {
			t.Fatal(err)
		}
		check("completion revoked", 2, false)
	})
}

// normal makes instants comparable across the two reads (the same instant, location aside).
func normal(lc store.LearnerCourse) store.LearnerCourse {
	utc := func(t *time.Time) *time.Time {
		if t == nil {
			return nil
		}
		u := t.UTC()
		return &u
	}
	if e := lc.Enrollment; e != nil {
		c := *e
		c.EnrolledAt, c.LastActivityAt = c.EnrolledAt.UTC(), c.LastActivityAt.UTC()
		lc.Enrollment = &c
	}
	if p := lc.Completion; p != nil {
		c := *p
		c.CompletedAt, c.ValidUntil = c.CompletedAt.UTC(), utc(c.ValidUntil)
		lc.Completion = &c
	}
	rows := make([]store.LessonProgress, len(lc.Progress))
	for i, r := range lc.Progress {
		r.DoneAt, r.QuizPassedAt = utc(r.DoneAt), utc(r.QuizPassedAt)
		rows[i] = r
	}
	if lc.Progress != nil {
		lc.Progress = rows
	}
	return lc
}

// BenchmarkLearnerCourseOf is the read of every course and lesson page, for a learner half-way
// through a course (six lessons read), on SQLite and, with AILIT_TEST_DATABASE_URL, PostgreSQL.
func BenchmarkLearnerCourseOf(b *testing.B) {
	open := map[string]func(testing.TB) *store.Store{"sqlite": storetest.OpenSQLite}
	if os.Getenv("AILIT_TEST_DATABASE_URL") != "" {
		open["postgres"] = storetest.OpenPostgres
	}
	for name, openStore := range open {
		b.Run(name, func(b *testing.B) {
			s := openStore(b)
			ctx := context.Background()
			u := newLearner(b, s, "bench@stadt.example")
			e := &store.Enrollment{UserID: u.ID, CourseID: "ki-grundlagen", Version: "1.0.0", ContentHash: "h1"}
			if _, err := s.Enroll(ctx, e); err != nil {
				b.Fatal(err)
			}
			if err := s.InTx(ctx, func(tx *store.Tx) error {
				for _, m := range []string{"m1", "m2", "m3", "m4", "m5", "m6"} {
					if err := tx.MarkLessonDone(e.ID, m, "hash-"+m); err != nil {
						return err
					}
				}
				return nil
			}); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if lc, err := s.LearnerCourseOf(ctx, u.ID, "ki-grundlagen"); err != nil || len(lc.Progress) != 6 {
					b.Fatalf("%d progress rows, %v", len(lc.Progress), err)
				}
			}
		})
	}
}
