package content

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/goccy/go-yaml"

	"github.com/ailit/ailit/internal/quiz"
)

// decodeYAML parses each file once and decodes from the syntax tree. Each case must give the same
// value and the same problem (file:line:col and message) as goccy's Unmarshal of the same bytes.
func TestDecodeYAMLMatchesUnmarshal(t *testing.T) {
	const path = "c/1.0.0/modules/01-a/quiz.yaml"
	inputs := []string{
		"pass_percent: 80\nquestions:\n  - id: a\n    type: truefalse\n    text: Stimmt das?\n    answer: true\n",
		"pass_percent: 80\nquestions:\n  - id: a\n    type: single\n    text: >\n      Ein langer\n      Text\n    options: [{id: a, text: b, correct: true}]\n",
		"pass_percent: achtzig\nquestions: []\n",                      // a type error
		"pass_percent: 80\nquestions:\n  - id: a\n    tpye: single\n", // an unknown field
		"pass_percent: 80\npass_percent: 90\n",                        // a duplicate key
		"pass_percent: 80\nquestions: [a, b\n",                        // a syntax error
		"pass_percent: 80\n  questions: []\n",                         // bad indentation
		"",                                                            // an empty file
		"# only a comment\n",                                          // no document
		"---\n---\npass_percent: 70\n",                                // an empty first document
		"pass_percent: 60\n---\npass_percent: 70\n",                   // two documents: the first counts
		"base: &b {id: a, type: truefalse, text: x, answer: true}\npass_percent: 80\nquestions: [*b]\n",
		"questions: !!map [a]\n",
	}
	for i, in := range inputs {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			var got quiz.Definition
			_, gotPs := decodeYAML(path, []byte(in), 0, &got)
			var want quiz.Definition
			var wantPs []Problem
			if err := yaml.UnmarshalWithOptions([]byte(in), &want, yaml.Strict(), yaml.DisallowUnknownField()); err != nil {
				wantPs = []Problem{yamlErrorProblem(path, 0, err)}
			}
			if len(wantPs) > 0 || len(gotPs) > 0 {
				if !reflect.DeepEqual(gotPs, wantPs) {
					t.Fatalf("problems %v, Unmarshal gives %v", gotPs, wantPs)
				}
				return
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("decoded %+v, Unmarshal gives %+v", got, want)
			}
		})
	}
}

// A syntax error in a quiz still names the file, line and column.
func TestQuizSyntaxErrorHasPosition(t *testing.T) {
	_, ps := ParseQuiz("c/1.0.0/modules/01-a/quiz.yaml", []byte("pass_percent: 80\nquestions:\n  - id: a\n    options: [{id: x, text: y}\n"))
	if len(ps) != 1 || ps[0].String() != "c/1.0.0/modules/01-a/quiz.yaml:4:14: sequence end token ']' not found" {
		t.Fatalf("problems %v", ps)
	}
}
