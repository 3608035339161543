package org_test

import (
	"slices"
	"testing"

	"pgregory.net/rapid"

	"github.com/ailit/ailit/internal/org"
)

func ptr(v int64) *int64 { return &v }

// randomTree draws a tree of 1..30 units where each unit's parent is an earlier unit or none.
func randomTree(t *rapid.T) ([]org.Unit, *org.Tree) {
	n := rapid.IntRange(1, 30).Draw(t, "units")
	var units []org.Unit
	for i := 1; i <= n; i++ {
		u := org.Unit{ID: int64(i), Name: "U"}
		if p := rapid.IntRange(0, i-1).Draw(t, "parent"); p > 0 {
			u.ParentID = ptr(int64(p))
		}
		units = append(units, u)
	}
	return units, org.NewTree(units)
}

// isBelow walks up from id and reports whether it reaches ancestor (or is it).
func isBelow(units []org.Unit, id, ancestor int64) bool {
	parent := map[int64]*int64{}
	for _, u := range units {
		parent[u.ID] = u.ParentID
	}
	for {
		if id == ancestor {
			return true
		}
		p := parent[id]
		if p == nil {
			return false
		}
		id = *p
	}
}

func TestManagerNeverSeesUnitsOutsideTheirSubtrees(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		units, tree := randomTree(t)
		managed := rapid.SliceOfNDistinct(rapid.Int64Range(1, int64(len(units))), 0, 4, rapid.ID).Draw(t, "managed")
		visible := org.VisibleUnits(managed, tree)
		for _, v := range visible {
			if !slices.ContainsFunc(managed, func(m int64) bool { return isBelow(units, v, m) }) {
				t.Fatalf("unit %d is visible but lies outside the subtrees of %v", v, managed)
			}
		}
		for _, u := range units {
			inside := slices.ContainsFunc(managed, func(m int64) bool { return isBelow(units, u.ID, m) })
			if inside != slices.Contains(visible, u.ID) {
				t.Fatalf("unit %d: inside a managed subtree = %v, visible = %v", u.ID, inside, !inside)
			}
		}
	})
}

func TestMovingAUnitUnderItselfOrItsDescendantsIsRefused(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		units, tree := randomTree(t)
		unit := rapid.Int64Range(1, int64(len(units))).Draw(t, "unit")
		target := rapid.Int64Range(1, int64(len(units))).Draw(t, "target")
		want := !isBelow(units, target, unit)
		if got := org.CanMove(tree, unit, &target); got != want {
			t.Fatalf("CanMove(%d under %d) = %v, want %v", unit, target, got, want)
		}
	})
}

func TestNamePathAndSplitPath(t *testing.T) {
	tree := org.NewTree([]org.Unit{{ID: 1, Name: "Stadtverwaltung"}, {ID: 2, ParentID: ptr(1), Name: "Dezernat 1"}, {ID: 3, ParentID: ptr(2), Name: "Bauordnungsamt"}})
	if got := org.JoinPath(tree.NamePath(3)); got != "Stadtverwaltung/Dezernat 1/Bauordnungsamt" {
		t.Errorf("NamePath = %q", got)
	}
	if got := org.SplitPath(" Stadtverwaltung / Dezernat 1//Bauordnungsamt/ "); !slices.Equal(got, []string{"Stadtverwaltung", "Dezernat 1", "Bauordnungsamt"}) {
		t.Errorf("SplitPath = %q", got)
	}
	if got := org.Path([]int64{1, 4, 9}); got != "/1/4/9/" {
		t.Errorf("Path = %q", got)
	}
}
