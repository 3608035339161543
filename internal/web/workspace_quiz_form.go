package web

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/quiz"
)

// The quiz editor form. Field names: pass_percent …, review_show, review_when; per question
// q0_id, q0_type, q0_text, q0_points, q0_explanation; truefalse q0_answer, q0_feedback_true/false;
// single and multiple q0_on and q0_o1_id/text/correct/feedback; order q0_in and q0_i1_id/text;
// match q0_pn, q0_p1_id/prompt/answer and q0_distractors; numeric q0_number, q0_tolerance,
// q0_unit; text q0_accept and q0_case_sensitive. qn is the number of questions.

var quizID = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// quizForm reads the editor form and checks what the form itself can tell (numbers, required
// texts, ids); the validator checks the rest on save. Messages are keyed by field name.
type quizForm struct {
	c    *fiber.Ctx
	l    string
	errs map[string]string
}

func (f *quizForm) value(key string) string { return f.c.FormValue(key) }

func (f *quizForm) trimmed(key string) string { return strings.TrimSpace(f.c.FormValue(key)) }

func (f *quizForm) fail(key, msg string) {
	if _, ok := f.errs[key]; !ok {
		f.errs[key] = i18n.T(f.l, msg)
	}
}

func (f *quizForm) integer(key string) int {
	v := f.trimmed(key)
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		f.fail(key, "workspace.form.number")
	}
	return n
}

func (f *quizForm) number(key string) (float64, bool) {
	v := strings.ReplaceAll(f.trimmed(key), ",", ".")
	if v == "" {
		return 0, false
	}
	n, err := strconv.ParseFloat(v, 64)
	if err != nil {
		f.fail(key, "workspace.form.number")
		return 0, false
	}
	return n, true
}

// id reads an id field; an empty or malformed id is reported at the field when required.
func (f *quizForm) id(key string) string {
	v := f.trimmed(key)
	if !quizID.MatchString(v) {
		f.fail(key, "authoring.quiz.id.invalid")
	}
	return v
}

func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if t := strings.TrimSpace(l); t != "" {
			out = append(out, t)
		}
	}
	return out
}

func parseQuizForm(c *fiber.Ctx, l string) (quiz.Definition, map[string]string) {
	f := &quizForm{c: c, l: l, errs: map[string]string{}}
	d := quiz.Definition{PassPercent: f.integer("pass_percent"), Attempts: f.integer("attempts"), WaitMinutes: f.integer("wait_minutes"),
		TimeLimitMinutes: f.integer("time_limit_minutes"), Draw: f.integer("draw"), Shuffle: f.value("shuffle") == "1",
		Review: quiz.Review{Show: multiValues(c.Request().PostArgs().PeekMulti("review_show")), When: f.value("review_when")}}
	if d.PassPercent < 1 || d.PassPercent > 100 {
		f.fail("pass_percent", "authoring.quiz.pass.range")
	}
	for _, key := range []string{"attempts", "wait_minutes", "time_limit_minutes", "draw"} {
		if n, _ := strconv.Atoi(f.trimmed(key)); n < 0 {
			f.fail(key, "authoring.quiz.negative")
		}
	}
	for i := range min(f.integer("qn"), 200) {
		d.Questions = append(d.Questions, f.question(fmt.Sprintf("q%d_", i)))
	}
	return d, f.errs
}

// question reads one question with the fields of its type.
func (f *quizForm) question(p string) quiz.Question {
	q := quiz.Question{ID: f.id(p + "id"), Type: f.value(p + "type"), Text: strings.TrimSpace(f.value(p + "text")),
		Explanation: f.trimmed(p + "explanation")}
	if q.Text == "" {
		f.fail(p+"text", "authoring.quiz.text.required")
	}
	q.Points, _ = f.number(p + "points")
	switch q.Type {
	case quiz.TypeTrueFalse:
		q.Value = f.value(p+"answer") == "true"
		q.FeedbackTrue, q.FeedbackFalse = f.trimmed(p+"feedback_true"), f.trimmed(p+"feedback_false")
	case quiz.TypeSingle, quiz.TypeMultiple:
		for j := range min(f.integer(p+"on"), 50) {
			o := fmt.Sprintf("%so%d_", p, j)
			q.Options = append(q.Options, quiz.Option{ID: f.id(o + "id"), Text: f.trimmed(o + "text"),
				Correct: f.value(o+"correct") == "1", Feedback: f.trimmed(o + "feedback")})
			if f.trimmed(o+"text") == "" {
				f.fail(o+"text", "authoring.quiz.text.required")
			}
		}
	case quiz.TypeOrder:
		for j := range min(f.integer(p+"in"), 50) {
			it := fmt.Sprintf("%si%d_", p, j)
			q.Items = append(q.Items, quiz.Item{ID: f.id(it + "id"), Text: f.trimmed(it + "text")})
			if f.trimmed(it+"text") == "" {
				f.fail(it+"text", "authoring.quiz.text.required")
			}
		}
	case quiz.TypeMatch:
		for j := range min(f.integer(p+"pn"), 50) {
			pr := fmt.Sprintf("%sp%d_", p, j)
			q.Pairs = append(q.Pairs, quiz.Pair{ID: f.id(pr + "id"), Prompt: f.trimmed(pr + "prompt"), Answer: f.trimmed(pr + "answer")})
			for _, k := range []string{"prompt", "answer"} {
				if f.trimmed(pr+k) == "" {
					f.fail(pr+k, "authoring.quiz.text.required")
				}
			}
		}
		q.Distractors = lines(f.value(p + "distractors"))
	case quiz.TypeNumeric:
		n, ok := f.number(p + "number")
		if !ok {
			f.fail(p+"number", "authoring.quiz.number.required")
		}
		q.Value = n
		q.Tolerance, _ = f.number(p + "tolerance")
		if q.Tolerance < 0 {
			f.fail(p+"tolerance", "authoring.quiz.negative")
		}
		q.Unit = f.trimmed(p + "unit")
	case quiz.TypeText:
		q.Accept = lines(f.value(p + "accept"))
		if len(q.Accept) == 0 {
			f.fail(p+"accept", "authoring.quiz.accept.required")
		}
		q.CaseSensitive = f.value(p+"case_sensitive") == "1"
	default:
		f.fail(p+"id", "authoring.quiz.type.unknown")
	}
	return q
}

// applyQuizOp performs an editor button: add:TYPE, del:i, up:i, down:i, and for the parts of a
// question (opt, item, pair) addopt:i, delopt:i:j, upopt:i:j, …
func applyQuizOp(d *quiz.Definition, op string) {
	parts := strings.Split(op, ":")
	idx := func(k int) int {
		if len(parts) <= k {
			return -1
		}
		n, err := strconv.Atoi(parts[k])
		if err != nil {
			return -1
		}
		return n
	}
	i, j := idx(1), idx(2)
	if parts[0] == "add" && len(parts) == 2 {
		d.Questions = append(d.Questions, newQuestion(parts[1], len(d.Questions)+1))
		return
	}
	if i < 0 || i >= len(d.Questions) {
		return
	}
	q := &d.Questions[i]
	switch parts[0] {
	case "del":
		d.Questions = slices.Delete(d.Questions, i, i+1)
	case "up":
		moveItem(d.Questions, i, -1)
	case "down":
		moveItem(d.Questions, i, 1)
	case "addopt":
		q.Options = append(q.Options, quiz.Option{ID: freePartID(len(q.Options))})
	case "delopt":
		q.Options = deleteAt(q.Options, j)
	case "upopt":
		moveItem(q.Options, j, -1)
	case "additem":
		q.Items = append(q.Items, quiz.Item{ID: freePartID(len(q.Items))})
	case "delitem":
		q.Items = deleteAt(q.Items, j)
	case "upitem":
		moveItem(q.Items, j, -1)
	case "addpair":
		q.Pairs = append(q.Pairs, quiz.Pair{ID: freePartID(len(q.Pairs))})
	case "delpair":
		q.Pairs = deleteAt(q.Pairs, j)
	}
}

func freePartID(n int) string { return string(rune('a'+n%26)) + strings.Repeat("x", n/26) }

func deleteAt[T any](s []T, j int) []T {
	if j < 0 || j >= len(s) {
		return s
	}
	return slices.Delete(s, j, j+1)
}

func moveItem[T any](s []T, j, delta int) {
	k := j + delta
	if j >= 0 && j < len(s) && k >= 0 && k < len(s) {
		s[j], s[k] = s[k], s[j]
	}
}

// newQuestion is a new question of a type with a placeholder id the trainer should rename.
func newQuestion(typ string, n int) quiz.Question {
	q := quiz.Question{ID: fmt.Sprintf("neue-frage-%d", n), Type: typ}
	switch typ {
	case quiz.TypeSingle, quiz.TypeMultiple:
		q.Options = []quiz.Option{{ID: "a"}, {ID: "b"}}
	case quiz.TypeTrueFalse:
		q.Value = true
	case quiz.TypeOrder:
		q.Items = []quiz.Item{{ID: "a"}, {ID: "b"}}
	case quiz.TypeMatch:
		q.Pairs = []quiz.Pair{{ID: "a"}, {ID: "b"}}
	case quiz.TypeNumeric:
		q.Value = 0
	case quiz.TypeText:
	default:
		q.Type = quiz.TypeSingle
		q.Options = []quiz.Option{{ID: "a"}, {ID: "b"}}
	}
	return q
}
