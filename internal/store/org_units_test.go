package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/org"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/store/storetest"
)

// fataler is what the helpers need from *testing.T and *rapid.T alike.
type fataler interface {
	Helper()
	Fatal(args ...any)
}

func mustUnit(t fataler, s *store.Store, parent *store.OrgUnit, name string) *store.OrgUnit {
	t.Helper()
	var pid *int64
	if parent != nil {
		pid = &parent.ID
	}
	u, err := s.CreateOrgUnit(context.Background(), pid, name)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func mustPerson(t fataler, s *store.Store, email string, unit *store.OrgUnit, roles ...string) *store.User {
	t.Helper()
	if len(roles) == 0 {
		roles = []string{store.RoleLearner}
	}
	u := &store.User{Email: email, DisplayName: email, Active: true}
	if unit != nil {
		u.OrgUnitID = &unit.ID
	}
	if err := s.CreateUser(context.Background(), u, roles); err != nil {
		t.Fatal(err)
	}
	return u
}

func TestMovingAUnitUnderItsOwnChildIsRefusedAndPathsFollowAMove(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		root := mustUnit(t, s, nil, "Stadtverwaltung")
		dez := mustUnit(t, s, root, "Dezernat 1")
		amt := mustUnit(t, s, dez, "Bauamt")
		team := mustUnit(t, s, amt, "Team A")
		if err := s.MoveOrgUnit(ctx, dez.ID, &team.ID); err != store.ErrUnitCycle {
			t.Fatalf("moving Dezernat under its grandchild: %v, want ErrUnitCycle", err)
		}
		if err := s.MoveOrgUnit(ctx, dez.ID, &dez.ID); err != store.ErrUnitCycle {
			t.Fatalf("moving a unit under itself: %v", err)
		}
		other := mustUnit(t, s, root, "Dezernat 2")
		if err := s.MoveOrgUnit(ctx, amt.ID, &other.ID); err != nil {
			t.Fatal(err)
		}
		below, err := s.UnitIDsBelow(ctx, other.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(below, []int64{amt.ID, other.ID, team.ID}) && !slices.Equal(below, sorted(amt.ID, other.ID, team.ID)) {
			t.Errorf("units below Dezernat 2 after the move: %v", below)
		}
		if below, _ := s.UnitIDsBelow(ctx, dez.ID); !slices.Equal(below, []int64{dez.ID}) {
			t.Errorf("Dezernat 1 still holds %v", below)
		}
	})
}

func sorted(ids ...int64) []int64 { slices.Sort(ids); return ids }

func TestDeletingAUnitNeedsItToBeEmpty(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		root := mustUnit(t, s, nil, "Stadtverwaltung")
		amt := mustUnit(t, s, root, "Ordnungsamt")
		if err := s.DeleteOrgUnit(ctx, root.ID); err != store.ErrUnitNotEmpty {
			t.Fatalf("deleting a unit with a sub-unit: %v", err)
		}
		p := mustPerson(t, s, "lea@stadt.example", amt)
		if err := s.DeleteOrgUnit(ctx, amt.ID); err != store.ErrUnitNotEmpty {
			t.Fatalf("deleting a unit with a person: %v", err)
		}
		if err := s.SetUserOrgUnit(ctx, p.ID, nil); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteOrgUnit(ctx, amt.ID); err != nil {
			t.Fatalf("deleting an empty unit: %v", err)
		}
		if _, err := s.CreateOrgUnit(ctx, &root.ID, "Kämmerei"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateOrgUnit(ctx, &root.ID, "kämmerei"); domain.ErrorCode(err) != domain.ECONFLICT {
			t.Fatalf("a second unit with the same name at the same place: %v", err)
		}
	})
}

// TestManagerSeesNobodyOutsideTheirSubtrees builds random trees with people in random units and
// managers of random units, and checks that every person list a manager gets lies inside the
// subtrees of their units, and holds everybody there.
func TestManagerSeesNobodyOutsideTheirSubtrees(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		round := 0
		rapid.Check(t, func(rt *rapid.T) {
			round++
			n := rapid.IntRange(1, 12).Draw(rt, "units")
			var units []*store.OrgUnit
			var pure []org.Unit
			for i := range n {
				var parent *store.OrgUnit
				if p := rapid.IntRange(0, i).Draw(rt, "parent"); p > 0 {
					parent = units[p-1]
				}
				u := mustUnit(rt, s, parent, fmt.Sprintf("R%d-U%d", round, i))
				units = append(units, u)
				pure = append(pure, org.Unit{ID: u.ID, ParentID: u.ParentID})
			}
			unitOf := map[int64]int64{}
			for i := range rapid.IntRange(1, 10).Draw(rt, "people") {
				u := units[rapid.IntRange(0, n-1).Draw(rt, "unit of person")]
				p := mustPerson(rt, s, fmt.Sprintf("p%d-%d@stadt.example", round, i), u)
				unitOf[p.ID] = u.ID
			}
			manager := mustPerson(rt, s, fmt.Sprintf("m%d@stadt.example", round), nil, store.RoleManager)
			var managed []int64
			for _, i := range rapid.SliceOfNDistinct(rapid.IntRange(0, n-1), 1, 3, rapid.ID).Draw(rt, "managed") {
				managed = append(managed, units[i].ID)
				if err := s.AddManagerUnit(ctx, manager.ID, units[i].ID); err != nil {
					rt.Fatal(err)
				}
			}
			want := org.VisibleUnits(managed, org.NewTree(pure))
			got, err := s.VisibleUnitIDs(ctx, manager.ID)
			if err != nil {
				rt.Fatal(err)
			}
			if !slices.Equal(got, want) {
				rt.Fatalf("visible units %v, want %v", got, want)
			}
			people, err := s.PeopleInScope(ctx, store.ScopeOf(manager), store.PeopleFilter{})
			if err != nil {
				rt.Fatal(err)
			}
			seen := 0
			for _, p := range people {
				if p.OrgUnitID == nil || !slices.Contains(want, *p.OrgUnitID) {
					rt.Fatalf("manager of %v sees %s from unit %v", managed, p.Email, p.OrgUnitID)
				}
				if _, ours := unitOf[p.ID]; ours {
					seen++
				}
			}
			expected := 0
			for _, u := range unitOf {
				if slices.Contains(want, u) {
					expected++
				}
			}
			if seen != expected {
				rt.Fatalf("manager sees %d of this round's people, want %d", seen, expected)
			}
		})
	})
}

func TestAssignmentSyncAddsNewcomersAndMarksLeavers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		root := mustUnit(t, s, nil, "Stadtverwaltung")
		amt := mustUnit(t, s, root, "Ordnungsamt")
		team := mustUnit(t, s, amt, "Team Gewerbe")
		other := mustUnit(t, s, root, "Kämmerei")
		admin := mustPerson(t, s, "admin@stadt.example", nil, store.RoleAdmin)
		lea := mustPerson(t, s, "lea@stadt.example", team)
		mustPerson(t, s, "ben@stadt.example", other)
		due := time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)
		a := &store.Assignment{CourseID: "ki-grundlagen", Title: "Basis", DueKind: "fixed", DueDate: &due, CreatedBy: admin.ID,
			Targets: []store.AssignmentTarget{{Kind: store.TargetUnitTree, OrgUnitID: &amt.ID}}}
		if err := s.SaveAssignment(ctx, a); err != nil {
			t.Fatal(err)
		}
		pin := func(string) (string, string, bool) { return "1.0.0", "hash", true }
		joined, err := s.SyncAssignment(ctx, a, pin)
		if err != nil || !slices.Equal(joined, []int64{lea.ID}) {
			t.Fatalf("joined %v, err %v; want only lea", joined, err)
		}
		if e, _ := s.EnrollmentOf(ctx, lea.ID, "ki-grundlagen"); e == nil || e.Source != store.SourceAssignment {
			t.Fatalf("lea's enrollment: %+v", e)
		}
		if again, _ := s.SyncAssignment(ctx, a, pin); len(again) != 0 {
			t.Fatalf("second sync joined %v", again)
		}
		newcomer := mustPerson(t, s, "neu@stadt.example", amt)
		if joined, _ := s.SyncAssignment(ctx, a, pin); !slices.Equal(joined, []int64{newcomer.ID}) {
			t.Fatalf("newcomer sync joined %v", joined)
		}
		if err := s.SetUserOrgUnit(ctx, lea.ID, &other.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SyncAssignment(ctx, a, pin); err != nil {
			t.Fatal(err)
		}
		recs, err := s.MemberRecords(ctx, store.Scope{All: true}, store.RecordFilter{AssignmentID: a.ID})
		if err != nil || len(recs) != 1 || recs[0].User.ID != newcomer.ID {
			t.Fatalf("members after lea moved away: %+v, %v", recs, err)
		}
	})
}

func TestOnlyOneInstanceClaimsAJobRun(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		first, err := s.ClaimJob(ctx, "reminders:2026-03-01", "a", time.Minute)
		if err != nil || !first {
			t.Fatalf("first claim: %v %v", first, err)
		}
		if second, _ := s.ClaimJob(ctx, "reminders:2026-03-01", "b", time.Minute); second {
			t.Fatal("a second instance claimed the same run while the lease holds")
		}
		if err := s.FinishJob(ctx, "reminders:2026-03-01", "a"); err != nil {
			t.Fatal(err)
		}
		s.Clock = orgTestClock(s.Now().Add(time.Hour))
		if again, _ := s.ClaimJob(ctx, "reminders:2026-03-01", "b", time.Minute); again {
			t.Fatal("a finished run was claimed again")
		}
		if other, _ := s.ClaimJob(ctx, "reminders:2026-03-02", "b", time.Minute); !other {
			t.Fatal("the next day's run could not be claimed")
		}
	})
}

type orgTestClock time.Time

func (c orgTestClock) Now() time.Time { return time.Time(c) }
