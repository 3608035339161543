package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestBadConfigurationNamesTheVariableAndExitsNonZero(t *testing.T) {
	t.Setenv("AILIT_DATA_DIR", t.TempDir())
	t.Setenv("AILIT_ADDR", "not-an-address")
	code, _, stderr := runCLI(t, "serve")
	if code == 0 || !strings.Contains(stderr, "AILIT_ADDR") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

func TestMigrateOnEmptyDatabaseThenUpToDate(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("AILIT_DATA_DIR", dir)
	code, out, stderr := runCLI(t, "migrate")
	if code != 0 || !strings.Contains(out, "applied 0001_initial") {
		t.Fatalf("first migrate: exit %d\n%s\n%s", code, out, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "ailit.db")); err != nil {
		t.Fatal("database file not created in the data directory")
	}
	code, out, _ = runCLI(t, "migrate")
	if code != 0 || !strings.Contains(out, "up to date") {
		t.Fatalf("second migrate: exit %d %q", code, out)
	}
}

func TestUsersCreatePrintsGeneratedPasswordOnceAndRefusesDuplicates(t *testing.T) {
	t.Setenv("AILIT_DATA_DIR", t.TempDir())
	code, out, stderr := runCLI(t, "users", "create", "--email", "it@stadt.example", "--role", "admin")
	if code != 0 || !strings.Contains(out, "roles admin") || !strings.Contains(out, "Initial password") {
		t.Fatalf("exit %d\n%s\n%s", code, out, stderr)
	}
	code, _, stderr = runCLI(t, "users", "create", "--email", "IT@stadt.example", "--role", "learner")
	if code != 1 || !strings.Contains(stderr, "exists already") {
		t.Fatalf("duplicate: exit %d %q", code, stderr)
	}
	code, _, stderr = runCLI(t, "users", "create", "--email", "x@stadt.example", "--role", "chef")
	if code != 1 || !strings.Contains(stderr, "unknown role") {
		t.Fatalf("bad role: exit %d %q", code, stderr)
	}
}

func TestShippedCoursesValidate(t *testing.T) {
	code, out, _ := runCLI(t, "courses", "validate", "../../courses")
	if code != 0 {
		t.Fatalf("shipped courses have problems:\n%s", out)
	}
}

func TestUnknownCommandShowsUsage(t *testing.T) {
	code, _, stderr := runCLI(t, "fly")
	if code != 2 || !strings.Contains(stderr, "Usage:") {
		t.Fatalf("exit %d %q", code, stderr)
	}
}

func TestBackupCopiesTheDatabaseWithItsUsers(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("AILIT_DATA_DIR", dir)
	if code, _, stderr := runCLI(t, "users", "create", "--email", "it@stadt.example", "--role", "admin"); code != 0 {
		t.Fatal(stderr)
	}
	backup := filepath.Join(t.TempDir(), "copy.db")
	if code, out, stderr := runCLI(t, "backup", backup); code != 0 || !strings.Contains(out, "Backup written") {
		t.Fatalf("backup: %d %s %s", code, out, stderr)
	}
	// The copy is a working database: another user with the same email is refused there too.
	t.Setenv("AILIT_DATABASE_URL", backup)
	if code, _, stderr := runCLI(t, "users", "create", "--email", "it@stadt.example"); code != 1 || !strings.Contains(stderr, "exists already") {
		t.Fatalf("the backup does not contain the user: %d %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "backup", backup); code != 1 || !strings.Contains(stderr, "exists already") {
		t.Fatalf("overwriting a backup: %d %s", code, stderr)
	}
}
