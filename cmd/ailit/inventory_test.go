package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const teamBau = "Stadtverwaltung/Dezernat 1 Stadtentwicklung und Umwelt/Bauordnungsamt/Team Baugenehmigung"

// inventoryEnv is a data directory with an admin and the people (and units) of the HR sample.
func inventoryEnv(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("AILIT_DATA_DIR", dir)
	t.Setenv("AILIT_COURSES_DIR", "../../courses")
	if code, _, stderr := runCLI(t, "users", "create", "--email", "it@stadt.example", "--role", "admin"); code != 0 {
		t.Fatal(stderr)
	}
	if _, err := os.Stat("/work/shared/data/hr-export-sample.csv"); err != nil {
		t.Skip("HR sample not available")
	}
	if code, out, stderr := runCLI(t, "users", "import", "/work/shared/data/hr-export-sample.csv"); code != 0 {
		t.Fatal(out, stderr)
	}
	return dir
}

func TestInventoryImportWithABadLineImportsNothingAndNamesTheLine(t *testing.T) {
	dir := inventoryEnv(t)
	file := filepath.Join(dir, "register.csv")
	os.WriteFile(file, []byte("id;name;provider;purpose;status;classification;annex_iii_area;units;contact;dpia;fria;contract;review_date;public;rules\n"+
		"chatbot-buergerservice;Chatbot Bürgerservice;Kommunal-IT;Fragen beantworten;in_use;prohibited_checked|transparency;;"+teamBau+";ki@stadt.example;;;;2027-03-31;true;user=course:ki-sicher-nutzen/24/90\n"+
		"uebersetzer;Übersetzer;;Texte übersetzen;in_use;transparency;;Stadtverwaltung/Gibt es nicht;;;;;;false;user=course:ki-sicher-nutzen/24/90\n"), 0o600)
	code, out, stderr := runCLI(t, "inventory", "import", file)
	if code != 1 || !strings.Contains(stderr, "line 3:") || !strings.Contains(stderr, `no org unit "Stadtverwaltung/Gibt es nicht"`) ||
		!strings.Contains(stderr, "verbotene Praktiken") || !strings.Contains(stderr, "nothing was imported") {
		t.Fatalf("exit %d\n%s\n%s", code, out, stderr)
	}
	code, out, _ = runCLI(t, "inventory", "export", "--format", "json")
	if code != 0 || strings.Contains(out, "chatbot") {
		t.Fatalf("after a refused import the inventory is not empty: %s", out)
	}

	// Without the bad line: the dry run changes nothing, the real run creates and assigns.
	data, _ := os.ReadFile(file)
	lines := strings.SplitAfter(string(data), "\n")
	os.WriteFile(file, []byte(lines[0]+lines[1]), 0o600)
	code, out, stderr = runCLI(t, "inventory", "import", file, "--dry-run")
	if code != 0 || !strings.Contains(out, "1 to create") || !strings.Contains(out, "nothing was changed") {
		t.Fatalf("dry run: exit %d\n%s\n%s", code, out, stderr)
	}
	if _, out, _ = runCLI(t, "inventory", "export", "--format", "csv"); strings.Contains(out, "chatbot") {
		t.Fatal("the dry run imported")
	}
	code, out, stderr = runCLI(t, "inventory", "import", file)
	if code != 0 || !strings.Contains(out, "Import applied.") || strings.Contains(out, " 0 people joined") {
		t.Fatalf("import: exit %d\n%s\n%s", code, out, stderr)
	}
	code, out, _ = runCLI(t, "inventory", "export", "--format", "json")
	for _, want := range []string{`"id": "chatbot-buergerservice"`, `"measure": "course:ki-sicher-nutzen"`, `"review_date": "2027-03-31"`, teamBau} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("export lacks %q:\n%s", want, out)
		}
	}
}
