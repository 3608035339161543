package quiz

import "unicode/utf8"

// Balance holds the key-balance figures of a set of questions: the cues a test-taker could use
// without understanding the content (always answering "false", always picking the longest option,
// ticking everything in a multiple-choice question).
type Balance struct {
	TrueFalse      int // true/false questions
	TrueFalseFalse int // … whose answer is "false"

	Single        int // single-choice questions
	SingleLongest int // … whose right option is the longest (ties count: the cue still works)

	Multiple            int         // multiple-choice questions
	MultipleMajority    int         // … where more than half of the options are right
	MultipleRightCounts map[int]int // number of right options → number of questions

	Text int // free-text questions (brittle: every spelling must be listed)
}

// Add counts the questions of one quiz into b.
func (b *Balance) Add(questions []Question) {
	if b.MultipleRightCounts == nil {
		b.MultipleRightCounts = map[int]int{}
	}
	for _, q := range questions {
		switch q.Type {
		case TypeTrueFalse:
			b.TrueFalse++
			if v, ok := q.TrueFalseAnswer(); ok && !v {
				b.TrueFalseFalse++
			}
		case TypeSingle:
			b.Single++
			if RightIsLongest(q.Options) {
				b.SingleLongest++
			}
		case TypeMultiple:
			b.Multiple++
			right := 0
			for _, o := range q.Options {
				if o.Correct {
					right++
				}
			}
			b.MultipleRightCounts[right]++
			if 2*right > len(q.Options) {
				b.MultipleMajority++
			}
		case TypeText:
			b.Text++
		}
	}
}

// RightIsLongest reports whether the right option is at least as long (in characters) as every
// wrong one.
func RightIsLongest(options []Option) bool {
	right, longestWrong := -1, 0
	for _, o := range options {
		n := utf8.RuneCountInString(o.Text)
		if o.Correct {
			right = n
		} else if n > longestWrong {
			longestWrong = n
		}
	}
	return right >= 0 && right >= longestWrong
}

// Share returns part/whole as a percentage (0 when whole is 0).
func Share(part, whole int) float64 {
	if whole == 0 {
		return 0
	}
	return 100 * float64(part) / float64(whole)
}
