package importer

import (
	"fmt"
	"slices"

	"github.com/ailit/ailit/internal/org"
)

// Person is someone already in ailit, as the planner sees them.
type Person struct {
	ID              int64
	PersonnelNumber string // "" when not from HR
	Email           string
	DisplayName     string
	OrgPath         string // names joined by "/", "" when not placed
	Roles           []string
	Active          bool
}

// Change is one person the plan creates, updates, moves or deactivates. It points into the rows
// and people the plan was made from instead of copying them: a plan of 500,000 creates is 24 MB.
type Change struct {
	Row        *Row    // the line from the file (nil for deactivations)
	ExistingID int64   // 0 for creates
	Before     *Person // the person as they are now (nil for creates)
	NewPath    string  // the org unit path from the file
	Reactivate bool
}

// RoleChange is an update that changes someone's roles: the store replaces them and records the
// change in the evidence log. Updates whose roles stay have none, so their roles are left alone.
type RoleChange struct {
	UserID int64
	Before []string // the roles as they are now
	After  []string // the file's roles, plus admin when held already (MergeRoles)
}

// ManagerLink makes the person with PersonnelNumber manager of the unit at UnitPath. The person or
// the unit may be created by the same import, so they are named, not numbered. A plan links
// everyone with the manager role in the file, changed or not, so a link removed in ailit comes
// back with the next import; links that exist already change nothing and do not count in Empty.
type ManagerLink struct {
	PersonnelNumber string
	UnitPath        string
}

// managerRole in a file makes the person manager of their own unit.
const managerRole = "manager"

// Mode says what the file stands for.
type Mode string

const (
	// ModeFullList: the file lists everybody from HR; whoever has a personnel number and is
	// missing from it is deactivated. The default, as HR exports are usually complete.
	ModeFullList Mode = "full"
	// ModeAddAndUpdate ("nur ergänzen und aktualisieren"): the file adds and updates people and
	// deactivates nobody, e.g. a list of one department or of this month's newcomers.
	ModeAddAndUpdate Mode = "add-update"
)

// ParseMode reads a mode from a form or flag; "" is the full list.
func ParseMode(s string) (Mode, bool) {
	switch Mode(s) {
	case "", ModeFullList:
		return ModeFullList, true
	case ModeAddAndUpdate:
		return ModeAddAndUpdate, true
	}
	return "", false
}

// Mass deactivation: deactivating more than massDeactivationCount people, or more than a tenth of
// the active people, needs the number typed as confirmation (a file with one department would
// otherwise deactivate everybody else with one click).
const massDeactivationCount = 5

// Plan is what an import would change, as the operations the store executes in this order: new
// units, creates, updates, role changes, moves, deactivations, manager links.
type Plan struct {
	Mode          Mode
	Creates       []Change
	Updates       []Change // name, email, personnel number, roles or active state
	Moves         []Change // org unit
	Deactivations []Change
	NewUnits      []string     // paths of units to create, parents first
	RoleChanges   []RoleChange // the updates whose roles change, in the order of Updates
	Managers      []ManagerLink
	Errors        []LineError
	Rows          int // lines read without error
	Active        int // active people before the import
}

// NeedsConfirmation reports whether the deactivations are so many that the operator must type
// their number before the plan is applied.
func (p *Plan) NeedsConfirmation() bool {
	n := len(p.Deactivations)
	return n > massDeactivationCount || n*10 > p.Active
}

// Confirmed reports whether typed confirms the deactivations: always when no confirmation is
// needed, otherwise only their exact number.
func (p *Plan) Confirmed(typed int) bool {
	return !p.NeedsConfirmation() || typed == len(p.Deactivations)
}

// Empty reports whether applying the plan changes nothing.
func (p *Plan) Empty() bool {
	return len(p.Creates)+len(p.Updates)+len(p.Moves)+len(p.Deactivations)+len(p.NewUnits) == 0
}

// Ok reports whether the plan may be applied: an import with errors is applied not at all.
func (p *Plan) Ok() bool { return len(p.Errors) == 0 }

// Summary is the payload of the evidence entry of an applied plan: the mode and how many people
// and units it changed.
func (p *Plan) Summary() map[string]any {
	return map[string]any{"mode": string(p.Mode), "created": len(p.Creates), "updated": len(p.Updates),
		"moved": len(p.Moves), "deactivated": len(p.Deactivations), "units": len(p.NewUnits)}
}

// Steps is how many steps applying the plan takes, as progress reports count them: one per new
// unit, create, update, move and deactivation.
func (p *Plan) Steps() int {
	return len(p.NewUnits) + len(p.Creates) + len(p.Updates) + len(p.Moves) + len(p.Deactivations)
}

// Progress counts the steps of applying p and tells report (when not nil) about every 50th step
// and the last, so that a large import is not slowed down by its own progress output.
func (p *Plan) Progress(report func(done, total int)) *Progress {
	return &Progress{report: report, total: p.Steps()}
}

// Progress counts the steps of applying a plan; see Plan.Progress.
type Progress struct {
	report      func(done, total int)
	done, total int
}

// Step counts one step done.
func (pr *Progress) Step() {
	pr.done++
	if pr.report != nil && (pr.done%50 == 0 || pr.done == pr.total) {
		pr.report(pr.done, pr.total)
	}
}

// MakePlan compares the rows with the people and unit paths in ailit. People are matched by
// personnel number, then by email. In ModeFullList, people with a personnel number who are active
// but missing from the file are deactivated; people without one (local accounts such as the first
// admin) are left alone. ModeAddAndUpdate deactivates nobody.
func MakePlan(rows []Row, rowErrs []LineError, people []Person, unitPaths []string, mode Mode) *Plan {
	if mode == "" {
		mode = ModeFullList
	}
	p := &Plan{Mode: mode, Errors: slices.Clone(rowErrs)}
	byNumber, byEmail := make(map[string]*Person, len(people)), make(map[string]*Person, len(people))
	for i := range people {
		if people[i].PersonnelNumber != "" {
			byNumber[people[i].PersonnelNumber] = &people[i]
		}
		byEmail[people[i].Email] = &people[i]
	}
	seenNumber, seenEmail := make(map[string]int, len(rows)), make(map[string]int, len(rows))
	matched := map[int64]bool{}
	knownUnits := map[string]bool{}
	for _, u := range unitPaths {
		knownUnits[u] = true
	}
	var ok []int // indexes into rows: no second copy of every row
	for i, r := range rows {
		if first, dup := seenNumber[r.PersonnelNumber]; dup {
			p.Errors = append(p.Errors, LineError{Line: r.Line, Key: "import.err.dup_number", Args: []any{r.Line, r.PersonnelNumber, first}})
			continue
		}
		if first, dup := seenEmail[r.Email]; dup {
			p.Errors = append(p.Errors, LineError{Line: r.Line, Key: "import.err.dup_email", Args: []any{r.Line, r.Email, first}})
			continue
		}
		seenNumber[r.PersonnelNumber], seenEmail[r.Email] = r.Line, r.Line
		ok = append(ok, i)
	}
	paths := map[string]string{} // one copy of each unit path for all changes
	for _, i := range ok {
		r := &rows[i]
		existing := byNumber[r.PersonnelNumber]
		if existing == nil {
			existing = byEmail[r.Email]
			if existing != nil && existing.PersonnelNumber != "" && existing.PersonnelNumber != r.PersonnelNumber {
				p.Errors = append(p.Errors, LineError{Line: r.Line, Key: "import.err.email_taken", Args: []any{r.Line, r.Email, existing.PersonnelNumber}})
				continue
			}
		} else if other := byEmail[r.Email]; other != nil && other.ID != existing.ID {
			p.Errors = append(p.Errors, LineError{Line: r.Line, Key: "import.err.email_taken", Args: []any{r.Line, r.Email, other.PersonnelNumber}})
			continue
		}
		p.Rows++
		path := org.JoinPath(r.OrgPath)
		if known, ok := paths[path]; ok {
			path = known
		} else {
			paths[path] = path
		}
		for i := range r.OrgPath {
			if knownUnits[path] {
				break // its parents are known, too
			}
			prefix := org.JoinPath(r.OrgPath[:i+1])
			if !knownUnits[prefix] {
				knownUnits[prefix] = true
				p.NewUnits = append(p.NewUnits, prefix)
			}
		}
		if slices.Contains(r.Roles, managerRole) {
			p.Managers = append(p.Managers, ManagerLink{PersonnelNumber: r.PersonnelNumber, UnitPath: path})
		}
		if existing == nil {
			p.Creates = append(p.Creates, Change{Row: r, NewPath: path})
			continue
		}
		matched[existing.ID] = true
		c := Change{Row: r, ExistingID: existing.ID, Before: existing, NewPath: path, Reactivate: !existing.Active}
		roles := MergeRoles(existing.Roles, r.Roles)
		rolesChange := !sameRoles(existing.Roles, roles)
		if existing.DisplayName != r.DisplayName() || existing.Email != r.Email || existing.PersonnelNumber != r.PersonnelNumber ||
			rolesChange || !existing.Active {
			p.Updates = append(p.Updates, c)
		}
		if rolesChange {
			p.RoleChanges = append(p.RoleChanges, RoleChange{UserID: existing.ID, Before: existing.Roles, After: roles})
		}
		if existing.OrgPath != path {
			p.Moves = append(p.Moves, c)
		}
	}
	for i := range people {
		person := &people[i]
		if person.Active {
			p.Active++
		}
		if mode == ModeFullList && person.Active && person.PersonnelNumber != "" && !matched[person.ID] {
			p.Deactivations = append(p.Deactivations, Change{ExistingID: person.ID, Before: person})
		}
	}
	slices.SortFunc(p.Errors, func(a, b LineError) int { return a.Line - b.Line })
	return p
}

// sameRoles compares two role lists regardless of order.
func sameRoles(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// MergeRoles returns the roles a person holds after the import: the file's roles, plus admin when
// they hold it already (an import never takes admin rights away).
func MergeRoles(have, fromFile []string) []string {
	out := slices.Clone(fromFile)
	if slices.Contains(have, "admin") && !slices.Contains(out, "admin") {
		out = append(out, "admin")
	}
	return out
}

// UnconfirmedError refuses a mass deactivation whose number was not typed (or not the number the
// plan deactivates when it is applied: the database may have changed since the preview).
type UnconfirmedError struct{ Deactivations, Typed int }

func (e *UnconfirmedError) Error() string {
	return fmt.Sprintf("the import deactivates %d people: confirm with exactly that number (given: %d); nothing was imported", e.Deactivations, e.Typed)
}
