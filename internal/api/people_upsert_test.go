package api_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/api"
	"github.com/ailit/ailit/internal/compliance"
	"github.com/ailit/ailit/internal/importer"
	"github.com/ailit/ailit/internal/org"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/webtest"
)

// peopleFromCSV turns the HR file of testdata into the API's JSON rows, field for field.
func peopleFromCSV(t *testing.T) []map[string]any {
	t.Helper()
	f, err := os.Open("testdata/people.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	for _, rec := range recs[1:] {
		out = append(out, map[string]any{"personnel_number": rec[0], "last_name": rec[1], "first_name": rec[2],
			"email": rec[3], "org_unit": rec[4], "roles": strings.Split(rec[5], ",")})
	}
	return out
}

type plan struct {
	DryRun            bool `json:"dry_run"`
	Applied           bool
	NeedsConfirmation bool `json:"needs_confirmation"`
	Mode              string
	People            int
	NewUnits          []string `json:"new_units"`
	Creates, Updates  []map[string]string
	Moves             []map[string]string
	Deactivations     []map[string]string
}

// snapshot is everybody with unit path, roles and state, for comparing two databases.
func snapshot(t *testing.T, env *webtest.Env) []string {
	t.Helper()
	ctx := context.Background()
	tree, _, err := env.Store.OrgTree(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var users []store.User
	env.Store.TestReader().Preload("Roles").Order("email").Find(&users)
	var out []string
	for _, u := range users {
		unit, number := "", ""
		if u.OrgUnitID != nil {
			unit = org.JoinPath(tree.NamePath(*u.OrgUnitID))
		}
		if u.PersonnelNumber != nil {
			number = *u.PersonnelNumber
		}
		managed, _ := env.Store.ManagerUnitsOf(ctx, u.ID)
		out = append(out, fmt.Sprintf("%s|%s|%s|%s|%v|%v|manages %d", u.Email, u.DisplayName, number, unit, u.RoleNames(), u.Active, len(managed)))
	}
	return out
}

func TestPeopleDryRunChangesNothingAndTheApplyMatchesTheHRImport(t *testing.T) {
	viaAPI, viaFile := newEnv(t), newEnv(t)
	for _, env := range []*webtest.Env{viaAPI, viaFile} {
		env.CreateUser(t, "admin@stadt.example", "geheim-geheim-1", "admin")
	}
	tok := newToken(t, viaAPI, scoped(api.ScopePeopleWrite))
	body := map[string]any{"people": peopleFromCSV(t)}
	headBefore, _ := viaAPI.Store.EvidenceHead(context.Background())
	before := snapshot(t, viaAPI)

	r := call(t, viaAPI, http.MethodPost, "/api/v1/people?dry_run=true", tok, body)
	var dry plan
	r.decode(t, &dry)
	if r.Status != http.StatusOK || !dry.DryRun || dry.Applied || len(dry.Creates) != 8 || dry.People != 8 ||
		!slices.Contains(dry.NewUnits, "Stadtverwaltung/Bauordnungsamt/Team Genehmigung") {
		t.Fatalf("dry run: %d %s", r.Status, r.Body)
	}
	if after, _ := viaAPI.Store.EvidenceHead(context.Background()); after != headBefore || !slices.Equal(snapshot(t, viaAPI), before) {
		t.Fatal("the dry run changed the database")
	}

	r = call(t, viaAPI, http.MethodPost, "/api/v1/people", tok, body)
	var applied plan
	r.decode(t, &applied)
	if r.Status != http.StatusOK || applied.DryRun || !applied.Applied || len(applied.Creates) != 8 {
		t.Fatalf("apply: %d %s", r.Status, r.Body)
	}

	// The same people as an HR file through the HR import.
	f, _ := os.Open("testdata/people.csv")
	rows, rowErrs, err := importer.Parse(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := viaFile.Store.ApplyImport(context.Background(), rows, rowErrs, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := viaFile.Store.SyncAllAssignments(context.Background(), compliance.Pin(viaFile.Library)); err != nil {
		t.Fatal(err)
	}
	got, want := snapshot(t, viaAPI), snapshot(t, viaFile)
	if !slices.Equal(got, want) {
		t.Fatalf("the API's result differs from the HR import's:\napi:  %v\nfile: %v", got, want)
	}

	// Applying the same list again changes nothing.
	r = call(t, viaAPI, http.MethodPost, "/api/v1/people", tok, body)
	var again plan
	r.decode(t, &again)
	if len(again.Creates)+len(again.Updates)+len(again.Moves)+len(again.Deactivations) != 0 {
		t.Errorf("second apply: %s", r.Body)
	}
}

func TestPeopleUpsertRefusesInvalidRowsAndUnconfirmedMassDeactivations(t *testing.T) {
	env := newEnv(t)
	tok := newToken(t, env, scoped(api.ScopePeopleWrite))
	list := peopleFromCSV(t)
	if r := call(t, env, http.MethodPost, "/api/v1/people", tok, map[string]any{"people": list}); r.Status != http.StatusOK {
		t.Fatalf("first list: %d %s", r.Status, r.Body)
	}
	before := snapshot(t, env)

	// Errors are named by their place in the list; nothing is applied.
	bad := append(slices.Clone(list[:2]), map[string]any{"personnel_number": "000199", "last_name": "Ohne", "first_name": "Adresse",
		"email": "", "org_unit": "Stadtverwaltung"}, list[0])
	r := call(t, env, http.MethodPost, "/api/v1/people", tok, map[string]any{"mode": "add-update", "people": bad}, "Accept-Language", "en")
	p := r.problem(t)
	if r.Status != http.StatusUnprocessableEntity || len(p.Errors) != 2 || p.Errors[0].Pointer != "/people/2" ||
		!strings.Contains(p.Errors[0].Detail, "E-Mail") || p.Errors[1].Pointer != "/people/3" {
		t.Fatalf("invalid rows: %d %s", r.Status, r.Body)
	}

	// A full list with one person would deactivate seven: only with their number confirmed.
	one := map[string]any{"mode": "full", "people": list[:1]}
	r = call(t, env, http.MethodPost, "/api/v1/people", tok, one)
	p = r.problem(t)
	if r.Status != http.StatusUnprocessableEntity || p.Type != "urn:ailit:problem:confirmation-required" || p.Deactivations != 7 {
		t.Fatalf("unconfirmed: %d %s", r.Status, r.Body)
	}
	if !slices.Equal(snapshot(t, env), before) {
		t.Fatal("a refused list changed the database")
	}
	r = call(t, env, http.MethodPost, "/api/v1/people?dry_run=true", tok, one)
	var dry plan
	r.decode(t, &dry)
	if !dry.NeedsConfirmation || len(dry.Deactivations) != 7 {
		t.Fatalf("dry run of the mass deactivation: %s", r.Body)
	}
	one["confirm_deactivations"] = 7
	r = call(t, env, http.MethodPost, "/api/v1/people", tok, one)
	var done plan
	r.decode(t, &done)
	if r.Status != http.StatusOK || len(done.Deactivations) != 7 {
		t.Fatalf("confirmed: %d %s", r.Status, r.Body)
	}
	// add-update deactivates nobody.
	r = call(t, env, http.MethodPost, "/api/v1/people?mode=add-update", tok, map[string]any{"people": list[1:2]})
	var add plan
	r.decode(t, &add)
	if add.Mode != "add-update" || len(add.Deactivations) != 0 || len(add.Updates) != 1 {
		t.Fatalf("add-update: %s", r.Body)
	}
}

func TestOrgUnitsUpsertCreatesMissingUnitsParentsFirst(t *testing.T) {
	env := newEnv(t)
	tok := newToken(t, env, scoped(api.ScopeOrgWrite))
	body := map[string]any{"units": []map[string]string{{"path": "Stadt/Bauamt/Team 1"}, {"path": "Stadt / Ordnungsamt"}, {"path": "Stadt"}}}
	r := call(t, env, http.MethodPost, "/api/v1/org-units?dry_run=true", tok, body)
	want := `{"dry_run":true,"created":["Stadt","Stadt/Bauamt","Stadt/Bauamt/Team 1","Stadt/Ordnungsamt"]}`
	if string(r.Body) != want {
		t.Fatalf("dry run: %s", r.Body)
	}
	if units, _ := env.Store.OrgUnits(context.Background()); len(units) != 0 {
		t.Fatal("the dry run created units")
	}
	r = call(t, env, http.MethodPost, "/api/v1/org-units", tok, body)
	if !strings.Contains(string(r.Body), `"dry_run":false,"created":["Stadt",`) {
		t.Fatalf("apply: %s", r.Body)
	}
	r = call(t, env, http.MethodPost, "/api/v1/org-units", tok, body)
	if string(r.Body) != `{"dry_run":false,"created":[]}` {
		t.Fatalf("again: %s", r.Body)
	}
	// A name that differs only in case from an existing sibling is a conflict, not a second unit.
	r = call(t, env, http.MethodPost, "/api/v1/org-units", tok, map[string]any{"units": []map[string]string{{"path": "Stadt/BAUAMT/Neu"}}})
	if p := r.problem(t); r.Status != http.StatusConflict || p.Type != "urn:ailit:problem:conflict" {
		t.Fatalf("case conflict: %d %s", r.Status, r.Body)
	}
	if units, _ := env.Store.OrgUnits(context.Background()); len(units) != 4 {
		t.Fatalf("the refused request left %d units, want 4", len(units))
	}
	r = call(t, env, http.MethodPost, "/api/v1/org-units", tok, map[string]any{"units": []map[string]string{{"path": " / "}}})
	if p := r.problem(t); r.Status != 422 || p.Errors[0].Pointer != "/units/0/path" {
		t.Fatalf("empty path: %s", r.Body)
	}
}
