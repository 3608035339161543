package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestServeListsEveryConfigurationProblemAtOnce(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "not-a-dir")
	os.WriteFile(file, []byte("x"), 0o600)
	t.Setenv("AILIT_DATA_DIR", file)
	t.Setenv("AILIT_COURSES_DIR", filepath.Join(dir, "kurse"))
	t.Setenv("AILIT_SSO_MAPPING_FILE", filepath.Join(dir, "mapping.yaml"))
	t.Setenv("AILIT_ADDR", "not-an-address")
	code, _, stderr := runCLI(t, "serve")
	if code != 1 || !strings.Contains(stderr, "configuration: 4 problems:") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	for _, want := range []string{
		`AILIT_ADDR="not-an-address": expected host:port`,
		`AILIT_DATA_DIR="` + file + `": is a file, not a directory`,
		`AILIT_COURSES_DIR="` + filepath.Join(dir, "kurse") + `": no such directory`,
		`AILIT_SSO_MAPPING_FILE="` + filepath.Join(dir, "mapping.yaml") + `": no such file`,
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}
