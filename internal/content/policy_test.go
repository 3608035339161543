package content

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// copyPolicy copies the shipped AI policy next to the example courses.
func copyPolicy(t *testing.T) string {
	t.Helper()
	dir := copyCourses(t)
	if err := os.CopyFS(filepath.Join(dir, "dienstanweisung-ki"), os.DirFS("../../courses/dienstanweisung-ki")); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestShippedPolicyLoadsInGermanAndEnglishBesideTheCourses(t *testing.T) {
	dir := copyPolicy(t)
	cat, report, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(report.Problems) != 0 {
		t.Fatalf("problems: %v", report.Problems)
	}
	p := cat.Policy("dienstanweisung-ki")
	if p == nil || p.Latest() == nil {
		t.Fatal("the policy did not load")
	}
	v := p.Latest()
	if v.Title("de") != "Dienstanweisung zur Nutzung von KI" || v.Title("en") != "Instruction on the use of AI" || v.Title("fr") != v.Title("de") {
		t.Errorf("titles: %q %q %q", v.Title("de"), v.Title("en"), v.Title("fr"))
	}
	if !strings.Contains(string(v.HTML["de"]), "Zu entscheiden:") || !strings.Contains(string(v.HTML["en"]), "To decide:") {
		t.Error("the marked points to decide are missing from the rendered documents")
	}
	if len(v.Hash) != 64 || cat.Course("dienstanweisung-ki") != nil || cat.Course("ki-grundlagen") == nil {
		t.Errorf("hash %q; the policy is a course: %v", v.Hash, cat.Course("dienstanweisung-ki") != nil)
	}
	if len(report.Policies) != 1 || report.Policies[0].Status != StatusPublished {
		t.Errorf("policy statuses: %+v", report.Policies)
	}
}

func TestBrokenPolicyNamesFileAndLineAndTheCoursesKeepLoading(t *testing.T) {
	tests := []struct {
		name, file, old, new, want string
	}{
		{"unknown field", "policy.yaml", "issuer:", "issuerr:", "dienstanweisung-ki/1.0.0/policy.yaml:15:1: unknown field \"issuerr\""},
		{"bad date", "policy.yaml", "effective_from: 2027-01-01", "effective_from: 1.1.2027", "dienstanweisung-ki/1.0.0/policy.yaml:16:17: effective_from \"1.1.2027\" is not a date"},
		{"unknown language", "policy.yaml", "languages: [de, en]", "languages: [de, fr]", "dienstanweisung-ki/1.0.0/policy.yaml:3:17: language \"fr\" must be one of"},
		{"raw HTML", "policy.de.md", "## 2. Erlaubte KI-Werkzeuge", "## 2. Erlaubte KI-Werkzeuge\n\n<script>x</script>", "dienstanweisung-ki/1.0.0/policy.de.md:29:1: HTML is not allowed"},
		{"wrong version", "policy.yaml", "version: 1.0.0", "version: 1.0.1", "dienstanweisung-ki/1.0.0/policy.yaml:2:10: version \"1.0.1\" must equal the folder name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyPolicy(t)
			editFile(t, dir, "dienstanweisung-ki/1.0.0/"+tt.file, tt.old, tt.new)
			cat, _, err := Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			ps := problemStrings(t, dir)
			if !slices.ContainsFunc(ps, func(p string) bool { return strings.HasPrefix(p, tt.want) }) {
				t.Fatalf("problems %q; want one starting %q", ps, tt.want)
			}
			if cat.Policy("dienstanweisung-ki") != nil || cat.Course("ki-grundlagen") == nil {
				t.Fatal("a broken policy is served, or the courses stopped loading")
			}
		})
	}
}

func TestPolicyFolderRefusesStrayFilesAndMissingLanguages(t *testing.T) {
	dir := copyPolicy(t)
	writeFile(t, dir, "dienstanweisung-ki/1.0.0/notes.txt", "x")
	if err := os.Remove(filepath.Join(dir, "dienstanweisung-ki/1.0.0/policy.en.md")); err != nil {
		t.Fatal(err)
	}
	ps := strings.Join(problemStrings(t, dir), "\n")
	for _, want := range []string{"dienstanweisung-ki/1.0.0/notes.txt:0:0: a policy folder holds only",
		"dienstanweisung-ki/1.0.0:0:0: policy.en.md is missing"} {
		if !strings.Contains(ps, want) {
			t.Errorf("problems\n%s\nlack %q", ps, want)
		}
	}
}

func TestChangedPublishedPolicyIsRefusedAndANewMajorVersionIsServed(t *testing.T) {
	dir := copyPolicy(t)
	rec := mapRecorder{}
	lib := NewLibrary(dir, rec, quietLog())
	if _, err := lib.Reload(); err != nil {
		t.Fatal(err)
	}
	if _, ok := rec["policy:dienstanweisung-ki@1.0.0"]; !ok {
		t.Fatalf("the policy's hash was not recorded under its measure key: %v", rec)
	}
	if err := copyDir(dir, "dienstanweisung-ki/1.0.0", "dienstanweisung-ki/2.0.0"); err != nil {
		t.Fatal(err)
	}
	editFile(t, dir, "dienstanweisung-ki/2.0.0/policy.yaml", "version: 1.0.0", "version: 2.0.0\nchange: major")
	editFile(t, dir, "dienstanweisung-ki/1.0.0/policy.de.md", "Zweck und Geltungsbereich", "Zweck")
	report, err := lib.Reload()
	if err != nil {
		t.Fatal(err)
	}
	p := lib.Catalog().Policy("dienstanweisung-ki")
	if p == nil || p.Version("1.0.0") != nil || p.Latest().Version != "2.0.0" || p.Latest().Change != ChangeMajor {
		t.Fatalf("served versions after the change: %+v", p)
	}
	if len(report.Problems) != 1 || !strings.HasPrefix(report.Problems[0].String(), "dienstanweisung-ki/1.0.0/policy.yaml:1:1: policy version changed after publication") {
		t.Fatalf("problems: %v", report.Problems)
	}
}

func TestValidateAndListNameThePolicyVersions(t *testing.T) {
	dir := copyPolicy(t)
	var out strings.Builder
	if code := ValidateCommand(&out, dir, false); code != 0 || out.String() != "OK: 2 versions and 1 policy versions checked, no problems.\n" {
		t.Errorf("validate: %d %q", code, out.String())
	}
	out.Reset()
	ListCommand(&out, dir)
	if !strings.Contains(out.String(), "dienstanweisung-ki") || !strings.Contains(out.String(), "published (policy)") {
		t.Errorf("list:\n%s", out.String())
	}
}
