package workspace

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/ailit/ailit/internal/content"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files of testdata/yaml")

// golden compares got with testdata/yaml/name (rewritten with -update).
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "yaml", name)
	if *updateGolden {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs:\n%s", name, got)
	}
}

func readTestYAML(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "yaml", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestWriteManifestWithoutChangesKeepsEveryByte(t *testing.T) {
	current := readTestYAML(t, "course.yaml")
	m, ps := content.ParseManifest("course.yaml", current)
	if m == nil {
		t.Fatal(ps)
	}
	data, _, err := WriteManifest(current, FieldsOf(m))
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != string(current) {
		t.Errorf("unchanged form rewrote the file:\n%s", data)
	}
}

func TestWriteManifestChangesOnlyTheEditedValueAndKeepsComments(t *testing.T) {
	current := readTestYAML(t, "course.yaml")
	m, _ := content.ParseManifest("course.yaml", current)
	f := FieldsOf(m)
	f.Title = "KI-Grundlagen für die Verwaltung"
	data, lines, err := WriteManifest(current, f)
	if err != nil {
		t.Fatal(err)
	}
	// course.title-edited.yaml is course.yaml with only the title line changed (see `diff`).
	golden(t, "course.title-edited.yaml", data)
	if got := lines.At(8); got != "title" {
		t.Errorf("line 8 belongs to %q, want title", got)
	}
	if got := lines.At(21); got != "" {
		t.Errorf("line 21 (license) belongs to %q, want none", got)
	}
}

func TestWriteManifestAddsAndRemovesKeysInPlace(t *testing.T) {
	current := readTestYAML(t, "course.yaml")
	m, _ := content.ParseManifest("course.yaml", current)
	f := FieldsOf(m)
	f.Objectives = nil
	f.Competences = []string{"KA-GRUND"}
	data, _, err := WriteManifest(current, f)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "course.objectives-removed.yaml", data)
	got, ps := content.ParseManifest("course.yaml", data)
	if got == nil || len(got.Objectives) != 0 || len(got.Competences) != 1 {
		t.Errorf("manifest %+v %v", got, ps)
	}
}

func TestWriteQuizWithoutChangesKeepsEveryByte(t *testing.T) {
	current := readTestYAML(t, "quiz.yaml")
	d, ps := content.ParseQuiz("quiz.yaml", current)
	if d == nil {
		t.Fatal(ps)
	}
	data, _ := WriteQuiz(current, *d)
	if string(data) != string(current) {
		t.Errorf("unchanged quiz rewrote the file:\n%s", data)
	}
}

func TestWriteQuizMovesQuestionsWithTheirCommentsAndRewritesOnlyTheEditedOne(t *testing.T) {
	current := readTestYAML(t, "quiz.yaml")
	d, _ := content.ParseQuiz("quiz.yaml", current)
	d.PassPercent = 70
	d.Questions[1].Text = "Welche Anwendungen nutzen KI?"
	d.Questions = append(d.Questions[2:], d.Questions[:2]...) // ki-fehlerfrei first
	data, lines := WriteQuiz(current, *d)
	golden(t, "quiz.edited.yaml", data)
	after, ps := content.ParseQuiz("quiz.yaml", data)
	if after == nil || len(ps) > 0 {
		t.Fatalf("%v\n%s", ps, data)
	}
	if after.Questions[0].ID != "ki-fehlerfrei" || after.Questions[2].Text != "Welche Anwendungen nutzen KI?" || after.PassPercent != 70 {
		t.Errorf("quiz after writing: %+v", after)
	}
	if got := lines.At(14); got != "q0" {
		t.Errorf("line 14 belongs to %q, want q0", got)
	}
}
