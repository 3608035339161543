package workspace

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/content"
)

func TestWriteQuizKeepsEveryQuestionTheSame(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "content", "testdata", "courses", "ki-grundlagen", "1.1.0", "modules", "01-was-ist-ki", "quiz.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	before, ps := content.ParseQuiz("quiz.yaml", data)
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	written, lines := WriteQuiz(nil, *before)
	after, ps := content.ParseQuiz("quiz.yaml", written)
	if len(ps) > 0 {
		t.Fatalf("%v\n%s", ps, written)
	}
	if len(after.Questions) != len(before.Questions) {
		t.Fatalf("%d questions, want %d", len(after.Questions), len(before.Questions))
	}
	for i := range before.Questions {
		if before.Questions[i].Hash() != after.Questions[i].Hash() {
			t.Errorf("question %s changed:\n%s", before.Questions[i].ID, written)
		}
	}
	if !reflect.DeepEqual(before.Review, after.Review) || before.PassPercent != after.PassPercent {
		t.Error("settings changed")
	}
	second := strings.Index(string(written), "- id: beispiele-ki")
	line := strings.Count(string(written[:second]), "\n") + 1
	if got := lines.At(line + 1); got != "q1" {
		t.Errorf("line %d belongs to %q, want q1", line+1, got)
	}
}

func TestWriteManifestKeepsOtherFieldsAndMapsLinesToFields(t *testing.T) {
	current, err := os.ReadFile(filepath.Join("..", "content", "testdata", "courses", "ki-grundlagen", "1.1.0", "course.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	m, _ := content.ParseManifest("course.yaml", current)
	f := FieldsOf(m)
	f.Title = "KI: Grundlagen für alle"
	f.Objectives = append(f.Objectives, "Sie kennen #Hashtags & \"Zitate\".")
	data, lines, err := WriteManifest(current, f)
	if err != nil {
		t.Fatal(err)
	}
	got, ps := content.ParseManifest("course.yaml", data)
	if len(ps) > 0 {
		t.Fatalf("%v\n%s", ps, data)
	}
	if got.Title != f.Title || got.Objectives[2] != f.Objectives[2] || got.Authors[0].Organisation != "Stadt Jena" ||
		got.Completion.Quizzes.IDs[0] != "was-ist-ki" || got.Version != "1.1.0" || got.Change != "minor" {
		t.Errorf("manifest after writing: %+v\n%s", got, data)
	}
	titleLine := strings.Count(string(data[:strings.Index(string(data), "title:")]), "\n") + 1
	if lines.At(titleLine) != "title" {
		t.Errorf("line %d belongs to %q", titleLine, lines.At(titleLine))
	}
}
