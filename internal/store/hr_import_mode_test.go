package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/ailit/ailit/internal/importer"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/store/storetest"
)

func activeUsers(t *testing.T, s *store.Store) int {
	t.Helper()
	var n int64
	if err := s.TestReader().Model(&store.User{}).Where("active = ?", true).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return int(n)
}

func TestOneDepartmentsFileDeactivatesOnlyWhenConfirmedAndNobodyInAddAndUpdateMode(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		rows, errs := parseSample(t)
		if _, err := s.ApplyImport(ctx, rows, errs, store.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		department := rows[:5]
		// Add and update only: the other 59 stay active, without any confirmation.
		plan, err := s.ApplyImport(ctx, department, nil, store.ImportOptions{Mode: importer.ModeAddAndUpdate})
		if err != nil || len(plan.Deactivations) != 0 {
			t.Fatalf("add and update only: %v, %d deactivations", err, len(plan.Deactivations))
		}
		if n := activeUsers(t, s); n != 64 {
			t.Fatalf("%d active after an add-only import, want 64", n)
		}
		// As a full list, it would deactivate 59: refused without the number, and with a wrong one.
		for _, typed := range []int{0, 58} {
			_, err = s.ApplyImport(ctx, department, nil, store.ImportOptions{ConfirmedDeactivations: typed})
			var ue *importer.UnconfirmedError
			if !errors.As(err, &ue) || ue.Deactivations != 59 {
				t.Fatalf("typed %d: got %v, want an UnconfirmedError for 59", typed, err)
			}
			if n := activeUsers(t, s); n != 64 {
				t.Fatalf("typed %d: %d active after a refused import, want 64", typed, n)
			}
		}
		plan, err = s.ApplyImport(ctx, department, nil, store.ImportOptions{ConfirmedDeactivations: 59})
		if err != nil || len(plan.Deactivations) != 59 {
			t.Fatalf("confirmed: %v, %d deactivations", err, len(plan.Deactivations))
		}
		if n := activeUsers(t, s); n != 5 {
			t.Fatalf("%d active after the confirmed import, want 5", n)
		}
	})
}
