package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const hrHeader = "Personalnummer;Nachname;Vorname;E-Mail;Organisationseinheit;Rollen\n"

func writeHRFile(t *testing.T, lines ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "hr.csv")
	if err := os.WriteFile(path, []byte(hrHeader+strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// coursesDir points AILIT_COURSES_DIR at the example courses.
func coursesDir(t *testing.T) {
	t.Setenv("AILIT_COURSES_DIR", filepath.Join("..", "..", "internal", "content", "testdata", "courses"))
}

func TestUsersImportWithoutACoursesFolderWritesNothingAndSaysSo(t *testing.T) {
	t.Setenv("AILIT_DATA_DIR", t.TempDir())
	t.Setenv("AILIT_COURSES_DIR", "") // the default ./courses, which does not exist here
	file := writeHRFile(t, "1;Berg;Anna;anna@stadt.example;Amt;learner")
	code, _, stderr := runCLI(t, "users", "import", file)
	if code != 1 || !strings.Contains(stderr, "nothing was imported") || !strings.Contains(stderr, "AILIT_COURSES_DIR") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	// Nothing was written: the same file as a dry run still plans to create Anna.
	code, out, _ := runCLI(t, "users", "import", file, "--dry-run")
	if code != 0 || !strings.Contains(out, "1 to create") {
		t.Fatalf("after the refused import: exit %d\n%s", code, out)
	}
}

func TestUsersImportAppliesAndReportsWhatItWrote(t *testing.T) {
	t.Setenv("AILIT_DATA_DIR", t.TempDir())
	coursesDir(t)
	file := writeHRFile(t, "1;Berg;Anna;anna@stadt.example;Amt;learner")
	code, out, stderr := runCLI(t, "users", "import", file)
	if code != 0 || !strings.Contains(out, "Import applied: 1 created") || !strings.Contains(out, "joined assignments") {
		t.Fatalf("exit %d\n%s\n%s", code, out, stderr)
	}
}

func TestUsersImportOfOneDepartmentNeedsConfirmationOrAddUpdateMode(t *testing.T) {
	t.Setenv("AILIT_DATA_DIR", t.TempDir())
	coursesDir(t)
	var everybody []string
	for i := 1; i <= 20; i++ {
		everybody = append(everybody, strings.ReplaceAll("N;Person;Eine;pN@stadt.example;Amt;learner", "N", string(rune('a'+i-1))))
	}
	if code, out, stderr := runCLI(t, "users", "import", writeHRFile(t, everybody...)); code != 0 {
		t.Fatalf("first import: %d\n%s\n%s", code, out, stderr)
	}
	department := writeHRFile(t, everybody[:3]...)

	code, out, _ := runCLI(t, "users", "import", department, "--dry-run")
	if code != 0 || !strings.Contains(out, "17 to deactivate") || !strings.Contains(out, "Applying needs --confirm-deactivations 17") {
		t.Fatalf("dry run: exit %d\n%s", code, out)
	}
	code, _, stderr := runCLI(t, "users", "import", department)
	if code != 1 || !strings.Contains(stderr, "nothing was imported: the import deactivates 17 of 20 active people") ||
		!strings.Contains(stderr, "--confirm-deactivations 17") || !strings.Contains(stderr, "--mode add-update") {
		t.Fatalf("unconfirmed: exit %d %q", code, stderr)
	}
	code, out, stderr = runCLI(t, "users", "import", department, "--mode", "add-update")
	if code != 0 || !strings.Contains(out, "0 to deactivate") || !strings.Contains(out, "Mode add-update") {
		t.Fatalf("add-update: exit %d\n%s\n%s", code, out, stderr)
	}
	code, out, _ = runCLI(t, "users", "import", department, "--dry-run")
	if !strings.Contains(out, "17 to deactivate") {
		t.Fatalf("the add-update import deactivated people:\n%s", out)
	}
	code, out, stderr = runCLI(t, "users", "import", department, "--confirm-deactivations", "17")
	if code != 0 || !strings.Contains(out, "17 deactivated") {
		t.Fatalf("confirmed: exit %d\n%s\n%s", code, out, stderr)
	}
	if code, _, stderr := runCLI(t, "users", "import", department, "--mode", "teilweise"); code != 1 || !strings.Contains(stderr, "expected full or add-update") {
		t.Errorf("bad mode: exit %d %q", code, stderr)
	}
}
