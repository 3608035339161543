package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBadPathsNameTheirVariable(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a-file")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, value, problem string
	}{
		{"AILIT_DATA_DIR", file, "is a file, not a directory"},
		{"AILIT_DATA_DIR", filepath.Join(file, "data"), "cannot be created: " + file + " is a file"},
		{"AILIT_COURSES_DIR", filepath.Join(dir, "missing"), "no such directory"},
		{"AILIT_COURSES_DIR", file, "is a file, not a directory"},
		{"AILIT_SSO_MAPPING_FILE", filepath.Join(dir, "missing.yaml"), "no such file"},
		{"AILIT_SSO_MAPPING_FILE", dir, "is a directory, expected a file"},
	} {
		_, err := load(t, map[string]string{tc.name: tc.value})
		var ce *Error
		if !errors.As(err, &ce) || ce.Name != tc.name || !strings.Contains(err.Error(), tc.name) || !strings.Contains(ce.Problem, tc.problem) {
			t.Errorf("%s=%q: got %v, want an error naming %s: %s", tc.name, tc.value, err, tc.name, tc.problem)
		}
	}
	// Good paths pass: an existing data directory, one still to be created, real folders and files.
	mapping := filepath.Join(dir, "mapping.yaml")
	os.WriteFile(mapping, []byte("{}\n"), 0o600)
	if _, err := load(t, map[string]string{"AILIT_DATA_DIR": filepath.Join(dir, "new", "data"), "AILIT_COURSES_DIR": dir, "AILIT_SSO_MAPPING_FILE": mapping}); err != nil {
		t.Errorf("good paths refused: %v", err)
	}
}

func TestAllProblemsAreReportedAtOnce(t *testing.T) {
	_, err := load(t, map[string]string{
		"AILIT_ADDR":             "8080",
		"AILIT_COURSES_DIR":      "/does/not/exist",
		"AILIT_SESSION_IDLE":     "10s",
		"AILIT_LOG_LEVEL":        "verbose",
		"AILIT_SMTP_PORT":        "nein",
		"AILIT_SSO_MAPPING_FILE": "/does/not/exist.yaml",
		"AILIT_LDAP_URL":         "http://dc",
	})
	var problems Problems
	if !errors.As(err, &problems) {
		t.Fatalf("got %T %v, want Problems", err, err)
	}
	var names []string
	for _, p := range problems {
		names = append(names, p.Name)
	}
	want := "AILIT_ADDR AILIT_COURSES_DIR AILIT_SESSION_IDLE AILIT_LOG_LEVEL AILIT_SMTP_PORT AILIT_SSO_MAPPING_FILE AILIT_LDAP_URL"
	if strings.Join(names, " ") != want {
		t.Errorf("problems %v, want %s", names, want)
	}
	if msg := err.Error(); !strings.HasPrefix(msg, "configuration: 7 problems:") || strings.Count(msg, "\n") != 7 {
		t.Errorf("message lists one problem per line:\n%s", msg)
	}
}
