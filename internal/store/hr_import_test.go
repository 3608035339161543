package store_test

import (
	"context"
	"os"
	"testing"

	"github.com/ailit/ailit/internal/importer"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/store/storetest"
)

func parseSample(t *testing.T) ([]importer.Row, []importer.LineError) {
	t.Helper()
	f, err := os.Open("/work/shared/data/hr-export-sample.csv")
	if err != nil {
		t.Skip("sample not available:", err)
	}
	defer f.Close()
	rows, errs, err := importer.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	return rows, errs
}

func TestApplyingTheSampleTwiceChangesNothingTheSecondTime(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		admin := mustPerson(t, s, "admin@stadt.example", nil, store.RoleAdmin)
		rows, errs := parseSample(t)
		plan, err := s.ApplyImport(ctx, rows, errs, store.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(plan.Creates) != len(rows) || len(plan.NewUnits) == 0 || len(plan.Deactivations) != 0 {
			t.Fatalf("first import: %d creates of %d rows, %d units, %d deactivations", len(plan.Creates), len(rows), len(plan.NewUnits), len(plan.Deactivations))
		}
		again, err := s.ApplyImport(ctx, rows, errs, store.ImportOptions{})
		if err != nil || !again.Empty() {
			t.Fatalf("second import changed %+v (err %v)", again, err)
		}
		u, err := s.UserByEmail(ctx, "katrin.braun@stadt.example")
		if err != nil || u.PersonnelNumber == nil || *u.PersonnelNumber != "000001" || u.PasswordHash != "" || !u.HasRole(store.RoleManager) {
			t.Fatalf("Katrin Braun: %+v %v", u, err)
		}
		if units, _ := s.ManagerUnitsOf(ctx, u.ID); len(units) != 1 || units[0] != *u.OrgUnitID {
			t.Errorf("Katrin manages %v, want her own unit %v", units, *u.OrgUnitID)
		}
		// Someone left: the next file lacks them. They are deactivated, never deleted; the local
		// admin without personnel number stays active.
		plan, err = s.ApplyImport(ctx, rows[1:], nil, store.ImportOptions{})
		if err != nil || len(plan.Deactivations) != 1 {
			t.Fatalf("import without Katrin: %+v %v", plan, err)
		}
		if u, _ := s.UserByEmail(ctx, "katrin.braun@stadt.example"); u.Active {
			t.Error("Katrin is still active")
		}
		if a, _ := s.UserByID(ctx, admin.ID); !a.Active {
			t.Error("the local admin was deactivated by the import")
		}
	})
}

func TestAnImportWithErrorsChangesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		rows, _ := parseSample(t)
		bad := append([]importer.Row{}, rows...)
		dup := bad[0]
		dup.PersonnelNumber, dup.Line = "999999", 99
		bad = append(bad, dup) // same email as line 2
		if _, err := s.ApplyImport(ctx, bad, nil, store.ImportOptions{}); err == nil {
			t.Fatal("an import with a duplicate email was applied")
		}
		if n, _ := s.CountUsers(ctx); n != 0 {
			t.Fatalf("%d users exist after a refused import", n)
		}
		if units, _ := s.OrgUnits(ctx); len(units) != 0 {
			t.Fatalf("%d units exist after a refused import", len(units))
		}
	})
}
