package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/store/storetest"
)

// reportPeople creates people with the given display names in one unit, all members of one
// assignment, and returns the assignment.
func reportPeople(t *testing.T, s *store.Store, names []string) *store.Assignment {
	t.Helper()
	ctx := context.Background()
	unit, err := s.CreateOrgUnit(ctx, nil, "Bauamt")
	if err != nil {
		t.Fatal(err)
	}
	var first int64
	for i, name := range names {
		pn := fmt.Sprintf("00%d", i)
		u := &store.User{Email: fmt.Sprintf("p%d@stadt.example", i), DisplayName: name, OrgUnitID: &unit.ID, PersonnelNumber: &pn}
		if err := s.CreateUser(ctx, u, []string{store.RoleLearner}); err != nil {
			t.Fatal(err)
		}
		if first == 0 {
			first = u.ID
		}
	}
	due := time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)
	a := &store.Assignment{CourseID: "ki-grundlagen", Title: "KI-Basis", DueKind: "fixed", DueDate: &due, CreatedBy: first,
		Targets: []store.AssignmentTarget{{Kind: store.TargetUnit, OrgUnitID: &unit.ID}}}
	if err := s.SaveAssignment(ctx, a); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SyncAssignment(ctx, a, nil); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestReportRecordsKeepTextsWithSeparatorsAndQuotes(t *testing.T) {
	names := []string{"Anna \x1f Becker", "Ümit \"Ü\" Çelik; Amt", "Zoë\x1f\x1f", "Bernd\nNeu"}
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a := reportPeople(t, s, names)
		var anna int64
		s.TestReader().Raw("SELECT id FROM users WHERE email = ?", "p0@stadt.example").Scan(&anna)
		ex := store.AssignmentExemption{AssignmentID: a.ID, UserID: anna, Reason: "Eltern\x1fzeit; bis März", CreatedBy: anna}
		if err := s.SetExemption(context.Background(), ex); err != nil {
			t.Fatal(err)
		}
		var got []string
		err := s.StreamReportRecords(context.Background(), store.ReportFilter{AllUnits: true}, func(r *store.ReportRecord) error {
			got = append(got, fmt.Sprintf("%q %s %s %q %d", r.Name, r.Email, r.PersonnelNumber, r.ExemptionReason, r.OrgUnitID))
			if r.JoinedAt.IsZero() || r.CourseID != "ki-grundlagen" || r.Exempted != (r.UserID == anna) || r.ValidUntil != nil {
				t.Errorf("record of %q: %+v", r.Name, r)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(names) {
			t.Fatalf("%d records, want %d: %q", len(got), len(names), got)
		}
		for _, want := range []string{`"Anna \x1f Becker" p0@stadt.example 000 "Eltern\x1fzeit; bis März" `, `"Bernd\nNeu" p3@stadt.example 003 "" `,
			`"Zoë\x1f\x1f" p2@stadt.example 002 "" `, `"Ümit \"Ü\" Çelik; Amt" p1@stadt.example 001 "" `} {
			found := false
			for _, g := range got {
				found = found || strings.HasPrefix(g, want)
			}
			if !found {
				t.Errorf("no record %s in %q", want, got)
			}
		}
	})
}

func TestReportRecordsStopWhenTheReaderFails(t *testing.T) {
	names := make([]string, 700) // more than two batches of the pipeline
	for i := range names {
		names[i] = fmt.Sprintf("Person %03d", i)
	}
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		reportPeople(t, s, names)
		stop := errors.New("disk full")
		var seen []string
		err := s.StreamReportRecords(context.Background(), store.ReportFilter{AllUnits: true}, func(r *store.ReportRecord) error {
			seen = append(seen, r.Name)
			if len(seen) == 300 {
				return stop
			}
			return nil
		})
		if !errors.Is(err, stop) {
			t.Fatalf("error %v, want %v", err, stop)
		}
		if len(seen) != 300 || seen[0] != "Person 000" || seen[299] != "Person 299" {
			t.Fatalf("%d records, from %q to %q", len(seen), seen[0], seen[len(seen)-1])
		}
	})
}
