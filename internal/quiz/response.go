package quiz

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Form fields of the quiz page. Every question of the attempt is part of one form:
//
//	single     FieldName(id) = "q-<id>"                  one radio button per option, value: option id
//	multiple   FieldName(id) = "q-<id>"                  one checkbox per option, value: option id
//	truefalse  FieldName(id) = "q-<id>"                  radio buttons, values "true" and "false"
//	order      PartFieldName(id, item) = "q-<id>.<item>" one select per item, values "1" … "n" (position)
//	match      PartFieldName(id, pair) = "q-<id>.<pair>" one select per prompt, values: ChoiceID ("c1" …)
//	numeric    FieldName(id) = "q-<id>"                  text input, as typed ("3,5" and "3.5" both work)
//	text       FieldName(id) = "q-<id>"                  text input
//
// An empty value ("", e.g. a select's "– bitte wählen –" entry) means unanswered. Ids only contain
// a–z, 0–9 and "-", so the "." keeps the names of different questions apart. PresentedQuestion
// carries the names (Field, Items[].Field, Prompts[].Field), so templates need not build them.
func FieldName(questionID string) string { return "q-" + questionID }

// PartFieldName is the form field of one item of an order question or one prompt of a match question.
func PartFieldName(questionID, partID string) string { return "q-" + questionID + "." + partID }

// MaxAnswerLength is the longest numeric or text answer in bytes; use it as the input's maxlength.
const MaxAnswerLength = 500

// Response is a learner's answer to one question. The zero Response is "unanswered". It refers to
// options, items and pairs by their ids and to match answers by their text, never by the order
// they were shown in, so it can be stored and graded on its own.
type Response struct {
	Options   []string          `json:"options,omitempty"`   // single, multiple: chosen option ids, in definition order
	Bool      *bool             `json:"bool,omitempty"`      // truefalse
	Positions map[string]int    `json:"positions,omitempty"` // order: item id → position 1 … n chosen for it
	Matches   map[string]string `json:"matches,omitempty"`   // match: pair id → answer text chosen for its prompt
	Text      string            `json:"text,omitempty"`      // numeric, text: as typed, trimmed
	Number    *float64          `json:"number,omitempty"`    // numeric: Text as a number; nil when it is none
}

// Answered reports whether the learner gave any answer at all.
func (r Response) Answered() bool {
	return len(r.Options) > 0 || r.Bool != nil || len(r.Positions) > 0 || len(r.Matches) > 0 || r.Text != ""
}

// Chose reports whether the option was chosen (for re-filling a form).
func (r Response) Chose(optionID string) bool { return slices.Contains(r.Options, optionID) }

// Position is the position chosen for an order item, 0 when none (for re-filling a form).
func (r Response) Position(itemID string) int { return r.Positions[itemID] }

// Matched is the answer text chosen for a match prompt, "" when none (for re-filling a form).
func (r Response) Matched(pairID string) string { return r.Matches[pairID] }

// DecodeResponse reads the answer to question q from the submitted form values (all fields of the
// form; only this question's are looked at). presented must be q as Present showed it in this
// attempt: values that were not offered there are rejected with a *ResponseError wrapping
// ErrUnknownOption, ErrUnknownChoice, ErrUnknownField, ErrInvalidValue, ErrTooManyValues or
// ErrAnswerTooLong. Missing fields and empty values are fine: the question stays unanswered.
func DecodeResponse(q Question, presented PresentedQuestion, values map[string][]string) (Response, error) {
	var r Response
	field := FieldName(q.ID)
	fail := func(field, value string, err error) (Response, error) {
		return Response{}, &ResponseError{QuestionID: q.ID, Field: field, Value: value, Err: err}
	}
	if q.ID != presented.ID || q.Type != presented.Type {
		return fail(field, presented.ID, ErrWrongQuestion)
	}
	if name, ok := unknownField(q.ID, presented, values); ok {
		return fail(name, "", ErrUnknownField)
	}
	switch q.Type {
	case TypeSingle, TypeMultiple:
		chosen := nonEmpty(values[field])
		if q.Type == TypeSingle && len(chosen) > 1 {
			return fail(field, strings.Join(chosen, ","), ErrTooManyValues)
		}
		for _, id := range chosen {
			if !slices.ContainsFunc(presented.Options, func(o PresentedOption) bool { return o.ID == id }) {
				return fail(field, id, ErrUnknownOption)
			}
			if slices.Contains(r.Options, id) {
				return fail(field, id, ErrTooManyValues)
			}
			r.Options = append(r.Options, id)
		}
		slices.SortFunc(r.Options, func(a, b string) int { return q.optionIndex(a) - q.optionIndex(b) })
	case TypeTrueFalse:
		value, err := singleValue(values[field])
		if err != nil {
			return fail(field, value, err)
		}
		switch value {
		case "":
		case "true", "false":
			b := value == "true"
			r.Bool = &b
		default:
			return fail(field, value, ErrInvalidValue)
		}
	case TypeOrder:
		for _, it := range presented.Items {
			value, err := singleValue(values[it.Field])
			if err != nil {
				return fail(it.Field, value, err)
			}
			if value == "" {
				continue
			}
			pos, err := strconv.Atoi(value)
			if err != nil || pos < 1 || pos > len(presented.Items) {
				return fail(it.Field, value, ErrInvalidValue)
			}
			if r.Positions == nil {
				r.Positions = map[string]int{}
			}
			r.Positions[it.ID] = pos
		}
	case TypeMatch:
		for _, p := range presented.Prompts {
			value, err := singleValue(values[p.Field])
			if err != nil {
				return fail(p.Field, value, err)
			}
			if value == "" {
				continue
			}
			i := slices.IndexFunc(presented.Choices, func(c PresentedChoice) bool { return c.ID == value })
			if i < 0 {
				return fail(p.Field, value, ErrUnknownChoice)
			}
			if r.Matches == nil {
				r.Matches = map[string]string{}
			}
			r.Matches[p.ID] = presented.Choices[i].Text
		}
	case TypeNumeric, TypeText:
		value, err := singleValue(values[field])
		if err != nil {
			return fail(field, value, err)
		}
		switch {
		case len(value) > MaxAnswerLength:
			return fail(field, value, ErrAnswerTooLong)
		case !utf8.ValidString(value):
			return fail(field, value, ErrInvalidValue)
		}
		r.Text = strings.TrimSpace(value)
		if q.Type == TypeNumeric {
			if n, ok := ParseNumber(r.Text, q.Unit); ok {
				r.Number = &n
			}
		}
	default:
		return fail(field, q.Type, ErrWrongQuestion)
	}
	return r, nil
}

// unknownField finds a form field of this question that the presented question does not have.
func unknownField(questionID string, p PresentedQuestion, values map[string][]string) (string, bool) {
	field := FieldName(questionID)
	for name := range values {
		switch {
		case name == field:
			if p.Field == "" {
				return name, true
			}
		case strings.HasPrefix(name, field+"."):
			known := slices.ContainsFunc(p.Items, func(it PresentedItem) bool { return it.Field == name }) ||
				slices.ContainsFunc(p.Prompts, func(pr PresentedPrompt) bool { return pr.Field == name })
			if !known {
				return name, true
			}
		}
	}
	return "", false
}

// singleValue returns the one value of a field that is sent at most once.
func singleValue(values []string) (string, error) {
	switch len(values) {
	case 0:
		return "", nil
	case 1:
		return values[0], nil
	}
	return strings.Join(values, ","), ErrTooManyValues
}

func nonEmpty(values []string) []string {
	var out []string
	for _, v := range values {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

func (q Question) optionIndex(id string) int {
	return slices.IndexFunc(q.Options, func(o Option) bool { return o.ID == id })
}

// plainNumber is a number after ParseNumber removed signs, spaces and thousands separators.
var plainNumber = regexp.MustCompile(`^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$`)

// ParseNumber reads a number as people type it: "3,5" and "3.5", "1.000,5" and "1,000.5",
// "1 000", "−2" (with a typographic minus), optionally followed by the question's unit ("7 %").
// A single "," or "." is the decimal separator; when both occur, the last one is.
func ParseNumber(s, unit string) (float64, bool) {
	s = strings.TrimSpace(s)
	if unit != "" && len(s) >= len(unit) && strings.EqualFold(s[len(s)-len(unit):], unit) {
		s = s[:len(s)-len(unit)]
	}
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\u00a0', '\u202f', '\u2009': // spaces, also the non-breaking ones used for thousands
			return -1
		case '\u2212': // minus sign
			return '-'
		}
		return r
	}, s)
	commas, dots := strings.Count(s, ","), strings.Count(s, ".")
	switch {
	case commas > 0 && dots > 0:
		if strings.LastIndex(s, ",") > strings.LastIndex(s, ".") {
			s = strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", ".")
		} else {
			s = strings.ReplaceAll(s, ",", "")
		}
	case commas == 1:
		s = strings.Replace(s, ",", ".", 1)
	case commas > 1:
		s = strings.ReplaceAll(s, ",", "")
	case dots > 1:
		s = strings.ReplaceAll(s, ".", "")
	}
	if !plainNumber.MatchString(s) {
		return 0, false
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, false
	}
	return n, true
}
