package inventory

import (
	"fmt"
	"strings"

	"github.com/ailit/ailit/internal/measure"
)

// ImportPlan is what importing a file would change. It is applied only when Errors is empty, in
// one transaction: nothing is ever half-imported.
type ImportPlan struct {
	Entries int
	Creates []Entry
	Updates []Entry // systems whose key exists: fields, units and rules are replaced
	Errors  []LineError
	UnitIDs map[string]int64 // unit path (as written) → id, for applying
}

// Ok reports whether the plan can be applied.
func (p *ImportPlan) Ok() bool { return len(p.Errors) == 0 }

// ImportContext is what planning needs to know about the installation.
type ImportContext struct {
	Exists    func(key string) bool           // a system with this key is in the inventory
	UnitID    func(path string) (int64, bool) // a unit by name path; units are never created by an inventory import
	Known     func(measure.Ref) bool          // the measure exists (a course in the catalog, …)
	Translate func(key string) string         // i18n key → message
}

// PlanImport checks every entry and sorts it into creates and updates. parseErrs are the
// problems the parser already found; they are kept, in line order with the rest.
func PlanImport(entries []Entry, parseErrs []LineError, ic ImportContext) *ImportPlan {
	p := &ImportPlan{Entries: len(entries) + len(parseErrs), Errors: append([]LineError(nil), parseErrs...), UnitIDs: map[string]int64{}}
	seen := map[string]int{}
	for _, e := range entries {
		var msgs []string
		for _, pr := range e.System.Validate() {
			msgs = append(msgs, pr.Field+": "+ic.Translate(pr.Key))
		}
		if first, dup := seen[e.System.Key]; dup {
			msgs = append(msgs, fmt.Sprintf("id %q is already used on line %d", e.System.Key, first))
		} else {
			seen[e.System.Key] = e.Line
		}
		for _, u := range e.Units {
			id, ok := ic.UnitID(u)
			if !ok {
				msgs = append(msgs, fmt.Sprintf("units: no org unit %q (create it first, e.g. with the HR import)", u))
				continue
			}
			p.UnitIDs[u] = id
		}
		for _, r := range e.Rules {
			for _, pr := range r.Validate(ic.Known) {
				msgs = append(msgs, fmt.Sprintf("rule %s=%s: %s", r.Role, r.Measure, ic.Translate(pr.Key)))
			}
		}
		if len(msgs) > 0 {
			p.Errors = append(p.Errors, LineError{e.Line, strings.Join(msgs, "; ")})
			continue
		}
		if ic.Exists(e.System.Key) {
			p.Updates = append(p.Updates, e)
		} else {
			p.Creates = append(p.Creates, e)
		}
	}
	sortLineErrors(p.Errors)
	return p
}

func sortLineErrors(es []LineError) {
	for i := 1; i < len(es); i++ { // insertion sort: stable, lists are short
		for j := i; j > 0 && es[j].Line < es[j-1].Line; j-- {
			es[j], es[j-1] = es[j-1], es[j]
		}
	}
}
