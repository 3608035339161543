package workspace

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/ailit/ailit/internal/quiz"
)

// WriteQuiz writes a quiz definition as readable quiz.yaml in the order of docs/course-format.md,
// leaving out empty optional fields. FieldLines names settings by their YAML key and questions as
// "q0", "q1", … in list order.
func WriteQuiz(d quiz.Definition) ([]byte, FieldLines) {
	var o yamlOut
	for _, s := range []struct {
		key   string
		value int
	}{{"pass_percent", d.PassPercent}, {"attempts", d.Attempts}, {"wait_minutes", d.WaitMinutes},
		{"time_limit_minutes", d.TimeLimitMinutes}, {"draw", d.Draw}} {
		o.mark(s.key)
		o.kv(0, s.key, strconv.Itoa(s.value))
	}
	o.mark("shuffle")
	o.kv(0, "shuffle", strconv.FormatBool(d.Shuffle))
	o.mark("review")
	if len(d.Review.Show) > 0 || d.Review.When != "" {
		o.b.WriteString("review:\n")
		o.flow(2, "show", d.Review.Show)
		if d.Review.When != "" {
			o.kv(2, "when", scalar(d.Review.When))
		}
	}
	o.b.WriteString("questions:\n")
	for i, q := range d.Questions {
		o.mark(fmt.Sprintf("q%d", i))
		writeQuestion(&o, 2, q)
	}
	return o.bytes(), FieldLines(o.marks)
}

// writeQuestion writes one question as a list item at indent ("- id: …").
func writeQuestion(o *yamlOut, indent int, q quiz.Question) {
	in := indent + 2
	o.kv(indent, "- id", scalar(q.ID))
	o.kv(in, "type", scalar(q.Type))
	if q.Points != 0 {
		o.kv(in, "points", formatNumber(q.Points))
	}
	o.text(in, "text", q.Text)
	if len(q.Options) > 0 {
		o.b.WriteString(strings.Repeat(" ", in) + "options:\n")
		for _, opt := range q.Options {
			o.kv(in+2, "- id", scalar(opt.ID))
			o.text(in+4, "text", opt.Text)
			if opt.Correct {
				o.kv(in+4, "correct", "true")
			}
			if opt.Feedback != "" {
				o.text(in+4, "feedback", opt.Feedback)
			}
		}
	}
	switch v := q.Value.(type) {
	case bool:
		o.kv(in, "answer", strconv.FormatBool(v))
	case nil:
	default:
		if n, ok := q.NumericAnswer(); ok {
			o.kv(in, "answer", formatNumber(n))
		}
	}
	if q.Tolerance != 0 {
		o.kv(in, "tolerance", formatNumber(q.Tolerance))
	}
	if q.Unit != "" {
		o.text(in, "unit", q.Unit)
	}
	if q.FeedbackTrue != "" {
		o.text(in, "feedback_true", q.FeedbackTrue)
	}
	if q.FeedbackFalse != "" {
		o.text(in, "feedback_false", q.FeedbackFalse)
	}
	if len(q.Items) > 0 {
		o.b.WriteString(strings.Repeat(" ", in) + "items:\n")
		for _, it := range q.Items {
			o.kv(in+2, "- id", scalar(it.ID))
			o.text(in+4, "text", it.Text)
		}
	}
	if len(q.Pairs) > 0 {
		o.b.WriteString(strings.Repeat(" ", in) + "pairs:\n")
		for _, p := range q.Pairs {
			o.kv(in+2, "- id", scalar(p.ID))
			o.text(in+4, "prompt", p.Prompt)
			o.text(in+4, "answer", p.Answer)
		}
	}
	if len(q.Distractors) > 0 {
		o.list(in, "distractors", q.Distractors)
	}
	if len(q.Accept) > 0 {
		o.list(in, "accept", q.Accept)
	}
	if q.CaseSensitive {
		o.kv(in, "case_sensitive", "true")
	}
	if q.Explanation != "" {
		o.text(in, "explanation", q.Explanation)
	}
}

func formatNumber(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// QuestionYAML writes one question as a YAML mapping, for editing types without a structured form.
func QuestionYAML(q quiz.Question) string {
	var o yamlOut
	writeQuestion(&o, 0, q)
	lines := strings.Split(strings.TrimRight(o.b.String(), "\n"), "\n")
	for i, l := range lines {
		if i == 0 {
			lines[i] = strings.TrimPrefix(l, "- ")
		} else {
			lines[i] = strings.TrimPrefix(l, "  ")
		}
	}
	return strings.Join(lines, "\n") + "\n"
}

// ParseQuestionYAML reads a question written as a YAML mapping; unknown fields are errors.
func ParseQuestionYAML(s string) (quiz.Question, error) {
	var q quiz.Question
	err := func() (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("the YAML cannot be read (%v)", r)
			}
		}()
		return yaml.UnmarshalWithOptions([]byte(s), &q, yaml.Strict(), yaml.DisallowUnknownField())
	}()
	if err != nil {
		return quiz.Question{}, fmt.Errorf("%s", yaml.FormatError(err, false, false))
	}
	return q, nil
}
