package content_test

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/quiz"
)

// TestEveryShippedQuizPassesWithTheRightAnswersAndFailsWithWrongOnes walks every quiz of the shipped
// courses through the same path a learner's form takes (layout → presented form → decoded answers →
// grading): the answers from the quiz file reach 100 %, wrong answers fail.
func TestEveryShippedQuizPassesWithTheRightAnswersAndFailsWithWrongOnes(t *testing.T) {
	cat, report, err := content.Load("../../courses")
	if err != nil {
		t.Fatal(err)
	}
	if len(report.Problems) > 0 {
		t.Fatalf("shipped courses have problems: %v", report.Problems)
	}
	quizzes := 0
	for _, course := range cat.Courses() {
		for _, v := range course.Versions() {
			for _, m := range v.Modules {
				if m.Quiz == nil {
					continue
				}
				quizzes++
				name := fmt.Sprintf("%s/%s/%s", v.CourseID, v.Version, m.ID)
				for _, seed := range []int64{1, 42} {
					right := grade(t, *m.Quiz, seed, true)
					if right.Percent != 100 || !right.Passed {
						t.Errorf("%s (seed %d): the right answers score %.1f %%, want 100 %%", name, seed, right.Percent)
					}
					wrong := grade(t, *m.Quiz, seed, false)
					if wrong.Passed || wrong.Percent > 20 {
						t.Errorf("%s (seed %d): wrong answers score %.1f %% (passed %v), want a clear failure", name, seed, wrong.Percent, wrong.Passed)
					}
				}
			}
		}
	}
	if quizzes < 20 {
		t.Fatalf("walked %d quizzes; the shipped courses have more", quizzes)
	}
}

// grade fills the presented form with the right (or wrong) answers from the definition, decodes it
// like the server does, and grades it.
func grade(t *testing.T, d quiz.Definition, seed int64, right bool) quiz.Result {
	t.Helper()
	layout := quiz.NewLayout(d, seed)
	form := map[string][]string{}
	byID := map[string]quiz.Question{}
	for _, q := range d.Questions {
		byID[q.ID] = q
	}
	presented := layout.Present(d)
	for _, p := range presented {
		fill(form, byID[p.ID], p, right)
	}
	responses := map[string]quiz.Response{}
	for _, p := range presented {
		r, err := quiz.DecodeResponse(byID[p.ID], p, form)
		if err != nil {
			t.Fatalf("question %s: decoding the filled form: %v", p.ID, err)
		}
		responses[p.ID] = r
	}
	return quiz.Grade(d, layout, responses)
}

func fill(form map[string][]string, q quiz.Question, p quiz.PresentedQuestion, right bool) {
	switch q.Type {
	case quiz.TypeSingle, quiz.TypeMultiple:
		for _, o := range q.Options {
			if o.Correct == right {
				form[p.Field] = append(form[p.Field], o.ID)
				if q.Type == quiz.TypeSingle {
					break
				}
			}
		}
	case quiz.TypeTrueFalse:
		answer, _ := q.TrueFalseAnswer()
		form[p.Field] = []string{strconv.FormatBool(answer == right)}
	case quiz.TypeOrder:
		n := len(q.Items)
		for i, item := range q.Items {
			pos := i + 1 // items are listed in the correct order
			if !right {
				pos = n - i
			}
			for _, pi := range p.Items {
				if pi.ID == item.ID {
					form[pi.Field] = []string{strconv.Itoa(pos)}
				}
			}
		}
	case quiz.TypeMatch:
		for i, pair := range q.Pairs {
			answer := pair.Answer
			if !right {
				answer = q.Pairs[(i+1)%len(q.Pairs)].Answer
			}
			for _, pr := range p.Prompts {
				if pr.ID != pair.ID {
					continue
				}
				for _, c := range p.Choices {
					if c.Text == answer {
						form[pr.Field] = []string{c.ID}
					}
				}
			}
		}
	case quiz.TypeNumeric:
		answer, _ := q.NumericAnswer()
		if !right {
			answer += q.Tolerance + 1000
		}
		form[p.Field] = []string{strconv.FormatFloat(answer, 'f', -1, 64)}
	case quiz.TypeText:
		if right {
			form[p.Field] = []string{q.Accept[0]}
		} else {
			form[p.Field] = []string{"ganz bestimmt falsch"}
		}
	}
}
