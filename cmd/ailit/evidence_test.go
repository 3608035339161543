package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/store"
)

func TestEvidenceVerifyReportsOKThenTheFirstChangedEntry(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("AILIT_DATA_DIR", dir)
	for _, email := range []string{"a@stadt.example", "b@stadt.example", "c@stadt.example"} {
		if code, _, stderr := runCLI(t, "users", "create", "--email", email, "--role", "learner"); code != 0 {
			t.Fatalf("users create: %s", stderr)
		}
	}
	code, out, stderr := runCLI(t, "evidence", "verify")
	if code != 0 || !strings.Contains(out, "OK: 3 entries") {
		t.Fatalf("intact log: exit %d\n%s\n%s", code, out, stderr)
	}

	db, err := store.Open(context.Background(), filepath.Join(dir, "ailit.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.W.Exec(`UPDATE evidence_events SET payload = '{"previous":[],"roles":["admin"]}' WHERE seq = 2`).Error
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	code, out, _ = runCLI(t, "evidence", "verify")
	if code != 1 || !strings.Contains(out, "BROKEN at entry 2 (user.roles_changed, ") || !strings.Contains(out, "was changed") {
		t.Fatalf("tampered log: exit %d\n%s", code, out)
	}
}

func TestEvidenceWithoutSubcommandShowsUsage(t *testing.T) {
	code, _, stderr := runCLI(t, "evidence")
	if code != 2 || !strings.Contains(stderr, "Usage: ailit evidence SUBCOMMAND") || !strings.Contains(stderr, "evidence verify ") {
		t.Fatalf("exit %d %q", code, stderr)
	}
}
