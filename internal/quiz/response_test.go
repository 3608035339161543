package quiz

import (
	"errors"
	"reflect"
	"testing"
)

type form = map[string][]string

func ptr[T any](v T) *T { return &v }

// choiceFor returns the form value of the match choice with the given text.
func choiceFor(p PresentedQuestion, text string) string {
	for _, c := range p.Choices {
		if c.Text == text {
			return c.ID
		}
	}
	return "missing-" + text
}

func TestDecodeResponse(t *testing.T) {
	d := loadDefinition(t, "all-types.yaml")
	_, match := presented(t, d, 1, "risikoklassen")
	tests := []struct {
		name     string
		question string
		values   form
		want     Response
		wantErr  error
	}{
		{"single chosen", "definition-ki", form{"q-definition-ki": {"b"}}, Response{Options: []string{"b"}}, nil},
		{"single unanswered", "definition-ki", form{}, Response{}, nil},
		{"single empty value", "definition-ki", form{"q-definition-ki": {""}}, Response{}, nil},
		{"single unknown option", "definition-ki", form{"q-definition-ki": {"z"}}, Response{}, ErrUnknownOption},
		{"single two options", "definition-ki", form{"q-definition-ki": {"a", "b"}}, Response{}, ErrTooManyValues},
		{"multiple in definition order", "risiken", form{"q-risiken": {"d", "a"}}, Response{Options: []string{"a", "d"}}, nil},
		{"multiple repeated option", "risiken", form{"q-risiken": {"a", "a"}}, Response{}, ErrTooManyValues},
		{"multiple unknown option", "risiken", form{"q-risiken": {"a", "e"}}, Response{}, ErrUnknownOption},
		{"truefalse true", "art4-gilt", form{"q-art4-gilt": {"true"}}, Response{Bool: ptr(true)}, nil},
		{"truefalse false", "art4-gilt", form{"q-art4-gilt": {"false"}}, Response{Bool: ptr(false)}, nil},
		{"truefalse unanswered", "art4-gilt", form{"q-art4-gilt": {""}}, Response{}, nil},
		{"truefalse other value", "art4-gilt", form{"q-art4-gilt": {"yes"}}, Response{}, ErrInvalidValue},
		{"order positions", "prozess", form{"q-prozess.bedarf": {"1"}, "q-prozess.test": {"3"}, "q-prozess.einsatz": {""}},
			Response{Positions: map[string]int{"bedarf": 1, "test": 3}}, nil},
		{"order same position twice is the learner's mistake", "prozess", form{"q-prozess.bedarf": {"2"}, "q-prozess.test": {"2"}},
			Response{Positions: map[string]int{"bedarf": 2, "test": 2}}, nil},
		{"order position out of range", "prozess", form{"q-prozess.bedarf": {"4"}}, Response{}, ErrInvalidValue},
		{"order position not a number", "prozess", form{"q-prozess.bedarf": {"eins"}}, Response{}, ErrInvalidValue},
		{"order unknown item", "prozess", form{"q-prozess.ende": {"1"}}, Response{}, ErrUnknownField},
		{"order whole-question field", "prozess", form{"q-prozess": {"bedarf"}}, Response{}, ErrUnknownField},
		{"match choices resolve to answers", "risikoklassen", form{"q-risikoklassen.social": {choiceFor(match, "Verboten")}, "q-risikoklassen.kredit": {choiceFor(match, "Unbekannt")}},
			Response{Matches: map[string]string{"social": "Verboten", "kredit": "Unbekannt"}}, nil},
		{"match unknown choice", "risikoklassen", form{"q-risikoklassen.social": {"c9"}}, Response{}, ErrUnknownChoice},
		{"match answer text instead of choice", "risikoklassen", form{"q-risikoklassen.social": {"Verboten"}}, Response{}, ErrUnknownChoice},
		{"match two values", "risikoklassen", form{"q-risikoklassen.social": {"c1", "c2"}}, Response{}, ErrTooManyValues},
		{"numeric German comma", "bussgeld", form{"q-bussgeld": {" 3,5 "}}, Response{Text: "3,5", Number: ptr(3.5)}, nil},
		{"numeric not a number is kept but unparsed", "bussgeld", form{"q-bussgeld": {"sieben"}}, Response{Text: "sieben"}, nil},
		{"numeric too long", "bussgeld", form{"q-bussgeld": {string(make([]byte, MaxAnswerLength+1))}}, Response{}, ErrAnswerTooLong},
		{"text trimmed", "abkuerzung", form{"q-abkuerzung": {"  AI  Act "}}, Response{Text: "AI  Act"}, nil},
		{"text invalid UTF-8", "abkuerzung", form{"q-abkuerzung": {"\xff"}}, Response{}, ErrInvalidValue},
		{"other questions' fields are ignored", "abkuerzung", form{"q-abkuerzung-2": {"x"}, "q-art4-gilt": {"x"}, "csrf": {"t"}}, Response{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, p := presented(t, d, 1, tt.question)
			got, err := DecodeResponse(q, p, tt.values)
			if tt.wantErr != nil {
				var re *ResponseError
				if !errors.Is(err, tt.wantErr) || !errors.As(err, &re) || re.QuestionID != q.ID {
					t.Fatalf("error %v, want a *ResponseError for %s wrapping %v", err, q.ID, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestDecodeResponseRejectsAFormOfAnotherQuestion(t *testing.T) {
	d := loadDefinition(t, "all-types.yaml")
	q, _ := presented(t, d, 1, "definition-ki")
	_, other := presented(t, d, 1, "risiken")
	if _, err := DecodeResponse(q, other, form{}); !errors.Is(err, ErrWrongQuestion) {
		t.Errorf("error %v, want ErrWrongQuestion", err)
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		unit string
		want float64
		ok   bool
	}{
		{"3,5", "", 3.5, true},
		{"3.5", "", 3.5, true},
		{"-2", "", -2, true},
		{"\u22122,5", "", -2.5, true},
		{"+7", "", 7, true},
		{",5", "", 0.5, true},
		{"1.000,5", "", 1000.5, true},
		{"1,000.5", "", 1000.5, true},
		{"1.000.000", "", 1000000, true},
		{"1 000", "", 1000, true},
		{"1\u00a0000", "", 1000, true},
		{"7 %", "%", 7, true},
		{"7%", "%", 7, true},
		{"20 eur", "EUR", 20, true},
		{"20 EUR", "", 0, false},
		{"", "", 0, false},
		{"sieben", "", 0, false},
		{"1e5", "", 0, false},
		{"Inf", "", 0, false},
		{"NaN", "", 0, false},
		{"0x10", "", 0, false},
		{"1_000", "", 0, false},
		{"--1", "", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParseNumber(tt.in, tt.unit)
		if ok != tt.ok || got != tt.want {
			t.Errorf("ParseNumber(%q, %q) = %v, %v; want %v, %v", tt.in, tt.unit, got, ok, tt.want, tt.ok)
		}
	}
}

func FuzzDecodeResponse(f *testing.F) {
	d := loadDefinition(f, "all-types.yaml")
	f.Add(int64(1), 0, "definition-ki", "a")
	f.Add(int64(2), 1, "q-risiken", "z")
	f.Add(int64(3), 3, "q-prozess.bedarf", "2")
	f.Add(int64(4), 4, "q-risikoklassen.social", "c1")
	f.Add(int64(5), 5, "q-bussgeld", "1.000,5 %")
	f.Add(int64(6), 6, "q-abkuerzung", "\xff\xfe")
	f.Add(int64(7), 2, "q-art4-gilt", "true")
	f.Fuzz(func(t *testing.T, seed int64, question int, field, value string) {
		ps := NewLayout(d, seed).Present(d)
		if question < 0 || question >= len(ps) {
			return
		}
		p := ps[question]
		q, _ := d.question(p.ID)
		values := form{field: {value}}
		if p.Field != "" {
			values[p.Field] = []string{value}
		}
		for _, it := range p.Items {
			values[it.Field] = []string{value}
		}
		for _, pr := range p.Prompts {
			values[pr.Field] = []string{value}
		}
		r, err := DecodeResponse(q, p, values)
		if err != nil {
			var re *ResponseError
			if !errors.As(err, &re) {
				t.Fatalf("error %v is not a *ResponseError", err)
			}
			return
		}
		if s := score(q, r); s < 0 || s > 1 {
			t.Fatalf("score %v outside 0 … 1 for %+v", s, r)
		}
	})
}
