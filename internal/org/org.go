// Package org holds the pure rules of the organisation tree: which units a manager sees, where a
// unit may move, and how unit paths are written. It knows nothing about HTTP or the database.
package org

import (
	"slices"
	"strconv"
	"strings"
)

// Unit is one organisational unit (Verwaltung → Dezernat → Amt → Team).
type Unit struct {
	ID       int64
	ParentID *int64
	Name     string
}

// Tree is a set of units, indexed for walking down.
type Tree struct {
	byID     map[int64]Unit
	children map[int64][]int64 // parent id → child ids; roots under 0
}

// NewTree indexes units. Children keep the order of units.
func NewTree(units []Unit) *Tree {
	t := &Tree{byID: map[int64]Unit{}, children: map[int64][]int64{}}
	for _, u := range units {
		t.byID[u.ID] = u
		parent := int64(0)
		if u.ParentID != nil {
			parent = *u.ParentID
		}
		t.children[parent] = append(t.children[parent], u.ID)
	}
	return t
}

// Unit returns a unit by id.
func (t *Tree) Unit(id int64) (Unit, bool) { u, ok := t.byID[id]; return u, ok }

// Children returns the ids of the units directly below id (0: the roots).
func (t *Tree) Children(id int64) []int64 { return t.children[id] }

// Subtree returns id and every unit below it.
func (t *Tree) Subtree(id int64) []int64 {
	if _, ok := t.byID[id]; !ok {
		return nil
	}
	out := []int64{id}
	for i := 0; i < len(out); i++ {
		out = append(out, t.children[out[i]]...)
	}
	return out
}

// VisibleUnits returns the units a manager assigned to managerUnits sees: those units and every
// unit below them, sorted by id. Unknown ids are ignored.
func VisibleUnits(managerUnits []int64, tree *Tree) []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, m := range managerUnits {
		for _, id := range tree.Subtree(m) {
			if !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	slices.Sort(out)
	return out
}

// CanMove reports whether unit may be placed under newParent (nil: make it a root). A unit can
// never move under itself or one of its descendants: that would cut the branch off the tree.
func CanMove(tree *Tree, unit int64, newParent *int64) bool {
	if newParent == nil {
		return true
	}
	return !slices.Contains(tree.Subtree(unit), *newParent)
}

// Path is the materialised path of a unit: the ids from the root down, as "/1/4/9/". A unit's
// subtree is every unit whose path starts with its own.
func Path(ancestorsAndSelf []int64) string {
	var b strings.Builder
	b.WriteByte('/')
	for _, id := range ancestorsAndSelf {
		b.WriteString(strconv.FormatInt(id, 10))
		b.WriteByte('/')
	}
	return b.String()
}

// NamePath returns the names from the root down to id, as an HR file writes them.
func (t *Tree) NamePath(id int64) []string {
	var names []string
	for guard := 0; guard <= len(t.byID); guard++ {
		u, ok := t.byID[id]
		if !ok {
			break
		}
		names = append(names, u.Name)
		if u.ParentID == nil {
			break
		}
		id = *u.ParentID
	}
	slices.Reverse(names)
	return names
}

// SplitPath splits an org unit path as found in HR files ("Stadtverwaltung/Dezernat 1/Bauamt")
// into trimmed names; empty parts are dropped.
func SplitPath(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "/") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// JoinPath writes names as one path, the inverse of SplitPath.
func JoinPath(names []string) string { return strings.Join(names, "/") }
