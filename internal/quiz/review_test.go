package quiz

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestVisibleFollowsReviewWhen(t *testing.T) {
	all := ReviewVisibility{Correctness: true, Feedback: true, Explanation: true, CorrectAnswer: true}
	tests := []struct {
		name  string
		when  string
		state ReviewState
		want  ReviewVisibility
	}{
		{"empty when means immediately", "", ReviewState{}, all},
		{"immediately after a failed attempt", WhenImmediately, ReviewState{}, all},
		{"after_pass, failed so far", WhenAfterPass, ReviewState{}, ReviewVisibility{}},
		{"after_pass, failed although attempts are used up", WhenAfterPass, ReviewState{AttemptsExhausted: true}, ReviewVisibility{}},
		{"after_pass, this attempt passed", WhenAfterPass, ReviewState{AttemptPassed: true}, all},
		{"after_pass, an earlier attempt passed", WhenAfterPass, ReviewState{QuizPassed: true}, all},
		{"after_last_attempt, attempts left", WhenAfterLastAttempt, ReviewState{}, ReviewVisibility{}},
		{"after_last_attempt, none left", WhenAfterLastAttempt, ReviewState{AttemptsExhausted: true}, all},
		{"after_last_attempt, passed", WhenAfterLastAttempt, ReviewState{QuizPassed: true}, all},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Definition{Review: Review{Show: []string{ShowCorrectness, ShowFeedback, ShowExplanation, ShowCorrectAnswer}, When: tt.when}}
			if got := Visible(d, tt.state); got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestVisibleShowsOnlyWhatReviewShowLists(t *testing.T) {
	d := Definition{Review: Review{Show: []string{ShowCorrectness}}}
	if got := Visible(d, ReviewState{}); got != (ReviewVisibility{Correctness: true}) {
		t.Errorf("got %+v, want only correctness", got)
	}
}

func reviewOf(t *testing.T, v ReviewVisibility) []ReviewQuestion {
	t.Helper()
	d := secretQuiz()
	l := NewLayout(d, 5)
	responses := map[string]Response{
		"s": {Options: []string{"b"}},
		"m": {Options: []string{"a"}},
		"t": {Bool: ptr(true)},
		"o": {Positions: map[string]int{"x": 1}},
		"p": {Matches: map[string]string{"k": "Ell"}},
		"n": {Text: "12", Number: ptr(12.0)},
		"x": {Text: "geraten"},
	}
	return BuildReview(d, l, responses, Grade(d, l, responses), v)
}

func TestBuildReviewHidesEverythingNotVisible(t *testing.T) {
	rs := reviewOf(t, ReviewVisibility{})
	b, err := json.Marshal(rs)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, secret := range []string{"SECRET", "987654", "0.123456", `"Correct":true`, `"CorrectPosition":1`, `"CorrectAnswer":"Ell"`, "Kay",
		`"Verdict":"right"`, `"Verdict":"wrong"`, `"Outcome":"correct"`, `"Outcome":"wrong"`, `"Outcome":"unanswered"`, `"Score":1`} {
		if strings.Contains(page, secret) {
			t.Errorf("hidden review contains %q", secret)
		}
	}
	// The learner's own answers are always shown.
	for _, own := range []string{`"Chosen":true`, `"GivenText":"geraten"`, `"GivenBool":true`, `"Position":1`, `"Chosen":"Ell"`} {
		if !strings.Contains(page, own) {
			t.Errorf("review lacks the learner's answer %s", own)
		}
	}
}

func TestBuildReviewShowsWhatIsVisible(t *testing.T) {
	rs := reviewOf(t, ReviewVisibility{Correctness: true, Feedback: true, Explanation: true, CorrectAnswer: true})
	byID := map[string]ReviewQuestion{}
	for _, rq := range rs {
		byID[rq.ID] = rq
	}
	s := byID["s"]
	if s.Outcome != OutcomeWrong || s.Explanation != "SECRET-explanation-s" {
		t.Errorf("single: outcome %q explanation %q", s.Outcome, s.Explanation)
	}
	for _, o := range s.Options {
		switch o.ID {
		case "a":
			if !o.Correct || o.Chosen || o.Feedback != "" || o.Verdict != "" {
				t.Errorf("correct option not chosen: %+v (feedback only for chosen options)", o)
			}
		case "b":
			if o.Correct || !o.Chosen || o.Feedback != "SECRET-feedback-b" || o.Verdict != VerdictWrong {
				t.Errorf("wrong option chosen: %+v", o)
			}
		}
	}
	if tf := byID["t"]; tf.Feedback != "SECRET-feedback-true" || tf.CorrectBool == nil || *tf.CorrectBool || tf.Outcome != OutcomeWrong {
		t.Errorf("truefalse: %+v", tf)
	}
	if m := byID["m"]; m.Outcome != OutcomeCorrect || m.Score != 1 {
		t.Errorf("multiple: outcome %q score %v", m.Outcome, m.Score)
	}
	for _, p := range byID["p"].Pairs {
		if p.ID == "k" && (p.Chosen != "Ell" || p.Verdict != VerdictWrong || p.CorrectAnswer != "Kay") {
			t.Errorf("match pair: %+v", p)
		}
	}
	if n := byID["n"]; n.CorrectNumber == nil || *n.CorrectNumber != 987654.321 || n.Tolerance != 0.123456 {
		t.Errorf("numeric: %+v", n)
	}
	if x := byID["x"]; len(x.Accepted) != 1 || x.Outcome != OutcomeWrong {
		t.Errorf("text: %+v", x)
	}
}
