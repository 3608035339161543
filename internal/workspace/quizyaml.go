package workspace

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/quiz"
)

// WriteQuiz returns quiz.yaml for the definition d. With current (the file as it is) readable, only
// what changed is rewritten: a setting or question that is the same keeps its bytes and comments,
// questions are moved as whole blocks. A missing or unreadable file is written anew in the order of
// docs/course-format.md. FieldLines names settings by their YAML key and questions as "q0", "q1", …
// in list order.
func WriteQuiz(current []byte, d quiz.Definition) ([]byte, FieldLines) {
	data := editQuiz(current, d)
	if data == nil {
		data = renderQuiz(d)
	}
	return data, fieldLinesOf(data, func(key string) string {
		if key == "questions" {
			return ""
		}
		return key
	}, "questions", func(i int) string { return fmt.Sprintf("q%d", i) })
}

// editQuiz applies d to the file current in place, or returns nil when current cannot be edited.
func editQuiz(current []byte, d quiz.Definition) []byte {
	if current == nil {
		return nil
	}
	old, ps := content.ParseQuiz("quiz.yaml", current)
	y, err := parseYAMLFile(current)
	if old == nil || len(ps) > 0 || err != nil || !y.has("questions") {
		return nil
	}
	after := ""
	for _, s := range quizSettings(d) {
		if oldValue := settingValue(*old, s.key); oldValue != s.value || !y.has(s.key) {
			y.set(s.key, s.key+": "+s.value+"\n", after)
		}
		after = s.key
	}
	if !slices.Equal(old.Review.Show, d.Review.Show) || old.Review.When != d.Review.When {
		if block := reviewBlock(d.Review); block == "" {
			y.remove("review")
		} else {
			y.set("review", block, "shuffle")
		}
	}
	if block, changed := questionsBlock(y, old.Questions, d.Questions); changed {
		y.set("questions", block, "review")
	}
	return y.bytes()
}

type quizSetting struct{ key, value string }

func quizSettings(d quiz.Definition) []quizSetting {
	return []quizSetting{{"pass_percent", strconv.Itoa(d.PassPercent)}, {"attempts", strconv.Itoa(d.Attempts)},
		{"wait_minutes", strconv.Itoa(d.WaitMinutes)}, {"time_limit_minutes", strconv.Itoa(d.TimeLimitMinutes)},
		{"draw", strconv.Itoa(d.Draw)}, {"shuffle", strconv.FormatBool(d.Shuffle)}}
}

func settingValue(d quiz.Definition, key string) string {
	for _, s := range quizSettings(d) {
		if s.key == key {
			return s.value
		}
	}
	return ""
}

func reviewBlock(r quiz.Review) string {
	if len(r.Show) == 0 && r.When == "" {
		return ""
	}
	var o yamlOut
	o.b.WriteString("review:\n")
	o.flow(2, "show", r.Show)
	if r.When != "" {
		o.kv(2, "when", scalar(r.When))
	}
	return o.b.String()
}

// questionsBlock writes the "questions:" list for the new questions: a question equal to one of
// the file (same id, same content) is copied with its lines and comments, others are written anew.
func questionsBlock(y *yamlFile, old, questions []quiz.Question) (string, bool) {
	k := y.key("questions")
	items := listItems(y.lines, k.line, k.end)
	if len(items) != len(old) {
		items = nil // a list the parser read differently: write every question anew
	}
	indent := listIndent(y.lines, items, 2)
	kept := map[string][]string{}  // id and hash → the question's lines
	heads := map[string][]string{} // id → the comments above the question
	for i, it := range items {
		kept[old[i].ID+"\x00"+old[i].Hash()] = y.lines[it.start:it.end]
		heads[old[i].ID] = y.lines[it.start:it.dash]
	}
	changed := len(old) != len(questions)
	header := y.lines[k.line]
	if len(items) == 0 {
		header = "questions:" // was "questions: []" or unreadable as a list
	}
	var b strings.Builder
	b.WriteString(header + "\n")
	for i, q := range questions {
		changed = changed || i >= len(old) || old[i].ID != q.ID || old[i].Hash() != q.Hash()
		if lines, ok := kept[q.ID+"\x00"+q.Hash()]; ok {
			b.WriteString(strings.Join(lines, "\n") + "\n")
			continue
		}
		for _, l := range heads[q.ID] {
			b.WriteString(l + "\n")
		}
		var o yamlOut
		writeQuestion(&o, indent, q)
		b.WriteString(o.b.String())
	}
	if len(questions) == 0 {
		b.Reset()
		b.WriteString("questions: []\n")
	}
	return b.String(), changed
}

// renderQuiz writes a whole quiz.yaml in the order of docs/course-format.md, leaving out empty
// optional fields.
func renderQuiz(d quiz.Definition) []byte {
	var o yamlOut
	for _, s := range quizSettings(d) {
		o.kv(0, s.key, s.value)
	}
	o.b.WriteString(reviewBlock(d.Review))
	o.b.WriteString("questions:\n")
	for _, q := range d.Questions {
		writeQuestion(&o, 2, q)
	}
	return o.bytes()
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

// FormatNumber writes a number as quiz.yaml does: 2.5, 10, 0.001.
func FormatNumber(f float64) string { return formatNumber(f) }
