package quiz

import (
	"math"
	"reflect"
	"strconv"
	"testing"

	"pgregory.net/rapid"
)

func TestGradeScoresEachQuestionType(t *testing.T) {
	d := loadDefinition(t, "all-types.yaml")
	tests := []struct {
		name     string
		question string
		response Response
		want     float64 // points; the multiple question is worth 2
		outcome  string
	}{
		{"single right", "definition-ki", Response{Options: []string{"a"}}, 1, OutcomeCorrect},
		{"single wrong", "definition-ki", Response{Options: []string{"b"}}, 0, OutcomeWrong},
		{"single unanswered", "definition-ki", Response{}, 0, OutcomeUnanswered},
		{"single tampered with two options", "definition-ki", Response{Options: []string{"a", "b"}}, 0, OutcomeWrong},
		{"multiple all correct", "risiken", Response{Options: []string{"a", "b"}}, 2, OutcomeCorrect},
		{"multiple one of two correct", "risiken", Response{Options: []string{"a"}}, 1, OutcomePartial},
		{"multiple one correct one wrong", "risiken", Response{Options: []string{"a", "c"}}, 0, OutcomeWrong},
		{"multiple everything chosen", "risiken", Response{Options: []string{"a", "b", "c", "d"}}, 0, OutcomeWrong},
		{"multiple only wrong never below zero", "risiken", Response{Options: []string{"c", "d"}}, 0, OutcomeWrong},
		{"multiple unknown option ignored", "risiken", Response{Options: []string{"a", "b", "zz"}}, 2, OutcomeCorrect},
		{"truefalse right", "art4-gilt", Response{Bool: ptr(true)}, 1, OutcomeCorrect},
		{"truefalse wrong", "art4-gilt", Response{Bool: ptr(false)}, 0, OutcomeWrong},
		{"truefalse unanswered", "art4-gilt", Response{}, 0, OutcomeUnanswered},
		{"order right", "prozess", Response{Positions: map[string]int{"bedarf": 1, "test": 2, "einsatz": 3}}, 1, OutcomeCorrect},
		{"order one in place", "prozess", Response{Positions: map[string]int{"bedarf": 1, "test": 3, "einsatz": 2}}, 1.0 / 3, OutcomePartial},
		{"order all on one position", "prozess", Response{Positions: map[string]int{"bedarf": 2, "test": 2, "einsatz": 2}}, 1.0 / 3, OutcomePartial},
		{"order reversed", "prozess", Response{Positions: map[string]int{"bedarf": 3, "test": 2, "einsatz": 1}}, 1.0 / 3, OutcomePartial},
		{"order wrong", "prozess", Response{Positions: map[string]int{"bedarf": 2, "test": 3, "einsatz": 1}}, 0, OutcomeWrong},
		{"match right with a shared answer", "risikoklassen", Response{Matches: map[string]string{"social": "Verboten", "bewerbung": "Hochrisiko", "kredit": "Hochrisiko"}}, 1, OutcomeCorrect},
		{"match two of three", "risikoklassen", Response{Matches: map[string]string{"social": "Verboten", "bewerbung": "Hochrisiko", "kredit": "Unbekannt"}}, 2.0 / 3, OutcomePartial},
		{"match partly unanswered", "risikoklassen", Response{Matches: map[string]string{"social": "Verboten"}}, 1.0 / 3, OutcomePartial},
		{"match distractor everywhere", "risikoklassen", Response{Matches: map[string]string{"social": "Unbekannt", "bewerbung": "Unbekannt", "kredit": "Unbekannt"}}, 0, OutcomeWrong},
		{"numeric exact", "bussgeld", Response{Text: "7", Number: ptr(7.0)}, 1, OutcomeCorrect},
		{"numeric at the tolerance", "bussgeld", Response{Text: "6,5", Number: ptr(6.5)}, 1, OutcomeCorrect},
		{"numeric beyond the tolerance", "bussgeld", Response{Text: "7,6", Number: ptr(7.6)}, 0, OutcomeWrong},
		{"numeric not a number", "bussgeld", Response{Text: "sieben"}, 0, OutcomeWrong},
		{"text exact", "abkuerzung", Response{Text: "AI Act"}, 1, OutcomeCorrect},
		{"text case and spaces ignored", "abkuerzung", Response{Text: "  eu   ai ACT "}, 1, OutcomeCorrect},
		{"text wrong", "abkuerzung", Response{Text: "DSGVO"}, 0, OutcomeWrong},
		{"text unanswered", "abkuerzung", Response{}, 0, OutcomeUnanswered},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := Layout{Questions: []LayoutQuestion{{ID: tt.question}}}
			res := Grade(d, l, map[string]Response{tt.question: tt.response})
			qr := res.Questions[0]
			if math.Abs(qr.Score-tt.want) > 1e-9 || qr.Outcome() != tt.outcome {
				t.Errorf("score %v (%s), want %v (%s)", qr.Score, qr.Outcome(), tt.want, tt.outcome)
			}
		})
	}
}

func TestTextAnswersCompareUnicodeAndCaseFolded(t *testing.T) {
	tests := []struct {
		given, accepted string
		caseSensitive   bool
		want            bool
	}{
		{"Straße", "STRASSE", false, true},
		{"Ka\u0308se", "Käse", false, true}, // decomposed ä
		{"Ka\u0308se", "Käse", true, true},
		{"käse", "Käse", true, false},
		{"", "", false, false},
	}
	for _, tt := range tests {
		if got := textAccepted(tt.given, []string{tt.accepted}, tt.caseSensitive); got != tt.want {
			t.Errorf("%q accepted as %q (case sensitive %v) = %v, want %v", tt.given, tt.accepted, tt.caseSensitive, got, tt.want)
		}
	}
}

func TestGradeTotalsPercentAndPass(t *testing.T) {
	d := Definition{PassPercent: 80, Questions: []Question{
		{ID: "a", Type: TypeTrueFalse, Value: true},
		{ID: "b", Type: TypeTrueFalse, Value: true},
		{ID: "c", Type: TypeTrueFalse, Value: true, Points: 3},
	}}
	l := NewLayout(d, 1)
	yes := ptr(true)
	tests := []struct {
		name       string
		responses  map[string]Response
		score, pct float64
		wantPassed bool
	}{
		{"all right", map[string]Response{"a": {Bool: yes}, "b": {Bool: yes}, "c": {Bool: yes}}, 5, 100, true},
		{"exactly the pass mark", map[string]Response{"a": {Bool: yes}, "c": {Bool: yes}}, 4, 80, true},
		{"below the pass mark", map[string]Response{"a": {Bool: yes}, "b": {Bool: yes}}, 2, 40, false},
		{"nothing answered", nil, 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Grade(d, l, tt.responses)
			if res.Score != tt.score || res.Max != 5 || res.Percent != tt.pct || res.Passed != tt.wantPassed {
				t.Errorf("got %v/%v = %v%% passed %v, want %v/5 = %v%% passed %v", res.Score, res.Max, res.Percent, res.Passed, tt.score, tt.pct, tt.wantPassed)
			}
		})
	}
}

func TestGradeNeverRoundsAFailUpToThePassMark(t *testing.T) {
	// 2 of 3 questions is 66.67 %: it shows as 66.6 % and fails a pass mark of 67 %.
	d := Definition{PassPercent: 67, Questions: []Question{
		{ID: "a", Type: TypeTrueFalse, Value: true}, {ID: "b", Type: TypeTrueFalse, Value: true}, {ID: "c", Type: TypeTrueFalse, Value: true},
	}}
	res := Grade(d, NewLayout(d, 1), map[string]Response{"a": {Bool: ptr(true)}, "b": {Bool: ptr(true)}})
	if res.Percent != 66.6 || res.Passed {
		t.Errorf("got %v %% passed %v, want 66.6 %% not passed", res.Percent, res.Passed)
	}
}

// randomResponse draws any answer a learner could give to q through the form, including none.
func randomResponse(t *rapid.T, q Question) Response {
	var r Response
	switch q.Type {
	case TypeSingle, TypeMultiple:
		for _, o := range q.Options {
			if rapid.Bool().Draw(t, "chose "+o.ID) && (q.Type == TypeMultiple || len(r.Options) == 0) {
				r.Options = append(r.Options, o.ID)
			}
		}
	case TypeTrueFalse:
		r.Bool = rapid.SampledFrom([]*bool{nil, ptr(true), ptr(false)}).Draw(t, "bool")
	case TypeOrder:
		for _, it := range q.Items {
			if pos := rapid.IntRange(0, len(q.Items)).Draw(t, "position "+it.ID); pos > 0 {
				if r.Positions == nil {
					r.Positions = map[string]int{}
				}
				r.Positions[it.ID] = pos
			}
		}
	case TypeMatch:
		choices := append([]string{""}, matchChoices(q)...)
		for _, p := range q.Pairs {
			if a := rapid.SampledFrom(choices).Draw(t, "match "+p.ID); a != "" {
				if r.Matches == nil {
					r.Matches = map[string]string{}
				}
				r.Matches[p.ID] = a
			}
		}
	case TypeNumeric, TypeText:
		r.Text = rapid.SampledFrom([]string{"", "7", "6,5", "7.6", "-1", "AI Act", "eu ai act", "x"}).Draw(t, "text")
		if n, ok := ParseNumber(r.Text, q.Unit); ok && q.Type == TypeNumeric {
			r.Number = &n
		}
	}
	return r
}

// formFor fills the attempt's form with the answer r, as a browser would send it.
func formFor(p PresentedQuestion, r Response) form {
	values := form{}
	switch {
	case len(r.Options) > 0:
		values[p.Field] = r.Options
	case r.Bool != nil:
		values[p.Field] = []string{strconv.FormatBool(*r.Bool)}
	case r.Text != "":
		values[p.Field] = []string{r.Text}
	}
	for _, it := range p.Items {
		if pos := r.Positions[it.ID]; pos > 0 {
			values[it.Field] = []string{strconv.Itoa(pos)}
		}
	}
	for _, pr := range p.Prompts {
		if a, ok := r.Matches[pr.ID]; ok {
			values[pr.Field] = []string{choiceFor(p, a)}
		}
	}
	return values
}

func TestGradeIsBoundedAndIndependentOfTheShownOrder(t *testing.T) {
	d := loadDefinition(t, "all-types.yaml")
	rapid.Check(t, func(t *rapid.T) {
		answers := map[string]Response{}
		for _, q := range d.Questions {
			answers[q.ID] = randomResponse(t, q)
		}
		var results []Result
		for _, seed := range []int64{rapid.Int64().Draw(t, "seed1"), rapid.Int64().Draw(t, "seed2")} {
			l := NewLayout(d, seed)
			decoded := map[string]Response{}
			for _, p := range l.Present(d) {
				q, _ := d.question(p.ID)
				r, err := DecodeResponse(q, p, formFor(p, answers[q.ID]))
				if err != nil {
					t.Fatalf("form of a real answer rejected: %v", err)
				}
				decoded[q.ID] = r
			}
			results = append(results, Grade(d, l, decoded))
		}
		first, second := results[0], results[1]
		if first.Score < 0 || first.Score > first.Max || first.Max != 8 {
			t.Fatalf("score %v of %v out of bounds", first.Score, first.Max)
		}
		for _, qr := range first.Questions {
			if qr.Score < 0 || qr.Score > qr.Max {
				t.Fatalf("question %s scored %v of %v", qr.ID, qr.Score, qr.Max)
			}
		}
		if first.Score != second.Score || first.Passed != second.Passed {
			t.Fatalf("same answers graded %v and %v under two layouts", first.Score, second.Score)
		}
	})
}

func TestDecodeResponseRoundTripsEveryAnswer(t *testing.T) {
	d := loadDefinition(t, "all-types.yaml")
	rapid.Check(t, func(t *rapid.T) {
		for _, p := range NewLayout(d, rapid.Int64().Draw(t, "seed")).Present(d) {
			q, _ := d.question(p.ID)
			want := randomResponse(t, q)
			got, err := DecodeResponse(q, p, formFor(p, want))
			if err != nil || !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: sent %+v, decoded %+v, %v", q.ID, want, got, err)
			}
		}
	})
}

func BenchmarkGrade(b *testing.B) {
	d := loadDefinition(b, "all-types.yaml")
	l := NewLayout(d, 1)
	responses := map[string]Response{
		"definition-ki": {Options: []string{"a"}},
		"risiken":       {Options: []string{"a", "c"}},
		"art4-gilt":     {Bool: ptr(true)},
		"prozess":       {Positions: map[string]int{"bedarf": 1, "test": 3, "einsatz": 2}},
		"risikoklassen": {Matches: map[string]string{"social": "Verboten", "kredit": "Hochrisiko"}},
		"bussgeld":      {Text: "7,2", Number: ptr(7.2)},
		"abkuerzung":    {Text: "eu ai act"},
	}
	for b.Loop() {
		Grade(d, l, responses)
	}
}
