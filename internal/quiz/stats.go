package quiz

import (
	"cmp"
	"math"
	"slices"
)

// MinAttemptsForStats is the fewest answers to a question before its statistics are shown: with
// fewer, a trainer could tell how a single learner answered.
const MinAttemptsForStats = 5

// AnswerRecord is one answer to one question in a submitted attempt, without any learner data.
type AnswerRecord struct {
	QuestionID   string
	QuestionHash string   // Question.Hash() of the question as asked
	Score        float64  // points reached on the question
	Max          float64  // points possible on the question
	Chosen       []string // Response.Chosen()
	AttemptScore float64  // points reached in the whole attempt
	AttemptMax   float64  // points possible in the whole attempt
}

// ItemStats describes how one version of a question (id and hash) worked in practice.
type ItemStats struct {
	QuestionID   string
	QuestionHash string
	Answers      int
	// Withheld is true when Answers < MinAttemptsForStats; the figures below are then empty.
	Withheld bool
	// Facility is the mean share of the points reached, 0 … 1 (near 1: easy, near 0: hard).
	Facility float64
	// Discrimination is the Pearson correlation, -1 … 1, between the score on this question and
	// the score on the rest of the attempt (the question itself left out, so it does not correlate
	// with itself). Below about 0.2 the question does not separate those who know the topic from
	// those who do not; negative values usually mean a flawed question. nil when it is undefined
	// (all answers scored the same, or the attempts had no other questions).
	Discrimination *float64
	// Choices counts how often each option was chosen (single, multiple) or each answer given
	// (truefalse: "true", "false").
	Choices map[string]int
}

// Chosen is what item statistics count of a response: the option ids of single and multiple
// questions, "true" or "false" for truefalse. Other types have no option distribution (free text
// is left out on purpose: it may contain personal data).
func (r Response) Chosen() []string {
	if r.Bool != nil {
		if *r.Bool {
			return []string{"true"}
		}
		return []string{"false"}
	}
	return slices.Clone(r.Options)
}

// ItemStatistics groups the records by question id and hash, sorted by id then hash.
func ItemStatistics(records []AnswerRecord) []ItemStats {
	groups := map[[2]string][]AnswerRecord{}
	for _, r := range records {
		key := [2]string{r.QuestionID, r.QuestionHash}
		groups[key] = append(groups[key], r)
	}
	var out []ItemStats
	for key, rs := range groups {
		s := ItemStats{QuestionID: key[0], QuestionHash: key[1], Answers: len(rs)}
		if len(rs) < MinAttemptsForStats {
			s.Withheld = true
		} else {
			s.Facility, s.Discrimination, s.Choices = itemFigures(rs)
		}
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b ItemStats) int {
		return cmp.Or(cmp.Compare(a.QuestionID, b.QuestionID), cmp.Compare(a.QuestionHash, b.QuestionHash))
	})
	return out
}

func itemFigures(rs []AnswerRecord) (facility float64, discrimination *float64, choices map[string]int) {
	var items, rests []float64
	choices = map[string]int{}
	for _, r := range rs {
		item := ratio(r.Score, r.Max)
		facility += item
		for _, c := range r.Chosen {
			choices[c]++
		}
		if restMax := r.AttemptMax - r.Max; restMax > 0 {
			items = append(items, item)
			rests = append(rests, ratio(r.AttemptScore-r.Score, restMax))
		}
	}
	facility /= float64(len(rs))
	if d, ok := pearson(items, rests); ok {
		discrimination = &d
	}
	return facility, discrimination, choices
}

func ratio(score, max float64) float64 {
	if max <= 0 {
		return 0
	}
	return score / max
}

// pearson is the correlation coefficient of x and y; ok is false when either does not vary.
func pearson(x, y []float64) (r float64, ok bool) {
	n := float64(len(x))
	if len(x) < 2 {
		return 0, false
	}
	var mx, my float64
	for i := range x {
		mx += x[i]
		my += y[i]
	}
	mx, my = mx/n, my/n
	var sxy, sxx, syy float64
	for i := range x {
		dx, dy := x[i]-mx, y[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	if sxx < epsilon || syy < epsilon {
		return 0, false
	}
	return math.Max(-1, math.Min(1, sxy/math.Sqrt(sxx*syy))), true
}
