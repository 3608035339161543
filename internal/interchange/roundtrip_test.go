package interchange

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/quiz"
)

// shippedQuizzes returns every quiz.yaml of the shipped courses, parsed by ailit's own loader.
func shippedQuizzes(t *testing.T) map[string]*quiz.Definition {
	t.Helper()
	files, err := filepath.Glob("../../courses/*/*/modules/*/quiz.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no shipped quizzes found: %v", err)
	}
	out := map[string]*quiz.Definition{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, ps := content.ParseQuiz(f, data)
		if len(ps) > 0 {
			t.Fatalf("%s does not validate: %v", f, ps)
		}
		out[f] = d
	}
	return out
}

// sameQuestions compares what a round trip must keep: ids, types, texts, options with their keys,
// items in order, pairs, numbers and accepted answers. Quiz settings are not part of a question bank.
func sameQuestions(t *testing.T, name string, want, got []quiz.Question) {
	t.Helper()
	if len(want) != len(got) {
		t.Fatalf("%s: %d questions came back, want %d", name, len(got), len(want))
	}
	for i := range want {
		w, g := want[i], got[i]
		if w.Points == 1 {
			w.Points = 0
		}
		if tf, ok := w.Value.(bool); ok {
			w.Value = tf
		} else if n, ok := w.NumericAnswer(); ok {
			w.Value = n
		}
		if !reflect.DeepEqual(w, g) {
			t.Errorf("%s question %d (%s) changed in the round trip:\nwant %#v\ngot  %#v", name, i, w.ID, w, g)
		}
	}
}

func TestShippedQuizzesSurviveMoodleXMLRoundTrip(t *testing.T) {
	for file, d := range shippedQuizzes(t) {
		data, err := ExportMoodleXML(d, func(rel string) ([]byte, error) {
			return os.ReadFile(filepath.Join(filepath.Dir(file), rel))
		})
		if err != nil {
			t.Fatalf("%s: export: %v", file, err)
		}
		imp, err := ImportMoodleXML("export.xml", data)
		if err != nil {
			t.Fatalf("%s: import: %v", file, err)
		}
		if len(imp.Skipped) > 0 {
			t.Fatalf("%s: questions were skipped on import: %v", file, imp.Skipped)
		}
		sameQuestions(t, file, d.Questions, imp.Definition.Questions)
		if _, err := QuizYAML(imp.Definition); err != nil {
			t.Errorf("%s: the re-imported quiz does not validate: %v", file, err)
		}
	}
}
