package inventory

import (
	"slices"

	"github.com/ailit/ailit/internal/assign"
	"github.com/ailit/ailit/internal/measure"
)

// RoleCoverage is the coverage of one role of a system.
type RoleCoverage struct {
	Role     string
	Measures []measure.Ref // what the role requires, in rule order
	People   int
	Covered  int
}

// Coverage says how far the people who need measures for a system have taken them.
type Coverage struct {
	People  int     // who needs at least one measure
	Covered int     // who has every measure they need (completed and valid, or exempted)
	Open    []int64 // not covered and nothing overdue, by id
	Overdue []int64 // at least one measure overdue or expired, by id
	Percent float64 // Covered / People × 100; 0 when nobody needs anything
	Roles   []RoleCoverage
}

// StateFunc gives a person's state on a measure; ok is false when the person has no assignment
// for it yet (the sync has not run), which counts as open.
type StateFunc func(userID int64, m measure.Ref) (assign.State, bool)

// Cover computes a system's coverage from what each person needs and where they stand.
func Cover(rules []Rule, needs map[int64][]Need, state StateFunc) Coverage {
	var c Coverage
	ids := make([]int64, 0, len(needs))
	for id := range needs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	roleIndex := map[string]int{}
	for _, role := range Roles {
		var ms []measure.Ref
		for _, r := range rules {
			if r.Role == role {
				ms = append(ms, r.Measure)
			}
		}
		if len(ms) > 0 {
			roleIndex[role] = len(c.Roles)
			c.Roles = append(c.Roles, RoleCoverage{Role: role, Measures: ms})
		}
	}
	for _, id := range ids {
		covered, overdue := true, false
		rolesDone := map[string]bool{}
		for _, n := range needs[id] {
			st, ok := state(id, n.Measure)
			done := ok && (st == assign.Completed || st == assign.Exempted)
			if !done {
				covered = false
			}
			if ok && (st == assign.Overdue || st == assign.Expired) {
				overdue = true
			}
			if _, seen := rolesDone[n.Role]; !seen {
				rolesDone[n.Role] = true
			}
			rolesDone[n.Role] = rolesDone[n.Role] && done
		}
		c.People++
		switch {
		case covered:
			c.Covered++
		case overdue:
			c.Overdue = append(c.Overdue, id)
		default:
			c.Open = append(c.Open, id)
		}
		for role, done := range rolesDone {
			i, ok := roleIndex[role]
			if !ok {
				continue
			}
			c.Roles[i].People++
			if done {
				c.Roles[i].Covered++
			}
		}
	}
	if c.People > 0 {
		c.Percent = float64(c.Covered) * 100 / float64(c.People)
	}
	return c
}
