package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/api"
	"github.com/ailit/ailit/internal/store"
)

func TestAPITokenCreateListRevokeFromTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("AILIT_DATA_DIR", dir)
	code, out, stderr := runCLI(t, "api", "token", "create", "--name", "HR-System", "--scope", "people:write",
		"--scope", "completions:read", "--allow-ip", "10.20.0.0/16", "--expires", "2099-12-31")
	secret := strings.TrimSpace(out)
	if code != 0 || !api.WellFormed(secret) || !strings.Contains(stderr, "shown this once") {
		t.Fatalf("create: exit %d\nstdout %q\nstderr %s", code, out, stderr)
	}
	code, _, stderr = runCLI(t, "api", "token", "create", "--name", "x", "--scope", "everything", "--allow-ip", "nonsense")
	if code != 1 || !strings.Contains(stderr, "--scope: This permission does not exist") || !strings.Contains(stderr, "--allow-ip:") {
		t.Fatalf("bad create: exit %d %s", code, stderr)
	}
	code, out, _ = runCLI(t, "api", "token", "list")
	if code != 0 || !strings.Contains(out, "HR-System") || !strings.Contains(out, "people:write,completions:read") ||
		!strings.Contains(out, "10.20.0.0/16") || !strings.Contains(out, "active") || strings.Contains(out, secret) {
		t.Fatalf("list: exit %d\n%s", code, out)
	}
	if code, out, _ = runCLI(t, "api", "token", "revoke", "1"); code != 0 || !strings.Contains(out, "revoked") {
		t.Fatalf("revoke: exit %d %s", code, out)
	}
	if code, _, stderr = runCLI(t, "api", "token", "revoke", "1"); code != 1 || !strings.Contains(stderr, "revoked already") {
		t.Fatalf("revoke twice: exit %d %s", code, stderr)
	}
	if _, out, _ = runCLI(t, "api", "token", "list"); !strings.Contains(out, "revoked") {
		t.Fatalf("list after revoke:\n%s", out)
	}
	db, err := store.Open(context.Background(), filepath.Join(dir, "ailit.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var types []string
	db.TestReader().Model(&store.EvidenceEvent{}).Order("seq").Pluck("type", &types)
	if strings.Join(types, ",") != "api.token.created,api.token.revoked" {
		t.Errorf("evidence log: %v", types)
	}
}
