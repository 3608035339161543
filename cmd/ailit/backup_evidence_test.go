package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/evidencefile"
	"github.com/ailit/ailit/internal/store"
)

func TestBackupCopiesTheUploadedEvidenceFilesAndChecksThem(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("AILIT_DATA_DIR", dir)
	if code, _, stderr := runCLI(t, "users", "create", "--email", "lea@stadt.example"); code != 0 {
		t.Fatal(stderr)
	}
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(dir, "ailit.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	pdf := []byte("%PDF-1.4\n%%EOF\n")
	stored, err := evidencefile.In(dir).Save(bytes.NewReader(pdf))
	if err != nil {
		t.Fatal(err)
	}
	u, _ := db.UserByEmail(ctx, "lea@stadt.example")
	if err := db.SubmitEvidence(ctx, &store.ExternalEvidence{UserID: u.ID, MeasureID: "x", Title: "t", Issuer: "i", IssuedOn: time.Now(),
		FileName: "z.pdf", StoredName: stored.Name, ContentType: stored.ContentType, SizeBytes: stored.Size, SHA256: stored.SHA256}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	backup := filepath.Join(t.TempDir(), "copy.db")
	code, out, stderr := runCLI(t, "backup", backup)
	if code != 0 || !strings.Contains(out, "1 evidence files copied to "+backup+"-evidence") {
		t.Fatalf("backup: %d %s %s", code, out, stderr)
	}
	if got, _ := os.ReadFile(filepath.Join(backup+"-evidence", stored.Name)); !bytes.Equal(got, pdf) {
		t.Fatal("the evidence file is not in the backup")
	}
	// A file changed on disk after upload makes the backup fail loudly.
	os.WriteFile(filepath.Join(dir, "evidence", stored.Name), []byte("%PDF-other"), 0o600)
	if code, _, stderr := runCLI(t, "backup", filepath.Join(t.TempDir(), "again.db")); code == 0 || !strings.Contains(stderr, "does not match") {
		t.Fatalf("backup with a changed evidence file: %d %s", code, stderr)
	}
}
