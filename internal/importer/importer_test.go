package importer_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/importer"
)

func parse(t *testing.T, data string) ([]importer.Row, []importer.LineError) {
	t.Helper()
	rows, errs, err := importer.Parse(strings.NewReader(data))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return rows, errs
}

func TestParseReadsTheSampleExportWithBOMSemicolonsAndCRLF(t *testing.T) {
	f, err := os.Open("/work/shared/data/hr-export-sample.csv")
	if err != nil {
		t.Skip("sample file not available:", err)
	}
	defer f.Close()
	rows, errs, err := importer.Parse(f)
	if err != nil || len(errs) > 0 {
		t.Fatalf("errors: %v %v", err, errs)
	}
	first := rows[0]
	if first.PersonnelNumber != "000001" || first.LastName != "Braun" || !slices.Equal(first.Roles, []string{"learner", "manager"}) ||
		len(first.OrgPath) != 4 || first.OrgPath[3] != "Team Baugenehmigung" || first.Line != 2 {
		t.Errorf("first row: %+v", first)
	}
	if rows[1].FirstName != "Nguyễn" || rows[2].FirstName != "Ayşe" {
		t.Errorf("names beyond Latin-1: %q %q", rows[1].FirstName, rows[2].FirstName)
	}
}

func TestParseAcceptsCommasLFAndEnglishHeaders(t *testing.T) {
	rows, errs := parse(t, "personnel_number,last_name,first_name,email,org_unit,roles\n007,Berg,Anna,Anna.Berg@Stadt.example,Amt/Team,\n")
	if len(errs) > 0 || len(rows) != 1 {
		t.Fatalf("rows %v errs %v", rows, errs)
	}
	if r := rows[0]; r.PersonnelNumber != "007" || r.Email != "anna.berg@stadt.example" || !slices.Equal(r.Roles, []string{"learner"}) {
		t.Errorf("row: %+v", r)
	}
}

func TestParseRefusesWindows1252WithTheLineNumber(t *testing.T) {
	data := "Personalnummer;Nachname;Vorname;E-Mail;Organisationseinheit;Rollen\r\n1;Berg;Anna;a@x.de;Amt;learner\r\n2;K\xf6nig;Bj\xf6rn;b@x.de;Amt;learner\r\n"
	_, _, err := importer.Parse(strings.NewReader(data))
	fe, ok := err.(*importer.FileError)
	if !ok || fe.Key != "import.err.encoding" || fe.Line != 3 {
		t.Fatalf("got %#v, want an encoding error on line 3", err)
	}
}

func TestParseNamesMissingColumns(t *testing.T) {
	_, _, err := importer.Parse(strings.NewReader("Personalnummer;Nachname;Vorname;E-Mail\n1;Berg;Anna;a@x.de\n"))
	fe, ok := err.(*importer.FileError)
	if !ok || fe.Key != "import.err.columns" || fe.Args[0] != "organisationseinheit, rollen" {
		t.Fatalf("got %#v", err)
	}
}

func TestParseReportsLineErrors(t *testing.T) {
	data := "Personalnummer;Nachname;Vorname;E-Mail;Organisationseinheit;Rollen\n" +
		"1;Berg;Anna;a@x.de;Amt;learner\n" +
		"2;;Ben;b@x.de;Amt;learner\n" +
		"3;Kurz;Cem;c@x.de;Amt;chef\n" +
		"4;Lang;Dana;d@x.de;Amt;Lernende\n" +
		"5;Ohne;Einheit;e@x.de; / ;learner\n"
	rows, errs := parse(t, data)
	if len(rows) != 1 {
		t.Errorf("rows: %+v", rows)
	}
	var got []string
	for _, e := range errs {
		got = append(got, e.Key)
	}
	want := []string{"import.err.required", "import.err.role", "import.err.role", "import.err.required"}
	if !slices.Equal(got, want) || errs[0].Line != 3 || errs[3].Line != 6 {
		t.Errorf("errors %v, want %v on lines 3..6: %+v", got, want, errs)
	}
}

func TestPlanFindsDuplicatesCreatesUpdatesMovesAndDeactivations(t *testing.T) {
	rows, errs := parse(t, "Personalnummer;Nachname;Vorname;E-Mail;Organisationseinheit;Rollen\n"+
		"001;Berg;Anna;anna@x.de;Stadt/Amt A;learner\n"+ // unchanged
		"002;Neu;Nora;nora@x.de;Stadt/Amt B;learner\n"+ // create, new unit
		"003;Kurz;Cem;cem@x.de;Stadt/Amt A;learner,manager\n"+ // update roles, matched by email
		"004;Lang;Dana;dana@x.de;Stadt/Amt A;learner\n"+ // move
		"005;Doppelt;Eva;anna@x.de;Stadt/Amt A;learner\n"+ // duplicate email
		"002;Doppelt;Nora;nora2@x.de;Stadt/Amt A;learner\n") // duplicate number
	people := []importer.Person{
		{ID: 1, PersonnelNumber: "001", Email: "anna@x.de", DisplayName: "Anna Berg", OrgPath: "Stadt/Amt A", Roles: []string{"learner"}, Active: true},
		{ID: 3, Email: "cem@x.de", DisplayName: "Cem Kurz", OrgPath: "Stadt/Amt A", Roles: []string{"learner", "admin"}, Active: true},
		{ID: 4, PersonnelNumber: "004", Email: "dana@x.de", DisplayName: "Dana Lang", OrgPath: "Stadt/Amt C", Roles: []string{"learner"}, Active: true},
		{ID: 6, PersonnelNumber: "006", Email: "gone@x.de", DisplayName: "Weg", OrgPath: "Stadt/Amt A", Roles: []string{"learner"}, Active: true},
		{ID: 7, Email: "admin@x.de", DisplayName: "Admin", Roles: []string{"admin"}, Active: true},
	}
	p := importer.MakePlan(rows, errs, people, []string{"Stadt", "Stadt/Amt A", "Stadt/Amt C"}, importer.ModeFullList)
	ids := func(cs []importer.Change) []int64 {
		var out []int64
		for _, c := range cs {
			out = append(out, c.ExistingID)
		}
		return out
	}
	if len(p.Creates) != 1 || p.Creates[0].Row.PersonnelNumber != "002" {
		t.Errorf("creates: %+v", p.Creates)
	}
	if !slices.Equal(ids(p.Updates), []int64{3}) || !slices.Equal(ids(p.Moves), []int64{4}) || !slices.Equal(ids(p.Deactivations), []int64{6}) {
		t.Errorf("updates %v moves %v deactivations %v", ids(p.Updates), ids(p.Moves), ids(p.Deactivations))
	}
	if !slices.Equal(p.NewUnits, []string{"Stadt/Amt B"}) {
		t.Errorf("new units: %v", p.NewUnits)
	}
	if len(p.Errors) != 2 || p.Errors[0].Key != "import.err.dup_email" || p.Errors[0].Line != 6 || p.Errors[1].Key != "import.err.dup_number" {
		t.Errorf("errors: %+v", p.Errors)
	}
	if got := importer.MergeRoles([]string{"learner", "admin"}, []string{"learner", "manager"}); !slices.Equal(got, []string{"learner", "manager", "admin"}) {
		t.Errorf("MergeRoles keeps admin: %v", got)
	}
}

func TestFromFieldsChecksPeopleLikeTheFileDoes(t *testing.T) {
	rows, errs := importer.FromFields([]importer.Fields{
		{PersonnelNumber: "0042", LastName: "Berg", FirstName: "Anna", Email: " Anna.Berg@Stadt.example ", OrgUnit: "Amt/Referat 1", Roles: []string{"Manager", "learner"}},
		{PersonnelNumber: "0043", LastName: "Kurz", FirstName: "", Email: "kurz@stadt.example", OrgUnit: "Amt"},
		{PersonnelNumber: "0044", LastName: "Roth", FirstName: "Ida", Email: "roth@stadt.example", OrgUnit: "Amt", Roles: []string{"chef"}},
		{PersonnelNumber: "0045", LastName: "Lang", FirstName: "Eva", Email: "lang@stadt.example", OrgUnit: "Amt"},
	})
	if len(rows) != 2 || rows[0].Email != "anna.berg@stadt.example" || rows[0].Line != 1 || rows[1].Line != 4 {
		t.Fatalf("rows: %+v", rows)
	}
	if got := strings.Join(rows[0].Roles, ","); got != "learner,manager" || strings.Join(rows[0].OrgPath, "|") != "Amt|Referat 1" {
		t.Errorf("roles %q, path %q", got, rows[0].OrgPath)
	}
	if strings.Join(rows[1].Roles, ",") != "learner" {
		t.Errorf("no roles should mean learner, got %v", rows[1].Roles)
	}
	if len(errs) != 2 || errs[0].Key != "import.err.required" || errs[0].Line != 2 || errs[1].Key != "import.err.role" || errs[1].Line != 3 {
		t.Fatalf("errors: %+v", errs)
	}
}
