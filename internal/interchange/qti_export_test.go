package interchange

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/quiz"
)

// keysOf is what grading depends on: type, ids and the correct answers.
func keysOf(q quiz.Question) string {
	var b strings.Builder
	b.WriteString(q.ID + " " + q.Type + " ")
	for _, o := range q.Options {
		b.WriteString(o.ID)
		if o.Correct {
			b.WriteString("*")
		}
		b.WriteString(",")
	}
	for _, it := range q.Items {
		b.WriteString(it.ID + ">")
	}
	for _, p := range q.Pairs {
		b.WriteString(p.ID + "=" + p.Answer + ";")
	}
	b.WriteString(strings.Join(q.Distractors, "|"))
	b.WriteString(strings.Join(q.Accept, "|"))
	if q.Value != nil {
		v, _ := q.NumericAnswer()
		if tf, ok := q.TrueFalseAnswer(); ok {
			b.WriteString(map[bool]string{true: "T", false: "F"}[tf])
		} else {
			b.WriteString(num(v) + "±" + num(q.Tolerance))
		}
	}
	return b.String()
}

func TestShippedQuizzesSurviveQTIRoundTripWithTheirKeys(t *testing.T) {
	for file, d := range shippedQuizzes(t) {
		pkg, err := ExportQTI(d, func(rel string) ([]byte, error) {
			return os.ReadFile(filepath.Join(filepath.Dir(file), rel))
		}, QTIExport{Identifier: "test", Title: "Test", Language: "de"})
		if err != nil {
			t.Fatalf("%s: export: %v", file, err)
		}
		imp, err := ImportQTI("paket.zip", pkg)
		if err != nil {
			t.Fatalf("%s: import: %v", file, err)
		}
		if len(imp.Skipped) > 0 || len(imp.Definition.Questions) != len(d.Questions) {
			t.Fatalf("%s: %d of %d questions came back, skipped: %v", file, len(imp.Definition.Questions), len(d.Questions), imp.Skipped)
		}
		for i, q := range d.Questions {
			got := imp.Definition.Questions[i]
			// Match answers are rendered Markdown: compare keys, with answers as the text came back.
			want := q
			want.Pairs = nil
			gotKeys := got
			gotKeys.Pairs = nil
			want.Distractors, gotKeys.Distractors = nil, nil
			if keysOf(want) != keysOf(gotKeys) || len(q.Pairs) != len(got.Pairs) {
				t.Errorf("%s: question %s changed its keys:\nwant %s\ngot  %s", file, q.ID, keysOf(want), keysOf(gotKeys))
			}
			for j := range q.Pairs {
				if q.Pairs[j].ID != got.Pairs[j].ID {
					t.Errorf("%s: question %s pair %d: id %q came back as %q", file, q.ID, j, q.Pairs[j].ID, got.Pairs[j].ID)
				}
			}
			if got.MaxPoints() != q.MaxPoints() {
				t.Errorf("%s: question %s points %v came back as %v", file, q.ID, q.MaxPoints(), got.MaxPoints())
			}
			if q.Explanation != "" && got.Explanation == "" {
				t.Errorf("%s: question %s lost its explanation", file, q.ID)
			}
		}
		mustValidate(t, imp)
	}
}
