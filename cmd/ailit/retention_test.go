package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/store"
)

func TestRetentionRunShowsThePlanDeletesOnlyWithoutDryRun(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("AILIT_DATA_DIR", dir)
	if code, _, stderr := runCLI(t, "migrate"); code != 0 {
		t.Fatal(stderr)
	}
	db, err := store.Open(context.Background(), filepath.Join(dir, "ailit.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	ended := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
	err = db.TestWriter().Create(&store.WebSession{ID: "old", SecretHash: []byte("x"), CreatedAt: ended, LastSeenAt: ended, ExpiresAt: ended}).Error
	db.Close()
	if err != nil {
		t.Fatal(err)
	}

	// Sessions are kept 7 days after they end: on 27 November it is not yet due, on 28 November it is.
	code, out, stderr := runCLI(t, "retention", "run", "--dry-run", "--as-of", "2026-11-26")
	if code != 0 || !strings.Contains(out, "Dry run") || !strings.Contains(out, "In all: 0 entries due for deletion") {
		t.Fatalf("before the period end: exit %d\n%s\n%s", code, out, stderr)
	}
	code, out, _ = runCLI(t, "retention", "run", "--dry-run", "--as-of", "2026-11-28")
	if code != 0 || !strings.Contains(out, "Login sessions") || !strings.Contains(out, "In all: 1 entries due for deletion") {
		t.Fatalf("dry run after the period end: exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "retention", "run", "--as-of", "2026-11-28")
	if code != 0 || !strings.Contains(out, "In all: 1 entries deleted") || !strings.Contains(out, "evidence log") {
		t.Fatalf("run: exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "retention", "run", "--dry-run", "--as-of", "2026-11-28")
	if code != 0 || !strings.Contains(out, "In all: 0 entries") {
		t.Fatalf("after the run: exit %d\n%s", code, out)
	}
	if code, out, _ = runCLI(t, "evidence", "verify"); code != 0 || !strings.Contains(out, "OK: 1 entries") {
		t.Fatalf("the run is the one entry of the evidence log: %s", out)
	}
	if code, _, stderr = runCLI(t, "retention", "run", "--as-of", "28.11.2026"); code != 1 || !strings.Contains(stderr, "--as-of") {
		t.Fatalf("bad date: exit %d %q", code, stderr)
	}
}
