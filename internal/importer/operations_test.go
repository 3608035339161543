package importer_test

import (
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/ailit/ailit/internal/importer"
)

func TestPlanListsTheRolesAnUpdateEndsWithOnlyWhenTheyChange(t *testing.T) {
	rows, errs := parse(t, header+
		"001;Berg;Anna;anna@x.de;Amt;learner,manager\n"+ // new role; admin is kept
		"002;Neuname;Ben;ben@x.de;Amt;learner\n"+ // renamed, same roles
		"003;Kurz;Cem;cem@x.de;Amt;learner,admin\n"+ // admin gains learner
		"004;Lang;Dora;dora@x.de;Amt;learner\n") // admin is kept: the same roles in another order
	people := []importer.Person{
		{ID: 1, PersonnelNumber: "001", Email: "anna@x.de", DisplayName: "Anna Berg", OrgPath: "Amt", Roles: []string{"learner", "admin"}, Active: true},
		{ID: 2, PersonnelNumber: "002", Email: "ben@x.de", DisplayName: "Ben Altname", OrgPath: "Amt", Roles: []string{"learner"}, Active: true},
		{ID: 3, PersonnelNumber: "003", Email: "cem@x.de", DisplayName: "Cem Kurz", OrgPath: "Amt", Roles: []string{"admin"}, Active: true},
		{ID: 4, PersonnelNumber: "004", Email: "dora@x.de", DisplayName: "Dora Lang", OrgPath: "Amt", Roles: []string{"admin", "learner"}, Active: true},
	}
	p := importer.MakePlan(rows, errs, people, []string{"Amt"}, importer.ModeFullList)
	var updated []int64
	for _, c := range p.Updates {
		updated = append(updated, c.ExistingID)
	}
	if !slices.Equal(updated, []int64{1, 2, 3}) {
		t.Errorf("updates %v, want 1, 2, 3", updated)
	}
	var got []string
	for _, rc := range p.RoleChanges {
		got = append(got, fmt.Sprint(rc.UserID, rc.Before, rc.After))
	}
	want := []string{"1 [learner admin] [learner manager admin]", "3 [admin] [learner admin]"}
	if !slices.Equal(got, want) {
		t.Errorf("role changes %q, want %q", got, want)
	}
}

func TestPlanMakesEveryManagerInTheFileManagerOfTheirOwnUnit(t *testing.T) {
	file := header +
		"001;Berg;Anna;anna@x.de;Stadt/Amt A;learner,manager\n" + // unchanged, still linked
		"002;Neu;Nora;nora@x.de;Stadt/Amt B/Team 1;manager\n" + // new person in a new unit
		"003;Kurz;Cem;cem@x.de;Stadt/Amt A;learner\n"
	rows, errs := parse(t, file)
	anna := importer.Person{ID: 1, PersonnelNumber: "001", Email: "anna@x.de", DisplayName: "Anna Berg", OrgPath: "Stadt/Amt A",
		Roles: []string{"learner", "manager"}, Active: true}
	units := []string{"Stadt", "Stadt/Amt A"}
	p := importer.MakePlan(rows, errs, []importer.Person{anna}, units, importer.ModeFullList)
	want := []importer.ManagerLink{{PersonnelNumber: "001", UnitPath: "Stadt/Amt A"}, {PersonnelNumber: "002", UnitPath: "Stadt/Amt B/Team 1"}}
	if !slices.Equal(p.Managers, want) {
		t.Errorf("manager links %+v, want %+v", p.Managers, want)
	}
	if !slices.Equal(p.NewUnits, []string{"Stadt/Amt B", "Stadt/Amt B/Team 1"}) {
		t.Errorf("new units %v: Nora's unit is created before she is linked to it", p.NewUnits)
	}

	// Nothing else changes: the link is kept (it comes back if it was removed), the plan is empty.
	rows, errs = parse(t, header+"001;Berg;Anna;anna@x.de;Stadt/Amt A;learner,manager\n")
	p = importer.MakePlan(rows, errs, []importer.Person{anna}, units, importer.ModeFullList)
	if !p.Empty() || !slices.Equal(p.Managers, want[:1]) {
		t.Errorf("an unchanged manager: empty %v, links %+v", p.Empty(), p.Managers)
	}
}

func TestPlanSummaryAndStepsCountWhatItChanges(t *testing.T) {
	rows, errs := parse(t, header+
		"001;Berg;Anna;anna@x.de;Amt;learner\n"+ // unchanged
		"002;Neu;Nora;nora@x.de;Amt/Team;learner\n"+ // create in a new unit
		"003;Kurz;Cem;cem@x.de;Amt;manager\n"+ // update
		"004;Lang;Dana;dana@x.de;Amt;learner\n") // move
	people := []importer.Person{
		{ID: 1, PersonnelNumber: "001", Email: "anna@x.de", DisplayName: "Anna Berg", OrgPath: "Amt", Roles: []string{"learner"}, Active: true},
		{ID: 3, PersonnelNumber: "003", Email: "cem@x.de", DisplayName: "Cem Kurz", OrgPath: "Amt", Roles: []string{"learner"}, Active: true},
		{ID: 4, PersonnelNumber: "004", Email: "dana@x.de", DisplayName: "Dana Lang", OrgPath: "Alt", Roles: []string{"learner"}, Active: true},
		{ID: 5, PersonnelNumber: "005", Email: "weg@x.de", DisplayName: "Weg", OrgPath: "Amt", Roles: []string{"learner"}, Active: true},
	}
	p := importer.MakePlan(rows, errs, people, []string{"Amt", "Alt"}, importer.ModeAddAndUpdate)
	want := map[string]any{"mode": "add-update", "created": 1, "updated": 1, "moved": 1, "deactivated": 0, "units": 1}
	if got := p.Summary(); !maps.Equal(got, want) {
		t.Errorf("summary %v, want %v", got, want)
	}
	if p.Steps() != 4 {
		t.Errorf("%d steps, want 4: a unit, a create, an update, a move", p.Steps())
	}
	p = importer.MakePlan(rows, errs, people, []string{"Amt", "Alt"}, importer.ModeFullList)
	if got := p.Summary(); got["mode"] != "full" || got["deactivated"] != 1 || p.Steps() != 5 {
		t.Errorf("as a full list: summary %v, %d steps", got, p.Steps())
	}
}

func TestProgressReportsEveryFiftiethStepAndTheLast(t *testing.T) {
	rows, errs := fileOf(t, 120)
	p := importer.MakePlan(rows, errs, nil, []string{"Amt"}, importer.ModeFullList)
	var heard []string
	progress := p.Progress(func(done, total int) { heard = append(heard, fmt.Sprintf("%d/%d", done, total)) })
	for range p.Steps() {
		progress.Step()
	}
	if want := []string{"50/120", "100/120", "120/120"}; !slices.Equal(heard, want) {
		t.Errorf("heard %v, want %v", heard, want)
	}
	p.Progress(nil).Step() // no listener: counting alone must not fail
}
