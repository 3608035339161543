package quiz

import (
	"math/rand/v2"
	"slices"
	"strconv"
)

// Layout is one attempt as drawn from a seed: which questions, in which order, and in which order
// their options, items, prompts and answer choices are shown. Store it with the attempt (it is
// plain JSON); NewLayout with the same definition and seed gives the same layout again.
type Layout struct {
	Seed      int64            `json:"seed"`
	Questions []LayoutQuestion `json:"questions"`
}

// LayoutQuestion is one drawn question in the order it is shown.
type LayoutQuestion struct {
	ID string `json:"id"`
	// Order lists, as shown, the option ids (single, multiple), item ids (order) or pair ids (the
	// prompts of a match question).
	Order []string `json:"order,omitempty"`
	// Choices lists, as shown, the answer texts a match question offers for every prompt (the
	// pairs' answers and the distractors). The form identifies Choices[i] by ChoiceID(i).
	Choices []string `json:"choices,omitempty"`
}

// NewLayout draws an attempt: d.Draw questions without repeats (all when Draw is 0), with the
// questions, options and match prompts shuffled when d.Shuffle is set. The items of an order
// question and the answer choices of a match question are always shown shuffled, and never in
// their original order, so the form does not give the solution away.
func NewLayout(d Definition, seed int64) Layout {
	r := newRandom(seed)
	drawn := r.perm(len(d.Questions))
	if d.Draw > 0 && d.Draw < len(drawn) {
		drawn = drawn[:d.Draw]
	}
	if !d.Shuffle {
		slices.Sort(drawn)
	}
	l := Layout{Seed: seed, Questions: make([]LayoutQuestion, 0, len(drawn))}
	for _, i := range drawn {
		q := d.Questions[i]
		lq := LayoutQuestion{ID: q.ID}
		switch q.Type {
		case TypeSingle, TypeMultiple:
			for _, o := range q.Options {
				lq.Order = append(lq.Order, o.ID)
			}
			if d.Shuffle {
				shuffle(r, lq.Order)
			}
		case TypeOrder:
			for _, it := range q.Items {
				lq.Order = append(lq.Order, it.ID)
			}
			r.shuffleAway(lq.Order)
		case TypeMatch:
			for _, p := range q.Pairs {
				lq.Order = append(lq.Order, p.ID)
			}
			if d.Shuffle {
				shuffle(r, lq.Order)
			}
			lq.Choices = matchChoices(q)
			r.shuffleAway(lq.Choices)
		}
		l.Questions = append(l.Questions, lq)
	}
	return l
}

// ChoiceID is the form value of the i-th answer choice of a match question as shown. It says
// nothing about which prompt the choice belongs to.
func ChoiceID(i int) string { return "c" + strconv.Itoa(i+1) }

// matchChoices returns the distinct answers of a match question: the pairs' answers (two prompts
// may share one answer) followed by the distractors.
func matchChoices(q Question) []string {
	var choices []string
	for _, p := range q.Pairs {
		if !slices.Contains(choices, p.Answer) {
			choices = append(choices, p.Answer)
		}
	}
	for _, a := range q.Distractors {
		if !slices.Contains(choices, a) {
			choices = append(choices, a)
		}
	}
	return choices
}

// random draws from a PCG generator. It uses only the generator's raw output, because PCG's output
// is fixed by its specification while math/rand's helpers (IntN, Shuffle) may change between Go
// versions, and a stored attempt must be re-created identically from its seed forever.
type random struct{ pcg *rand.PCG }

// pcgStream is the second half of the PCG seed: any constant works, it only has to stay the same.
const pcgStream = 0x9e3779b97f4a7c15

func newRandom(seed int64) random {
	return random{rand.NewPCG(uint64(seed), pcgStream)}
}

// intN returns a uniform number in [0, n) (n > 0) without modulo bias.
func (r random) intN(n int) int {
	bound := uint64(n)
	threshold := -bound % bound // 2^64 mod n: values below it would favour small results
	for {
		if v := r.pcg.Uint64(); v >= threshold {
			return int(v % bound)
		}
	}
}

// shuffle is the Fisher–Yates shuffle.
func shuffle[T any](r random, s []T) {
	for i := len(s) - 1; i > 0; i-- {
		j := r.intN(i + 1)
		s[i], s[j] = s[j], s[i]
	}
}

// shuffleAway shuffles s into an order different from the one it has, when there is one.
func (r random) shuffleAway(s []string) {
	original := slices.Clone(s)
	for {
		shuffle(r, s)
		if !slices.Equal(s, original) || !hasTwoDistinct(s) {
			return
		}
	}
}

func hasTwoDistinct(s []string) bool {
	for _, x := range s {
		if x != s[0] {
			return true
		}
	}
	return false
}

func (r random) perm(n int) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	shuffle(r, p)
	return p
}
