package quiz

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// presented returns question id of d as shown in the attempt with the given seed.
func presented(t testing.TB, d Definition, seed int64, id string) (Question, PresentedQuestion) {
	t.Helper()
	q, ok := d.question(id)
	if !ok {
		t.Fatalf("no question %s", id)
	}
	for _, p := range NewLayout(d, seed).Present(d) {
		if p.ID == id {
			return q, p
		}
	}
	t.Fatalf("question %s not presented", id)
	return q, PresentedQuestion{}
}

func TestPresentShowsTextsAndFieldNames(t *testing.T) {
	d := loadDefinition(t, "all-types.yaml")
	d.Shuffle = false
	ps := NewLayout(d, 1).Present(d)
	if len(ps) != 7 {
		t.Fatalf("presented %d questions, want 7", len(ps))
	}
	single := ps[0]
	if single.Number != 1 || single.Field != "q-definition-ki" || single.Points != 1 || len(single.Options) != 3 || single.Options[0].Text == "" {
		t.Errorf("single question presented as %+v", single)
	}
	order := ps[3]
	if order.Field != "" || len(order.Items) != 3 || order.Items[0].Field != "q-prozess."+order.Items[0].ID || !slices.Equal(order.Positions, []int{1, 2, 3}) {
		t.Errorf("order question presented as %+v", order)
	}
	match := ps[4]
	if len(match.Prompts) != 3 || match.Prompts[0].Field != "q-risikoklassen.social" || len(match.Choices) != 3 || match.Choices[0].ID != "c1" {
		t.Errorf("match question presented as %+v", match)
	}
	if ps[5].Unit != "%" {
		t.Errorf("numeric unit %q, want %%", ps[5].Unit)
	}
}

// secretQuiz has a marker in every field a learner must not see before submitting.
func secretQuiz() Definition {
	return Definition{PassPercent: 50, Shuffle: true, Questions: []Question{
		{ID: "s", Type: TypeSingle, Text: "S", Explanation: "SECRET-explanation-s", Options: []Option{
			{ID: "a", Text: "A", Correct: true, Feedback: "SECRET-feedback-a"}, {ID: "b", Text: "B", Feedback: "SECRET-feedback-b"}}},
		{ID: "m", Type: TypeMultiple, Text: "M", Explanation: "SECRET-explanation-m", Options: []Option{
			{ID: "a", Text: "A", Correct: true, Feedback: "SECRET-feedback-ma"}, {ID: "b", Text: "B"}}},
		{ID: "t", Type: TypeTrueFalse, Text: "T", Value: false, FeedbackTrue: "SECRET-feedback-true", FeedbackFalse: "SECRET-feedback-false"},
		{ID: "o", Type: TypeOrder, Text: "O", Items: []Item{{"x", "X"}, {"y", "Y"}, {"z", "Z"}}},
		{ID: "p", Type: TypeMatch, Text: "P", Pairs: []Pair{{"k", "K", "Kay"}, {"l", "L", "Ell"}}, Distractors: []string{"Em"}},
		{ID: "n", Type: TypeNumeric, Text: "N", Value: 987654.321, Tolerance: 0.123456},
		{ID: "x", Type: TypeText, Text: "X", Accept: []string{"SECRET-accept"}},
	}}
}

func TestPresentNeverContainsAnswersOrFeedback(t *testing.T) {
	d := secretQuiz()
	rapid.Check(t, func(t *rapid.T) {
		ps := NewLayout(d, rapid.Int64().Draw(t, "seed")).Present(d)
		b, err := json.Marshal(ps)
		if err != nil {
			t.Fatal(err)
		}
		page := strings.ToLower(string(b))
		for _, secret := range []string{"secret", "correct", "987654", "0.123456", "tolerance", "explanation", "feedback", "accept", "answer"} {
			if strings.Contains(page, secret) {
				t.Fatalf("presented questions contain %q: %s", secret, b)
			}
		}
		// The ids of match choices must not tell which prompt they belong to.
		for _, p := range ps {
			for _, c := range p.Choices {
				for _, pr := range p.Prompts {
					if strings.Contains(c.ID, pr.ID) {
						t.Fatalf("choice id %q reveals prompt %q", c.ID, pr.ID)
					}
				}
			}
		}
	})
}
