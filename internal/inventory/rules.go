package inventory

import (
	"slices"
	"sort"

	"github.com/ailit/ailit/internal/measure"
)

// Rule says which measure people in a role need for a system, how soon and how often.
type Rule struct {
	Role           string      // one of Roles
	Measure        measure.Ref // what they need
	ValidityMonths int         // recertification period; 0: once is enough
	DueDays        int         // days from joining the audience to the due date
}

// DefaultDueDays is the due period of a rule that names none.
const DefaultDueDays = 90

// Validate checks a rule; known says whether a measure exists (a course in the catalog, …).
func (r Rule) Validate(known func(measure.Ref) bool) []Problem {
	var ps []Problem
	if !ValidRole(r.Role) {
		ps = append(ps, Problem{"role", "inventory.err.role"})
	}
	if !r.Measure.Kind.Valid() || r.Measure.ID == "" {
		ps = append(ps, Problem{"measure", "inventory.err.measure"})
	} else if known != nil && !known(r.Measure) {
		ps = append(ps, Problem{"measure", "inventory.err.measure_unknown"})
	}
	if r.ValidityMonths < 0 || r.ValidityMonths > 120 {
		ps = append(ps, Problem{"validity_months", "inventory.err.validity"})
	}
	if r.DueDays < 1 || r.DueDays > 3650 {
		ps = append(ps, Problem{"due_days", "inventory.err.due_days"})
	}
	return ps
}

// Holder is a person who takes a role for a system beyond the default (everybody in a using unit
// is a user): assigned by an admin or derived from an SSO group.
type Holder struct {
	UserID int64
	Role   string
}

// Audience says who a requirement applies to: the people of units and single people.
type Audience struct {
	UnitIDs []int64 // everybody placed in these units (not their sub-units)
	UserIDs []int64
}

// Empty reports whether nobody is in the audience.
func (a Audience) Empty() bool { return len(a.UnitIDs) == 0 && len(a.UserIDs) == 0 }

// Requirement is one rule of one system with the audience it applies to: what the assignment
// engine turns into one assignment.
type Requirement struct {
	Rule     Rule
	Audience Audience
}

// Derive turns a system's using units, role holders and rules into requirements, one per rule in
// the rules' order. The users of a system are everybody in a using unit plus the people named as
// users; every other role is held only by the people named for it. A system that is not active
// (planned, retired) requires nothing: its requirements have empty audiences, so the people leave
// the assignments and keep their records.
func Derive(status Status, units []int64, holders []Holder, rules []Rule) []Requirement {
	byRole := map[string][]int64{}
	for _, h := range holders {
		if !slices.Contains(byRole[h.Role], h.UserID) {
			byRole[h.Role] = append(byRole[h.Role], h.UserID)
		}
	}
	for _, ids := range byRole {
		slices.Sort(ids)
	}
	out := make([]Requirement, 0, len(rules))
	for _, r := range rules {
		req := Requirement{Rule: r}
		if status.Active() {
			if r.Role == RoleUser {
				req.Audience.UnitIDs = sortedUnique(units)
			}
			req.Audience.UserIDs = byRole[r.Role]
		}
		out = append(out, req)
	}
	return out
}

func sortedUnique(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

// Person is someone who might work with a system: their id and unit.
type Person struct {
	UserID    int64
	OrgUnitID int64 // 0: not placed
}

// Need is one measure a person needs for a system, with the role that makes them need it: the
// rationale "system → role → measure" of the Art. 4 record.
type Need struct {
	Role    string
	Measure measure.Ref
}

// Needs lists what each person needs for one system: people holds everybody to consider (the
// people of the using units and the role holders). A person needs a measure once even if two
// roles require it; the first role in Roles order is the rationale shown.
func Needs(status Status, units []int64, holders []Holder, rules []Rule, people []Person) map[int64][]Need {
	out := map[int64][]Need{}
	if !status.Active() {
		return out
	}
	roles := map[int64][]string{}
	for _, p := range people {
		if p.OrgUnitID != 0 && slices.Contains(units, p.OrgUnitID) {
			roles[p.UserID] = append(roles[p.UserID], RoleUser)
		}
	}
	for _, h := range holders {
		if !slices.Contains(roles[h.UserID], h.Role) {
			roles[h.UserID] = append(roles[h.UserID], h.Role)
		}
	}
	for id, rs := range roles {
		sort.Slice(rs, func(i, j int) bool { return slices.Index(Roles, rs[i]) < slices.Index(Roles, rs[j]) })
		var needs []Need
		for _, role := range rs {
			for _, r := range rules {
				if r.Role != role || slices.ContainsFunc(needs, func(n Need) bool { return n.Measure == r.Measure }) {
					continue
				}
				needs = append(needs, Need{Role: role, Measure: r.Measure})
			}
		}
		if len(needs) > 0 {
			out[id] = needs
		}
	}
	return out
}
