package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copyCourses copies the valid example courses into a temporary folder that a test may break.
func copyCourses(t testing.TB) string {
	t.Helper()
	dst := t.TempDir()
	err := os.CopyFS(dst, os.DirFS("testdata/courses"))
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// writeFile writes a file below dir, creating folders.
func writeFile(t testing.TB, dir, rel, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// editFile replaces old by new in a file; the test fails when old is not there.
func editFile(t testing.TB, dir, rel, old, new string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s does not contain %q", rel, old)
	}
	writeFile(t, dir, rel, strings.Replace(string(b), old, new, 1))
}

// problemStrings loads dir and returns its problems as "path:line:col: message".
func problemStrings(t testing.TB, dir string) []string {
	t.Helper()
	_, report, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range report.Problems {
		out = append(out, p.String())
	}
	return out
}

// copyDir copies one folder below dir to another place below dir.
func copyDir(dir, from, to string) error {
	return os.CopyFS(filepath.Join(dir, to), os.DirFS(filepath.Join(dir, from)))
}
