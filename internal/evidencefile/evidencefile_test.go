package evidencefile

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var (
	pdf  = []byte("%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n")
	png  = append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 40)...)
	jpeg = append([]byte{0xFF, 0xD8, 0xFF, 0xE0}, make([]byte, 40)...)
)

func TestSaveChecksTheTypeByContentAndTheSize(t *testing.T) {
	d := In(t.TempDir())
	tests := []struct {
		name string
		data []byte
		want string
		err  error
	}{
		{"pdf", pdf, PDF, nil},
		{"png", png, PNG, nil},
		{"jpeg", jpeg, JPEG, nil},
		{"html named .pdf", []byte("<html><script>alert(1)</script>"), "", ErrType},
		{"svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), "", ErrType},
		{"empty", nil, "", ErrEmpty},
		{"too large", append(append([]byte{}, pdf...), make([]byte, MaxBytes)...), "", ErrTooLarge},
	}
	for _, tt := range tests {
		s, err := d.Save(bytes.NewReader(tt.data))
		if !errors.Is(err, tt.err) || (err == nil && s.ContentType != tt.want) {
			t.Errorf("%s: %+v, %v; want %s, %v", tt.name, s, err, tt.want, tt.err)
			continue
		}
		if err != nil {
			continue
		}
		sum := sha256.Sum256(tt.data)
		if s.SHA256 != hex.EncodeToString(sum[:]) || s.Size != int64(len(tt.data)) || !strings.HasSuffix(s.Name, Extension(tt.want)) {
			t.Errorf("%s: stored %+v", tt.name, s)
		}
		f, err := d.Open(s.Name)
		if err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	entries, _ := os.ReadDir(string(d))
	if len(entries) != 3 {
		t.Errorf("%d files in the folder, want the 3 accepted ones (no temporary files left)", len(entries))
	}
}

func TestOpenRefusesNamesThatAreNotStoredNames(t *testing.T) {
	dir := t.TempDir()
	d := In(dir)
	os.WriteFile(filepath.Join(dir, "secret.key"), []byte("x"), 0o600)
	for _, name := range []string{"../secret.key", "..%2fsecret.key", "/etc/passwd", "", "evidence/../../secret.key",
		"0123456789abcdef0123456789abcdef.exe", "0123456789abcdef0123456789abcdef.pdf/../../secret.key"} {
		if f, err := d.Open(name); err == nil {
			f.Close()
			t.Errorf("Open(%q) succeeded", name)
		}
	}
}

func TestCopyToCopiesEveryFileAndChecksItsHash(t *testing.T) {
	d := In(t.TempDir())
	s, err := d.Save(bytes.NewReader(pdf))
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "backup-evidence")
	if n, err := d.CopyTo(dst, map[string]string{s.Name: s.SHA256}); err != nil || n != 1 {
		t.Fatalf("copied %d, %v", n, err)
	}
	if got, _ := os.ReadFile(filepath.Join(dst, s.Name)); !bytes.Equal(got, pdf) {
		t.Fatal("the copy differs")
	}
	os.WriteFile(filepath.Join(string(d), s.Name), []byte("%PDF-changed"), 0o600)
	if _, err := d.CopyTo(t.TempDir(), map[string]string{s.Name: s.SHA256}); err == nil || !strings.Contains(err.Error(), "does not match") {
		t.Fatalf("a changed file was copied without complaint: %v", err)
	}
	if _, err := d.CopyTo(t.TempDir(), map[string]string{"0123456789abcdef0123456789abcdef.png": "x"}); err == nil {
		t.Fatal("a file recorded but missing on disk went unnoticed")
	}
}

func TestKeepRemovesOnlyStoredFilesNothingPointsAt(t *testing.T) {
	d := Dir(t.TempDir())
	a, err := d.Save(bytes.NewReader(pdf))
	if err != nil {
		t.Fatal(err)
	}
	b, err := d.Save(bytes.NewReader(pdf))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(string(d), "README"), []byte("not ours"), 0o600); err != nil {
		t.Fatal(err)
	}
	n, err := d.Keep(map[string]string{a.Name: a.SHA256})
	if err != nil || n != 1 {
		t.Fatalf("removed %d, %v", n, err)
	}
	if _, err := os.Stat(filepath.Join(string(d), b.Name)); !os.IsNotExist(err) {
		t.Error("the unreferenced upload is still there")
	}
	for _, keep := range []string{a.Name, "README"} {
		if _, err := os.Stat(filepath.Join(string(d), keep)); err != nil {
			t.Errorf("%s was removed: %v", keep, err)
		}
	}
	if n, err := Dir(filepath.Join(t.TempDir(), "none")).Keep(nil); n != 0 || err != nil {
		t.Errorf("a missing folder: %d %v", n, err)
	}
}
