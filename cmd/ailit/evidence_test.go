package main

import (
	"context"
	"os"
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
	err = db.TestWriter().Exec(`UPDATE evidence_events SET payload = '{"previous":[],"roles":["admin"]}' WHERE seq = 2`).Error
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
	if code != 2 || !strings.Contains(stderr, "Usage: ailit evidence SUBCOMMAND") || !strings.Contains(stderr, "evidence verify ") ||
		!strings.Contains(stderr, "evidence checkpoint ") {
		t.Fatalf("exit %d %q", code, stderr)
	}
}

func TestEvidenceCheckpointDetectsEntriesRemovedAfterIt(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("AILIT_DATA_DIR", dir)
	createUsers := func(emails ...string) {
		for _, email := range emails {
			if code, _, stderr := runCLI(t, "users", "create", "--email", email, "--role", "learner"); code != 0 {
				t.Fatalf("users create: %s", stderr)
			}
		}
	}
	createUsers("a@stadt.example", "b@stadt.example")
	cpFile := filepath.Join(t.TempDir(), "checkpoint.json")
	code, out, stderr := runCLI(t, "evidence", "checkpoint", "--out", cpFile)
	if code != 0 || !strings.Contains(out, "2 entries") {
		t.Fatalf("checkpoint: exit %d\n%s\n%s", code, out, stderr)
	}
	createUsers("c@stadt.example") // the log grows after the checkpoint: still fine
	code, out, _ = runCLI(t, "evidence", "verify", "--checkpoint", cpFile)
	if code != 0 || !strings.Contains(out, "OK: 3 entries") || !strings.Contains(out, "entry 2 matches the checkpoint") {
		t.Fatalf("grown log: exit %d\n%s", code, out)
	}

	// Someone with database access removes the two newest entries: the chain alone stays valid.
	db, err := store.Open(context.Background(), filepath.Join(dir, "ailit.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.TestWriter().Exec(`DELETE FROM evidence_events WHERE seq >= 2`).Error
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	if code, out, _ = runCLI(t, "evidence", "verify"); code != 0 || !strings.Contains(out, "OK: 1 entries") {
		t.Fatalf("without checkpoint the shortened chain verifies: exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "evidence", "verify", "--checkpoint", cpFile)
	if code != 1 || !strings.Contains(out, "BROKEN against the checkpoint") || !strings.Contains(out, "1 entries were removed") {
		t.Fatalf("shortened log against the checkpoint: exit %d\n%s", code, out)
	}
}

func TestEvidenceVerifyRefusesAChangedCheckpoint(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("AILIT_DATA_DIR", dir)
	for _, email := range []string{"a@stadt.example", "b@stadt.example"} {
		if code, _, stderr := runCLI(t, "users", "create", "--email", email, "--role", "learner"); code != 0 {
			t.Fatalf("users create: %s", stderr)
		}
	}
	cpFile := filepath.Join(t.TempDir(), "checkpoint.json")
	if code, _, stderr := runCLI(t, "evidence", "checkpoint", "--out", cpFile); code != 0 {
		t.Fatalf("checkpoint: %s", stderr)
	}
	b, err := os.ReadFile(cpFile)
	if err != nil {
		t.Fatal(err)
	}
	// Lowering the count would make a shortened log pass: the signature must catch it.
	if err := os.WriteFile(cpFile, []byte(strings.Replace(string(b), `"count": 2`, `"count": 1`, 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "evidence", "verify", "--checkpoint", cpFile)
	if code != 1 || !strings.Contains(stderr, "signature does not verify") {
		t.Fatalf("changed checkpoint: exit %d %q", code, stderr)
	}
}
