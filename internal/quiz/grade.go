package quiz

import (
	"math"
	"slices"
	"strings"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Result is the graded attempt.
type Result struct {
	Questions []QuestionResult // in layout order
	Score     float64          // points reached
	Max       float64          // points possible
	// Percent is Score/Max in percent, rounded down to one decimal so that a failed attempt never
	// shows the pass mark (79.96 % shows as 79.9 %, not 80 %).
	Percent float64
	Passed  bool // Score/Max ≥ pass_percent, computed before rounding
}

// QuestionResult is the grade of one question.
type QuestionResult struct {
	ID       string
	Score    float64 // 0 … Max
	Max      float64
	Answered bool
}

// Question outcomes, see QuestionResult.Outcome.
const (
	OutcomeCorrect    = "correct"
	OutcomePartial    = "partial"
	OutcomeWrong      = "wrong"
	OutcomeUnanswered = "unanswered"
)

// Fraction is Score/Max, 0 … 1.
func (r QuestionResult) Fraction() float64 {
	if r.Max == 0 {
		return 0
	}
	return r.Score / r.Max
}

// Outcome is OutcomeCorrect, OutcomePartial, OutcomeWrong or OutcomeUnanswered.
func (r QuestionResult) Outcome() string {
	switch f := r.Fraction(); {
	case !r.Answered:
		return OutcomeUnanswered
	case f >= 1-epsilon:
		return OutcomeCorrect
	case f > epsilon:
		return OutcomePartial
	}
	return OutcomeWrong
}

// epsilon absorbs floating-point noise in comparisons (0.1 + 0.2 vs 0.3).
const epsilon = 1e-9

// Grade scores every question of the attempt by the rules of docs/course-format.md section 4.
// responses maps question ids to answers; a missing response is unanswered and scores 0. Grading
// looks only at ids and texts, never at the order the layout showed things in.
func Grade(d Definition, l Layout, responses map[string]Response) Result {
	var res Result
	for _, lq := range l.Questions {
		q, ok := d.question(lq.ID)
		if !ok {
			continue
		}
		r := responses[q.ID]
		qr := QuestionResult{ID: q.ID, Max: q.MaxPoints(), Answered: r.Answered()}
		qr.Score = score(q, r) * qr.Max
		res.Questions = append(res.Questions, qr)
	}
	// Sum in definition order: floating-point sums depend on their order, and the total must not
	// depend on the order the questions were shown in.
	for _, q := range d.Questions {
		if i := slices.IndexFunc(res.Questions, func(qr QuestionResult) bool { return qr.ID == q.ID }); i >= 0 {
			res.Score += res.Questions[i].Score
			res.Max += res.Questions[i].Max
		}
	}
	if res.Max > 0 {
		exact := res.Score / res.Max * 100
		res.Percent = math.Floor(exact*10+epsilon) / 10
		res.Passed = exact >= float64(d.PassPercent)-epsilon
	}
	return res
}

// score returns the share of the question's points the response earns, 0 … 1.
func score(q Question, r Response) float64 {
	switch q.Type {
	case TypeSingle:
		if len(r.Options) == 1 {
			if o, ok := q.option(r.Options[0]); ok && o.Correct {
				return 1
			}
		}
	case TypeMultiple:
		return multipleScore(q, r.Options)
	case TypeTrueFalse:
		answer, ok := q.TrueFalseAnswer()
		if ok && r.Bool != nil && *r.Bool == answer {
			return 1
		}
	case TypeOrder:
		right := 0
		for i, it := range q.Items {
			if r.Positions[it.ID] == i+1 {
				right++
			}
		}
		return share(right, len(q.Items))
	case TypeMatch:
		right := 0
		for _, p := range q.Pairs {
			if chosen, ok := r.Matches[p.ID]; ok && chosen == p.Answer {
				right++
			}
		}
		return share(right, len(q.Pairs))
	case TypeNumeric:
		answer, ok := q.NumericAnswer()
		if ok && r.Number != nil && numericRight(*r.Number, answer, q.Tolerance) {
			return 1
		}
	case TypeText:
		if textAccepted(r.Text, q.Accept, q.CaseSensitive) {
			return 1
		}
	}
	return 0
}

// multipleScore is (correct chosen − wrong chosen) ÷ number of correct options, never below 0.
func multipleScore(q Question, chosen []string) float64 {
	correct, right, wrong := 0, 0, 0
	for _, o := range q.Options {
		picked := slices.Contains(chosen, o.ID)
		switch {
		case o.Correct:
			correct++
			if picked {
				right++
			}
		case picked:
			wrong++
		}
	}
	if correct == 0 {
		return 0
	}
	return math.Max(0, float64(right-wrong)/float64(correct))
}

func share(right, total int) float64 {
	if total == 0 {
		return 0
	}
	return float64(right) / float64(total)
}

// numericRight allows the tolerance plus a relative hair for floating-point noise.
func numericRight(given, answer, tolerance float64) bool {
	return math.Abs(given-answer) <= tolerance+epsilon*math.Max(1, math.Abs(answer))
}

func textAccepted(given string, accept []string, caseSensitive bool) bool {
	g := normalizeText(given, caseSensitive)
	if g == "" {
		return false
	}
	for _, a := range accept {
		if normalizeText(a, caseSensitive) == g {
			return true
		}
	}
	return false
}

// normalizeText makes answers comparable: Unicode NFC (a typed "ä" may be one or two code points),
// spaces trimmed and collapsed, and unless caseSensitive case-folded ("STRASSE" equals "Straße").
func normalizeText(s string, caseSensitive bool) string {
	s = collapseSpace(norm.NFC.String(s))
	if !caseSensitive {
		s = cases.Fold().String(s)
	}
	return s
}

// collapseSpace trims s and collapses every run of white space into one space.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
