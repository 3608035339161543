package quiz

import "slices"

// ReviewState is what the review rules depend on.
type ReviewState struct {
	AttemptPassed     bool // this attempt passed
	QuizPassed        bool // any attempt of this learner passed the quiz
	AttemptsExhausted bool // no attempt is left
}

// ReviewVisibility says what the review of an attempt shows besides the total score and whether it
// passed, which are always shown.
type ReviewVisibility struct {
	Correctness   bool // right/wrong and the score per question
	Feedback      bool // the feedback of the chosen options and of the truefalse answer given
	Explanation   bool
	CorrectAnswer bool
}

// Visible applies review.show and review.when (docs/course-format.md section 4). after_pass opens
// the review once the quiz is passed; after_last_attempt once no attempt is left or the quiz is passed.
func Visible(d Definition, s ReviewState) ReviewVisibility {
	passed := s.AttemptPassed || s.QuizPassed
	open := false
	switch d.Review.When {
	case "", WhenImmediately:
		open = true
	case WhenAfterPass:
		open = passed
	case WhenAfterLastAttempt:
		open = passed || s.AttemptsExhausted
	}
	if !open {
		return ReviewVisibility{}
	}
	return ReviewVisibility{
		Correctness:   slices.Contains(d.Review.Show, ShowCorrectness),
		Feedback:      slices.Contains(d.Review.Show, ShowFeedback),
		Explanation:   slices.Contains(d.Review.Show, ShowExplanation),
		CorrectAnswer: slices.Contains(d.Review.Show, ShowCorrectAnswer),
	}
}

// Verdicts on the parts of an answer (a chosen option, an item's position, a prompt's answer).
const (
	VerdictRight = "right"
	VerdictWrong = "wrong"
)

// ReviewQuestion is the review of one question. It holds the learner's own answer and, only when
// Show allows, correctness, feedback, explanation and the correct answer: hidden parts are empty,
// so a template cannot show them by mistake. Check Show before rendering a "correct answer" block.
type ReviewQuestion struct {
	ID     string
	Type   string
	Number int
	Text   string
	Max    float64
	Show   ReviewVisibility

	Score       float64 // Show.Correctness
	Outcome     string  // Show.Correctness: OutcomeCorrect, …; "" when hidden
	Feedback    string  // Show.Feedback: truefalse feedback for the answer given
	Explanation string  // Show.Explanation

	Options []ReviewOption // single, multiple: as shown
	Items   []ReviewItem   // order: as shown
	Pairs   []ReviewPair   // match: as shown

	GivenBool   *bool  // truefalse: the learner's answer, nil when unanswered
	GivenText   string // numeric, text: as typed
	CorrectBool *bool  // truefalse, Show.CorrectAnswer

	CorrectNumber *float64 // numeric, Show.CorrectAnswer
	Tolerance     float64  // numeric, Show.CorrectAnswer
	Unit          string   // numeric
	Accepted      []string // text, Show.CorrectAnswer: every accepted answer
}

// ReviewOption is an option as reviewed.
type ReviewOption struct {
	ID       string
	Text     string
	Chosen   bool
	Verdict  string // Show.Correctness, chosen options only: VerdictRight or VerdictWrong
	Correct  bool   // Show.CorrectAnswer: the option is correct
	Feedback string // Show.Feedback, chosen options only
}

// ReviewItem is an item of an order question as reviewed.
type ReviewItem struct {
	ID              string
	Text            string
	Position        int    // chosen by the learner, 0 when none
	Verdict         string // Show.Correctness
	CorrectPosition int    // Show.CorrectAnswer
}

// ReviewPair is a prompt of a match question as reviewed.
type ReviewPair struct {
	ID            string
	Prompt        string
	Chosen        string // the answer chosen, "" when none
	Verdict       string // Show.Correctness
	CorrectAnswer string // Show.CorrectAnswer
}

// BuildReview returns the review of a graded attempt with only what v allows.
func BuildReview(d Definition, l Layout, responses map[string]Response, res Result, v ReviewVisibility) []ReviewQuestion {
	var out []ReviewQuestion
	for _, lq := range l.Questions {
		q, ok := d.question(lq.ID)
		if !ok {
			continue
		}
		rq := ReviewQuestion{ID: q.ID, Type: q.Type, Number: len(out) + 1, Text: q.Text, Max: q.MaxPoints(), Show: v}
		if v.Correctness {
			for _, qr := range res.Questions {
				if qr.ID == q.ID {
					rq.Score, rq.Outcome = qr.Score, qr.Outcome()
				}
			}
		}
		if v.Explanation {
			rq.Explanation = q.Explanation
		}
		reviewAnswer(&rq, q, lq, responses[q.ID], v)
		out = append(out, rq)
	}
	return out
}

func reviewAnswer(rq *ReviewQuestion, q Question, lq LayoutQuestion, r Response, v ReviewVisibility) {
	switch q.Type {
	case TypeSingle, TypeMultiple:
		for _, id := range lq.Order {
			o, ok := q.option(id)
			if !ok {
				continue
			}
			ro := ReviewOption{ID: o.ID, Text: o.Text, Chosen: r.Chose(o.ID), Correct: v.CorrectAnswer && o.Correct}
			if ro.Chosen && v.Correctness {
				ro.Verdict = verdict(o.Correct)
			}
			if ro.Chosen && v.Feedback {
				ro.Feedback = o.Feedback
			}
			rq.Options = append(rq.Options, ro)
		}
	case TypeTrueFalse:
		answer, _ := q.TrueFalseAnswer()
		rq.GivenBool = r.Bool
		if v.CorrectAnswer {
			rq.CorrectBool = &answer
		}
		if v.Feedback && r.Bool != nil {
			rq.Feedback = q.FeedbackFalse
			if *r.Bool {
				rq.Feedback = q.FeedbackTrue
			}
		}
	case TypeOrder:
		for _, id := range lq.Order {
			i := slices.IndexFunc(q.Items, func(it Item) bool { return it.ID == id })
			if i < 0 {
				continue
			}
			ri := ReviewItem{ID: id, Text: q.Items[i].Text, Position: r.Position(id)}
			if v.Correctness {
				ri.Verdict = verdict(ri.Position == i+1)
			}
			if v.CorrectAnswer {
				ri.CorrectPosition = i + 1
			}
			rq.Items = append(rq.Items, ri)
		}
	case TypeMatch:
		for _, id := range lq.Order {
			p, ok := q.pair(id)
			if !ok {
				continue
			}
			rp := ReviewPair{ID: id, Prompt: p.Prompt, Chosen: r.Matched(id)}
			if v.Correctness {
				rp.Verdict = verdict(rp.Chosen == p.Answer)
			}
			if v.CorrectAnswer {
				rp.CorrectAnswer = p.Answer
			}
			rq.Pairs = append(rq.Pairs, rp)
		}
	case TypeNumeric:
		rq.GivenText, rq.Unit = r.Text, q.Unit
		if answer, ok := q.NumericAnswer(); ok && v.CorrectAnswer {
			rq.CorrectNumber, rq.Tolerance = &answer, q.Tolerance
		}
	case TypeText:
		rq.GivenText = r.Text
		if v.CorrectAnswer {
			rq.Accepted = slices.Clone(q.Accept)
		}
	}
}

func verdict(right bool) string {
	if right {
		return VerdictRight
	}
	return VerdictWrong
}
