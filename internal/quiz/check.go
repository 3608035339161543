package quiz

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
)

// Problem is one structural problem of a quiz definition.
//
// Path is a goccy/go-yaml path such as "$.questions[2].options[1].id". It names the field the
// problem is about; when that field is missing from the file (a required field left out), the node
// does not exist, and ParentPath gives the nearest node that does.
type Problem struct {
	Path    string
	Message string
}

func (p Problem) String() string { return p.Path + ": " + p.Message }

// ParentPath strips the last element of a path: "$.questions[2].id" → "$.questions[2]",
// "$.questions[2]" → "$.questions", "$.draw" → "$".
func ParentPath(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i <= 0 {
		return "$"
	}
	return path[:i]
}

// idPattern is the form of every id in a quiz: question ids and the ids of options, items and
// pairs. The ids end up in HTML form field names, so they are kept plain.
var idPattern = regexp.MustCompile(`^[a-z0-9-]+$`)

var (
	knownTypes = []string{TypeSingle, TypeMultiple, TypeTrueFalse, TypeOrder, TypeMatch, TypeNumeric, TypeText}
	knownShow  = []string{ShowCorrectness, ShowFeedback, ShowExplanation, ShowCorrectAnswer}
	knownWhen  = []string{WhenImmediately, WhenAfterPass, WhenAfterLastAttempt}
)

// problems collects problems; the helpers keep the checks below one line each.
type problems []Problem

func (ps *problems) add(path, format string, args ...any) {
	*ps = append(*ps, Problem{Path: path, Message: fmt.Sprintf(format, args...)})
}

// Problems returns every structural problem of the definition, in file order. An empty result
// means the quiz can be served: every question can be answered fully correctly and graded.
// Hash, Present and Grade assume a definition without problems.
func (d Definition) Problems() []Problem {
	var ps problems
	if d.PassPercent < 1 || d.PassPercent > 100 {
		ps.add("$.pass_percent", "pass_percent must be a whole number from 1 to 100 (the share of points needed to pass), not %d", d.PassPercent)
	}
	if d.Attempts < 0 {
		ps.add("$.attempts", "attempts must be 0 (unlimited) or more, not %d", d.Attempts)
	}
	if d.WaitMinutes < 0 {
		ps.add("$.wait_minutes", "wait_minutes must be 0 (no waiting) or more, not %d", d.WaitMinutes)
	}
	if d.TimeLimitMinutes < 0 {
		ps.add("$.time_limit_minutes", "time_limit_minutes must be 0 (no limit) or more, not %d", d.TimeLimitMinutes)
	}
	switch {
	case d.Draw < 0:
		ps.add("$.draw", "draw must be 0 (all questions) or more, not %d", d.Draw)
	case d.Draw > len(d.Questions):
		ps.add("$.draw", "draw is %d, but the quiz has only %d questions", d.Draw, len(d.Questions))
	}
	if len(d.Questions) == 0 {
		ps.add("$.questions", "the quiz has no questions, so nobody can reach the pass mark: add at least one question")
	}
	ps.checkReview(d.Review)

	seen := map[string]int{}
	for i, q := range d.Questions {
		path := fmt.Sprintf("$.questions[%d]", i)
		if q.ID != "" {
			if first, dup := seen[q.ID]; dup {
				ps.add(path+".id", "question id %q is already used by question %d: every question needs its own id", q.ID, first+1)
			}
			seen[q.ID] = i
		}
		ps.checkQuestion(path, q)
	}
	return ps
}

func (ps *problems) checkReview(r Review) {
	seen := map[string]bool{}
	for i, s := range r.Show {
		path := fmt.Sprintf("$.review.show[%d]", i)
		switch {
		case !slices.Contains(knownShow, s):
			ps.add(path, "review.show has %q: use %s", s, strings.Join(knownShow, ", "))
		case seen[s]:
			ps.add(path, "review.show lists %q twice", s)
		}
		seen[s] = true
	}
	if r.When != "" && !slices.Contains(knownWhen, r.When) {
		ps.add("$.review.when", "review.when is %q: use %s (or leave it out for immediately)", r.When, strings.Join(knownWhen, ", "))
	}
}

func (ps *problems) checkQuestion(path string, q Question) {
	switch {
	case q.ID == "":
		ps.add(path+".id", "the question has no id: give it a stable id such as \"definition-ki\"")
	case !idPattern.MatchString(q.ID):
		ps.add(path+".id", "question id %q may only contain lowercase letters a–z, digits and \"-\"", q.ID)
	}
	if strings.TrimSpace(q.Text) == "" {
		ps.add(path+".text", "the question has no text")
	}
	if q.Points < 0 || math.IsNaN(q.Points) || math.IsInf(q.Points, 0) {
		ps.add(path+".points", "points must be a positive number (or left out for 1)")
	}
	switch q.Type {
	case "":
		ps.add(path+".type", "the question has no type: use %s", strings.Join(knownTypes, ", "))
		return
	case TypeSingle, TypeMultiple:
		ps.checkOptions(path, q)
	case TypeTrueFalse:
		if _, ok := q.TrueFalseAnswer(); !ok {
			ps.add(path+".answer", "a truefalse question needs answer: true or answer: false (without quotes)")
		}
	case TypeOrder:
		ps.checkItems(path, q.Items)
	case TypeMatch:
		ps.checkPairs(path, q)
	case TypeNumeric:
		ps.checkNumeric(path, q)
	case TypeText:
		ps.checkAccept(path, q.Accept)
	default:
		ps.add(path+".type", "unknown question type %q: use %s", q.Type, strings.Join(knownTypes, ", "))
		return
	}
	ps.checkForeignFields(path, q)
}

func (ps *problems) checkOptions(path string, q Question) {
	if len(q.Options) < 2 {
		ps.add(path+".options", "a %s question needs at least 2 options, it has %d", q.Type, len(q.Options))
	}
	ids := map[string]bool{}
	correct := 0
	for i, o := range q.Options {
		optPath := fmt.Sprintf("%s.options[%d]", path, i)
		ps.checkSubID(optPath+".id", "option", o.ID, ids)
		if strings.TrimSpace(o.Text) == "" {
			ps.add(optPath+".text", "option %q has no text", o.ID)
		}
		if o.Correct {
			correct++
		}
	}
	switch {
	case q.Type == TypeSingle && correct != 1:
		ps.add(path+".options", "a single question needs exactly one option with correct: true, it has %d", correct)
	case q.Type == TypeMultiple && correct == 0 && len(q.Options) > 0:
		ps.add(path+".options", "a multiple question needs at least one option with correct: true")
	}
}

func (ps *problems) checkItems(path string, items []Item) {
	if len(items) < 2 {
		ps.add(path+".items", "an order question needs at least 2 items, it has %d", len(items))
	}
	ids := map[string]bool{}
	for i, it := range items {
		itemPath := fmt.Sprintf("%s.items[%d]", path, i)
		ps.checkSubID(itemPath+".id", "item", it.ID, ids)
		if strings.TrimSpace(it.Text) == "" {
			ps.add(itemPath+".text", "item %q has no text", it.ID)
		}
	}
}

func (ps *problems) checkPairs(path string, q Question) {
	if len(q.Pairs) < 2 {
		ps.add(path+".pairs", "a match question needs at least 2 pairs, it has %d", len(q.Pairs))
	}
	ids := map[string]bool{}
	prompts := map[string]bool{}
	answers := map[string]bool{}
	for i, p := range q.Pairs {
		pairPath := fmt.Sprintf("%s.pairs[%d]", path, i)
		ps.checkSubID(pairPath+".id", "pair", p.ID, ids)
		prompt := collapseSpace(p.Prompt)
		switch {
		case prompt == "":
			ps.add(pairPath+".prompt", "pair %q has no prompt", p.ID)
		case prompts[prompt]:
			ps.add(pairPath+".prompt", "the prompt %q appears twice: learners could not tell the two apart", p.Prompt)
		}
		prompts[prompt] = true
		if strings.TrimSpace(p.Answer) == "" {
			ps.add(pairPath+".answer", "pair %q has no answer", p.ID)
		}
		answers[p.Answer] = true
	}
	for i, a := range q.Distractors {
		distPath := fmt.Sprintf("%s.distractors[%d]", path, i)
		switch {
		case strings.TrimSpace(a) == "":
			ps.add(distPath, "a distractor is empty")
		case answers[a]:
			ps.add(distPath, "the distractor %q is already an answer of a pair or listed twice", a)
		}
		answers[a] = true
	}
}

func (ps *problems) checkNumeric(path string, q Question) {
	answer, ok := q.NumericAnswer()
	switch {
	case q.Value == nil:
		ps.add(path+".answer", "a numeric question needs an answer: the correct number")
	case !ok:
		ps.add(path+".answer", "the answer of a numeric question must be a number (with a decimal point, e.g. 3.5)")
	case math.IsNaN(answer) || math.IsInf(answer, 0):
		ps.add(path+".answer", "the answer must be a finite number")
	}
	if q.Tolerance < 0 || math.IsNaN(q.Tolerance) || math.IsInf(q.Tolerance, 0) {
		ps.add(path+".tolerance", "tolerance must be 0 or a positive number")
	}
}

func (ps *problems) checkAccept(path string, accept []string) {
	if len(accept) == 0 {
		ps.add(path+".accept", "a text question needs at least one accepted answer under accept")
	}
	for i, a := range accept {
		if collapseSpace(a) == "" {
			ps.add(fmt.Sprintf("%s.accept[%d]", path, i), "an accepted answer is empty")
		}
	}
}

// checkSubID checks the id of an option, item or pair: present, plain, unique in the question.
func (ps *problems) checkSubID(path, kind, id string, seen map[string]bool) {
	switch {
	case id == "":
		ps.add(path, "the %s has no id: give it a short id such as \"a\"", kind)
	case !idPattern.MatchString(id):
		ps.add(path, "%s id %q may only contain lowercase letters a–z, digits and \"-\"", kind, id)
	case seen[id]:
		ps.add(path, "%s id %q is used twice in this question", kind, id)
	}
	seen[id] = true
}

// checkForeignFields reports fields that belong to another question type: they would be ignored
// silently, which usually means the trainer meant something else.
func (ps *problems) checkForeignFields(path string, q Question) {
	fields := []struct {
		name  string
		set   bool
		types []string
	}{
		{"options", len(q.Options) > 0, []string{TypeSingle, TypeMultiple}},
		{"feedback_true", q.FeedbackTrue != "", []string{TypeTrueFalse}},
		{"feedback_false", q.FeedbackFalse != "", []string{TypeTrueFalse}},
		{"items", len(q.Items) > 0, []string{TypeOrder}},
		{"pairs", len(q.Pairs) > 0, []string{TypeMatch}},
		{"distractors", len(q.Distractors) > 0, []string{TypeMatch}},
		{"answer", q.Value != nil, []string{TypeTrueFalse, TypeNumeric}},
		{"tolerance", q.Tolerance != 0, []string{TypeNumeric}},
		{"unit", q.Unit != "", []string{TypeNumeric}},
		{"accept", len(q.Accept) > 0, []string{TypeText}},
		{"case_sensitive", q.CaseSensitive, []string{TypeText}},
	}
	for _, f := range fields {
		if f.set && !slices.Contains(f.types, q.Type) {
			ps.add(path+"."+f.name, "%s does not belong to a %s question (only to %s)", f.name, q.Type, strings.Join(f.types, ", "))
		}
	}
}
