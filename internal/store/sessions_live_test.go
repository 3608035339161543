package store_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/measure"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/store/storetest"
)

// fixedClock is a clock a test sets.
type fixedClock struct{ t time.Time }

func (c *fixedClock) Now() time.Time { return c.t }

func workshop(t *testing.T, s *store.Store, capacity int, startsIn time.Duration) (*store.SessionSeries, *store.SessionDate) {
	t.Helper()
	ctx := context.Background()
	trainer := mustPerson(t, s, "trainer@stadt.example", nil, store.RoleTrainer)
	sr := &store.SessionSeries{Key: "workshop-genki", Title: "Workshop generative KI", Mode: store.ModeOnsite,
		Place: "Rathaus, Raum 3", Capacity: capacity, CancelHours: 48, TrainerID: trainer.ID}
	if err := s.SaveSeries(ctx, sr); err != nil {
		t.Fatal(err)
	}
	start := s.Now().Add(startsIn)
	d := &store.SessionDate{SeriesID: sr.ID, StartsAt: start, EndsAt: start.Add(3 * time.Hour)}
	if err := s.AddSessionDate(ctx, d); err != nil {
		t.Fatal(err)
	}
	return sr, d
}

func TestConcurrentRegistrationsNeverOverbookADate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		const capacity, people = 5, 24
		_, d := workshop(t, s, capacity, 30*24*time.Hour)
		var ids []int64
		for i := range people {
			ids = append(ids, mustPerson(t, s, fmt.Sprintf("p%02d@stadt.example", i), nil).ID)
		}
		var wg sync.WaitGroup
		seats := make([]measure.Seat, people)
		errs := make([]error, people)
		for i, id := range ids {
			wg.Go(func() { seats[i], errs[i] = s.RegisterForSession(ctx, d.ID, id) })
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("registration %d: %v", i, err)
			}
		}
		if n := countOf(seats, measure.Registered); n != capacity {
			t.Fatalf("%d people were told they have a place; capacity is %d", n, capacity)
		}
		// Cancel concurrently too: the waiting list moves up, still never above the capacity.
		var holders []int64
		for i, seat := range seats {
			if seat == measure.Registered {
				holders = append(holders, ids[i])
			}
		}
		for _, id := range holders[:3] {
			wg.Go(func() {
				if _, err := s.CancelSessionRegistration(ctx, d.ID, id); err != nil {
					t.Error(err)
				}
			})
		}
		for _, id := range ids {
			if !slices.Contains(holders[:3], id) {
				wg.Go(func() { _, _ = s.RegisterForSession(ctx, d.ID, id) }) // registering again changes nothing
			}
		}
		wg.Wait()
		ps, err := s.ParticipantsOf(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		registered := 0
		for _, p := range ps {
			if p.Status == measure.Registered {
				registered++
			}
		}
		if registered != capacity || len(ps) != people-3 {
			t.Fatalf("after cancellations: %d with a place (want %d), %d registrations (want %d)", registered, capacity, len(ps), people-3)
		}
	})
}

func countOf(seats []measure.Seat, want measure.Seat) int {
	n := 0
	for _, s := range seats {
		if s == want {
			n++
		}
	}
	return n
}

func TestTheFirstOnTheWaitingListMovesUpWhenSomeoneCancels(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		clock := &fixedClock{t: time.Date(2027, 1, 1, 9, 0, 0, 0, time.UTC)}
		s.Clock = clock
		_, d := workshop(t, s, 2, 10*24*time.Hour)
		var people []*store.User
		for _, name := range []string{"anna", "ben", "cem", "dora"} {
			people = append(people, mustPerson(t, s, name+"@stadt.example", nil))
		}
		for i, p := range people {
			clock.t = clock.t.Add(time.Minute) // registration order
			seat, err := s.RegisterForSession(ctx, d.ID, p.ID)
			want := measure.Place(2, i)
			if err != nil || seat != want {
				t.Fatalf("%s: %s, %v; want %s", p.Email, seat, err, want)
			}
		}
		moved, err := s.CancelSessionRegistration(ctx, d.ID, people[0].ID)
		if err != nil || !slices.Equal(moved, []int64{people[2].ID}) {
			t.Fatalf("moved up %v, %v; want cem", moved, err)
		}
		if moved, _ := s.CancelSessionRegistration(ctx, d.ID, people[3].ID); len(moved) != 0 {
			t.Fatalf("giving up a waiting place moved %v up", moved)
		}
		// After the deadline (48 h before the start) a place can no longer be cancelled.
		clock.t = d.StartsAt.Add(-47 * time.Hour)
		_, err = s.CancelSessionRegistration(ctx, d.ID, people[1].ID)
		if domain.ErrorCode(err) != domain.ECONFLICT {
			t.Fatalf("cancelling after the deadline: %v", err)
		}
		// Registering again after a cancellation joins at the end.
		if seat, _ := s.RegisterForSession(ctx, d.ID, people[0].ID); seat != measure.Waiting {
			t.Fatalf("anna registered again: %s", seat)
		}
		clock.t = d.StartsAt
		if _, err := s.RegisterForSession(ctx, d.ID, people[3].ID); domain.ErrorCode(err) != domain.ECONFLICT {
			t.Fatalf("registering after the start: %v", err)
		}
	})
}

func TestAttendanceCompletesTheSessionAssignmentAndCanBeTakenBack(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		clock := &fixedClock{t: time.Date(2027, 1, 1, 9, 0, 0, 0, time.UTC)}
		s.Clock = clock
		unit := mustUnit(t, s, nil, "Bürgeramt")
		admin := mustPerson(t, s, "admin@stadt.example", nil, store.RoleAdmin)
		lea := mustPerson(t, s, "lea@stadt.example", unit)
		ben := mustPerson(t, s, "ben@stadt.example", unit)
		sr, d := workshop(t, s, 1, 5*24*time.Hour)
		due := clock.t.AddDate(0, 3, 0)
		a := &store.Assignment{Title: "Workshop", DueKind: "fixed", DueDate: &due, CreatedBy: admin.ID,
			Targets: []store.AssignmentTarget{{Kind: store.TargetUnit, OrgUnitID: &unit.ID}}}
		a.SetMeasure(sr.Measure())
		if err := s.SaveAssignment(ctx, a); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SyncAssignment(ctx, a, nil); err != nil {
			t.Fatal(err)
		}
		s.RegisterForSession(ctx, d.ID, lea.ID)
		s.RegisterForSession(ctx, d.ID, ben.ID) // waiting: cannot be marked present
		clock.t = d.EndsAt
		n, err := s.MarkAttendance(ctx, d.ID, map[int64]bool{lea.ID: true, ben.ID: true})
		if err != nil || n != 1 {
			t.Fatalf("marked %d, %v; want only lea (ben is waiting)", n, err)
		}
		m := memberFacts(t, s, a.ID, lea.ID)
		if m.CompletedVersion != measure.SessionVersion(d.StartsAt, d.ID) || m.CompletedAt == nil || len(m.CompletedHash) != 64 {
			t.Fatalf("lea's member facts after attending: %+v", m)
		}
		if m := memberFacts(t, s, a.ID, ben.ID); m.CompletedAt != nil {
			t.Fatal("ben on the waiting list was completed")
		}
		if _, err := s.MarkAttendance(ctx, d.ID, map[int64]bool{}); err != nil {
			t.Fatal(err)
		}
		if m := memberFacts(t, s, a.ID, lea.ID); m.CompletedAt != nil {
			t.Fatalf("taking the mark back left the completion: %+v", m)
		}
		cs, _ := s.CompletionsOfUser(ctx, lea.ID)
		if len(cs) != 1 || cs[0].RevokedAt == nil || cs[0].RevokeReason == "" {
			t.Fatalf("completions after taking the mark back: %+v", cs)
		}
		if err := s.SaveSeries(ctx, &store.SessionSeries{Key: sr.Key, Title: "x", Mode: store.ModeOnline, Capacity: 1, TrainerID: admin.ID}); domain.ErrorCode(err) != domain.ECONFLICT {
			t.Fatalf("a second series with the same key: %v", err)
		}
	})
}
