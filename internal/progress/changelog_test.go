package progress

import (
	"os"
	"slices"
	"testing"
)

const changelog = `# Änderungen

## 1.2.0 (2027-03-01)
- Neues Modul „KI im Jobcenter“.

## 1.1.1 (2026-12-01)
- Tippfehler behoben.

## 1.1.0 (2026-11-15)
- Neues Modul „KI im Bürgerbüro“.

## 1.0.0 (2026-11-01)
- Erste Fassung.
`

func versionsOf(es []ChangelogEntry) []string {
	var vs []string
	for _, e := range es {
		vs = append(vs, e.Version)
	}
	return vs
}

func TestChangesSinceListsNewerSectionsNewestFirst(t *testing.T) {
	tests := []struct {
		since string
		want  []string
	}{
		{"1.0.0", []string{"1.2.0", "1.1.1", "1.1.0"}},
		{"1.1.1", []string{"1.2.0"}},
		{"1.2.0", nil},
		{"0.9.0", []string{"1.2.0", "1.1.1", "1.1.0", "1.0.0"}},
	}
	for _, tt := range tests {
		if got := versionsOf(ChangesSince(changelog, tt.since)); !slices.Equal(got, tt.want) {
			t.Errorf("since %s: %v, want %v", tt.since, got, tt.want)
		}
	}
}

func TestParseChangelogKeepsHeadingAndBody(t *testing.T) {
	es := ParseChangelog(changelog)
	if len(es) != 4 || es[1].Heading != "1.1.1 (2026-12-01)" || es[1].Body != "- Tippfehler behoben." {
		t.Fatalf("entries %+v", es)
	}
}

func TestChangesSinceReadsTheExampleCourse(t *testing.T) {
	b, err := os.ReadFile("../content/testdata/courses/ki-grundlagen/1.1.0/CHANGELOG.md")
	if err != nil {
		t.Fatal(err)
	}
	es := ChangesSince(string(b), "1.0.0")
	if len(es) != 1 || es[0].Version != "1.1.0" || es[0].Body == "" {
		t.Fatalf("entries %+v", es)
	}
}
