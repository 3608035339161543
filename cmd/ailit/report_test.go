package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestReportExportWritesAPlainCSVAndAnIntegrityFileThatVerifyChecks(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("AILIT_DATA_DIR", dir)
	t.Setenv("AILIT_COURSES_DIR", "../../courses")
	if code, _, stderr := runCLI(t, "demo", "seed", "--users", "30", "--units", "4"); code != 0 {
		t.Fatalf("demo seed: %s", stderr)
	}
	out := filepath.Join(dir, "bericht.csv")
	code, stdout, stderr := runCLI(t, "report", "export", "--format", "csv", "--out", out)
	if code != 0 || !strings.Contains(stdout, "bericht.csv.integrity.json") {
		t.Fatalf("export: exit %d\n%s\n%s", code, stdout, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
	r.Comma = ';'
	records, err := r.ReadAll()
	if err != nil {
		t.Fatalf("a standard CSV reader cannot read the export: %v", err)
	}
	if records[0][0] != "Pseudonym" || records[0][2] != "Name" || len(records) < 2 {
		t.Fatalf("line 1 is not the header, or no records: %q", records[0])
	}
	if !strings.Contains(stdout, ": "+itoa(len(records)-1)+" rows") {
		t.Errorf("the command counts other rows than the file has (%d): %s", len(records)-1, stdout)
	}

	named := filepath.Join(dir, "recht.csv")
	if code, _, stderr := runCLI(t, "report", "export", "--out", named, "--area", "Recht und Regeln"); code != 0 {
		t.Errorf("--area by name: exit %d %s", code, stderr)
	} else if data, _ := os.ReadFile(named); bytes.Contains(data, []byte("KA-")) || !bytes.Contains(data, []byte("Recht und Regeln")) {
		t.Errorf("the competence areas are not named in words: %.300s", data)
	}
	if code, _, stderr := runCLI(t, "report", "export", "--out", named, "--area", "Astrologie"); code != 1 || !strings.Contains(stderr, `no competence area "Astrologie" (codes: KA-GRUND`) {
		t.Errorf("unknown area: exit %d %q", code, stderr)
	}

	code, stdout, _ = runCLI(t, "report", "verify", out)
	if code != 0 || !strings.HasPrefix(stdout, "OK") {
		t.Fatalf("untouched pair: exit %d %q", code, stdout)
	}
	changed := bytes.Replace(data, []byte(records[1][2]), []byte("="+records[1][2][1:]), 1)
	if err := os.WriteFile(out, changed, 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ = runCLI(t, "report", "verify", out)
	if code != 1 || !strings.Contains(stdout, "NOT OK") || !strings.Contains(stdout, "not the file the integrity file describes") {
		t.Fatalf("changed CSV: exit %d %q", code, stdout)
	}
	os.Remove(out + ".integrity.json")
	code, stdout, _ = runCLI(t, "report", "verify", out)
	if code != 1 || !strings.Contains(stdout, "bericht.csv.integrity.json cannot be read") {
		t.Fatalf("CSV without its integrity file: exit %d %q", code, stdout)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
