package quiz

import (
	"math"
	"os"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/parser"
)

// loadDefinition decodes a quiz.yaml from testdata the way the course loader does.
func loadDefinition(t testing.TB, name string) Definition {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var d Definition
	if err := yaml.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	return d
}

func TestProblemsAcceptsEveryQuestionTypeOfTheSpec(t *testing.T) {
	d := loadDefinition(t, "all-types.yaml")
	if got := d.Problems(); len(got) != 0 {
		t.Fatalf("valid quiz reported problems: %v", got)
	}
	if len(d.Questions) != 7 {
		t.Fatalf("decoded %d questions, want 7", len(d.Questions))
	}
}

func TestProblemsReportsEachRule(t *testing.T) {
	tests := []struct {
		name        string
		change      func(d *Definition)
		wantPath    string
		wantMessage string
	}{
		{"pass percent zero", func(d *Definition) { d.PassPercent = 0 }, "$.pass_percent", "from 1 to 100"},
		{"pass percent above 100", func(d *Definition) { d.PassPercent = 101 }, "$.pass_percent", "not 101"},
		{"negative attempts", func(d *Definition) { d.Attempts = -1 }, "$.attempts", "0 (unlimited) or more"},
		{"negative wait", func(d *Definition) { d.WaitMinutes = -5 }, "$.wait_minutes", "0 (no waiting)"},
		{"negative time limit", func(d *Definition) { d.TimeLimitMinutes = -1 }, "$.time_limit_minutes", "0 (no limit)"},
		{"negative draw", func(d *Definition) { d.Draw = -1 }, "$.draw", "0 (all questions)"},
		{"draw larger than pool", func(d *Definition) { d.Draw = 8 }, "$.draw", "draw is 8, but the quiz has only 7 questions"},
		{"no questions", func(d *Definition) { d.Questions = nil }, "$.questions", "nobody can reach the pass mark"},
		{"unknown review show", func(d *Definition) { d.Review.Show = []string{"feedback", "solution"} }, "$.review.show[1]", `"solution"`},
		{"review show twice", func(d *Definition) { d.Review.Show = []string{"feedback", "feedback"} }, "$.review.show[1]", "twice"},
		{"unknown review when", func(d *Definition) { d.Review.When = "later" }, "$.review.when", `"later"`},
		{"missing question id", func(d *Definition) { d.Questions[2].ID = "" }, "$.questions[2].id", "has no id"},
		{"question id with capitals", func(d *Definition) { d.Questions[2].ID = "Art4" }, "$.questions[2].id", "lowercase"},
		{"duplicate question id", func(d *Definition) { d.Questions[3].ID = "risiken" }, "$.questions[3].id", "already used by question 2"},
		{"missing type", func(d *Definition) { d.Questions[0].Type = "" }, "$.questions[0].type", "no type"},
		{"unknown type", func(d *Definition) { d.Questions[0].Type = "essay" }, "$.questions[0].type", `unknown question type "essay"`},
		{"empty question text", func(d *Definition) { d.Questions[0].Text = "  " }, "$.questions[0].text", "no text"},
		{"negative points", func(d *Definition) { d.Questions[0].Points = -1 }, "$.questions[0].points", "positive"},
		{"infinite points", func(d *Definition) { d.Questions[0].Points = math.Inf(1) }, "$.questions[0].points", "positive"},
		{"single with one option", func(d *Definition) { d.Questions[0].Options = d.Questions[0].Options[:1] }, "$.questions[0].options", "at least 2 options"},
		{"single with two correct", func(d *Definition) { d.Questions[0].Options[1].Correct = true }, "$.questions[0].options", "exactly one option with correct: true, it has 2"},
		{"single with none correct", func(d *Definition) { d.Questions[0].Options[0].Correct = false }, "$.questions[0].options", "it has 0"},
		{"multiple with none correct", func(d *Definition) {
			for i := range d.Questions[1].Options {
				d.Questions[1].Options[i].Correct = false
			}
		}, "$.questions[1].options", "at least one option with correct: true"},
		{"option without id", func(d *Definition) { d.Questions[1].Options[2].ID = "" }, "$.questions[1].options[2].id", "option has no id"},
		{"option id not plain", func(d *Definition) { d.Questions[1].Options[2].ID = "c d" }, "$.questions[1].options[2].id", "lowercase"},
		{"duplicate option id", func(d *Definition) { d.Questions[1].Options[3].ID = "a" }, "$.questions[1].options[3].id", `option id "a" is used twice`},
		{"option without text", func(d *Definition) { d.Questions[1].Options[3].Text = "" }, "$.questions[1].options[3].text", `option "d" has no text`},
		{"truefalse without answer", func(d *Definition) { d.Questions[2].Value = nil }, "$.questions[2].answer", "answer: true or answer: false"},
		{"truefalse with quoted answer", func(d *Definition) { d.Questions[2].Value = "true" }, "$.questions[2].answer", "without quotes"},
		{"order with one item", func(d *Definition) { d.Questions[3].Items = d.Questions[3].Items[:1] }, "$.questions[3].items", "at least 2 items"},
		{"duplicate item id", func(d *Definition) { d.Questions[3].Items[2].ID = "bedarf" }, "$.questions[3].items[2].id", "used twice"},
		{"item without text", func(d *Definition) { d.Questions[3].Items[1].Text = "" }, "$.questions[3].items[1].text", `item "test" has no text`},
		{"match with one pair", func(d *Definition) { d.Questions[4].Pairs = d.Questions[4].Pairs[:1] }, "$.questions[4].pairs", "at least 2 pairs"},
		{"duplicate pair id", func(d *Definition) { d.Questions[4].Pairs[1].ID = "social" }, "$.questions[4].pairs[1].id", "used twice"},
		{"duplicate prompt", func(d *Definition) { d.Questions[4].Pairs[2].Prompt = "Bewerberauswahl " }, "$.questions[4].pairs[2].prompt", "appears twice"},
		{"pair without answer", func(d *Definition) { d.Questions[4].Pairs[0].Answer = "" }, "$.questions[4].pairs[0].answer", "no answer"},
		{"distractor equal to an answer", func(d *Definition) { d.Questions[4].Distractors = []string{"Verboten"} }, "$.questions[4].distractors[0]", "already an answer"},
		{"empty distractor", func(d *Definition) { d.Questions[4].Distractors = []string{" "} }, "$.questions[4].distractors[0]", "empty"},
		{"numeric without answer", func(d *Definition) { d.Questions[5].Value = nil }, "$.questions[5].answer", "needs an answer"},
		{"numeric answer as text", func(d *Definition) { d.Questions[5].Value = "3,5" }, "$.questions[5].answer", "must be a number"},
		{"numeric answer not finite", func(d *Definition) { d.Questions[5].Value = math.NaN() }, "$.questions[5].answer", "finite"},
		{"negative tolerance", func(d *Definition) { d.Questions[5].Tolerance = -0.1 }, "$.questions[5].tolerance", "0 or a positive number"},
		{"infinite tolerance", func(d *Definition) { d.Questions[5].Tolerance = math.Inf(1) }, "$.questions[5].tolerance", "0 or a positive number"},
		{"text without accepted answers", func(d *Definition) { d.Questions[6].Accept = nil }, "$.questions[6].accept", "at least one accepted answer"},
		{"empty accepted answer", func(d *Definition) { d.Questions[6].Accept = []string{"AI Act", "  "} }, "$.questions[6].accept[1]", "empty"},
		{"options on numeric", func(d *Definition) { d.Questions[5].Options = []Option{{ID: "a", Text: "7"}} }, "$.questions[5].options", "options does not belong to a numeric question"},
		{"answer on single", func(d *Definition) { d.Questions[0].Value = true }, "$.questions[0].answer", "answer does not belong to a single question"},
		{"unit on text", func(d *Definition) { d.Questions[6].Unit = "%" }, "$.questions[6].unit", "unit does not belong"},
		{"case_sensitive on match", func(d *Definition) { d.Questions[4].CaseSensitive = true }, "$.questions[4].case_sensitive", "case_sensitive does not belong"},
		{"feedback_true on order", func(d *Definition) { d.Questions[3].FeedbackTrue = "Ja" }, "$.questions[3].feedback_true", "feedback_true does not belong"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := loadDefinition(t, "all-types.yaml")
			tt.change(&d)
			got := d.Problems()
			for _, p := range got {
				if p.Path == tt.wantPath && strings.Contains(p.Message, tt.wantMessage) {
					return
				}
			}
			t.Errorf("want a problem at %s containing %q, got %v", tt.wantPath, tt.wantMessage, got)
		})
	}
}

func TestProblemPathsPointAtTheNodeInTheFile(t *testing.T) {
	src := `pass_percent: 80
draw: 3
questions:
  - id: a
    type: single
    text: Frage
    options:
      - {id: x, text: Eins, correct: true}
      - {id: x, text: Zwei}
  - id: b
    type: numeric
    text: Zahl
    answer: 3
    options:
      - {id: y, text: Drei}
`
	var d Definition
	if err := yaml.Unmarshal([]byte(src), &d); err != nil {
		t.Fatal(err)
	}
	file, err := parser.ParseBytes([]byte(src), 0)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{ // path → line in src
		"$.draw":                       2,
		"$.questions[0].options[1].id": 9,
		"$.questions[1].options":       15,
	}
	got := d.Problems()
	if len(got) != len(want) {
		t.Fatalf("got %d problems, want %d: %v", len(got), len(want), got)
	}
	for _, p := range got {
		line, ok := want[p.Path]
		if !ok {
			t.Errorf("unexpected problem %v", p)
			continue
		}
		path, err := yaml.PathString(p.Path)
		if err != nil {
			t.Fatalf("%s is not a goccy path: %v", p.Path, err)
		}
		node, err := path.FilterFile(file)
		if err != nil {
			t.Fatalf("%s does not resolve: %v", p.Path, err)
		}
		if node.GetToken().Position.Line != line {
			t.Errorf("%s points at line %d, want %d", p.Path, node.GetToken().Position.Line, line)
		}
	}
}

func TestParentPath(t *testing.T) {
	tests := map[string]string{
		"$.questions[2].options[1].id": "$.questions[2].options[1]",
		"$.questions[2].options[1]":    "$.questions[2].options",
		"$.questions[2]":               "$.questions",
		"$.draw":                       "$",
		"$":                            "$",
	}
	for in, want := range tests {
		if got := ParentPath(in); got != want {
			t.Errorf("ParentPath(%q) = %q, want %q", in, got, want)
		}
	}
}
