package content_test

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/quiz"
)

// Thresholds for the cues a test-taker could use without understanding (issue 20): answering every
// true/false item with "false", always picking the longest option, ticking nearly everything.
const (
	maxTrueFalseFalsePercent = 60
	maxSingleLongestPercent  = 40
	maxMultipleMajority      = 50 // share of multiple-choice items with more than half the options right
)

// brittleText reports a free-text item whose answer is a citation or a number ("Art. 86",
// "§ 35a", "60d"): learners write those in too many ways ("Artikel 86 KI-VO", "§ 60 d UrhG") for an
// accept list to catch, so such items must be choices. One-word terms with their usual spellings
// ("token", "tokens") are allowed.
func brittleText(q quiz.Question) bool {
	for _, a := range q.Accept {
		if strings.ContainsAny(a, "0123456789§") || strings.Contains(strings.ToLower(a), "art") && strings.ContainsAny(a, ". ") {
			return true
		}
	}
	return false
}

// TestShippedQuizKeysGiveNoTestTakingCues computes the key-balance figures over the newest
// published version of every shipped course, prints them and fails above the thresholds.
func TestShippedQuizKeysGiveNoTestTakingCues(t *testing.T) {
	cat := shippedCatalog(t)
	var all quiz.Balance
	for _, course := range cat.Courses() {
		v := course.Latest()
		var b quiz.Balance
		for _, m := range v.Modules {
			if m.Quiz != nil {
				b.Add(m.Quiz.Questions)
				all.Add(m.Quiz.Questions)
				for _, q := range m.Quiz.Questions {
					if q.Type == quiz.TypeSingle && quiz.RightIsLongest(q.Options) {
						t.Logf("    longest option right: %s/%s %s", v.CourseID, m.ID, q.ID)
					}
					if q.Type == quiz.TypeText {
						t.Logf("    free text: %s/%s %s accepts %q", v.CourseID, m.ID, q.ID, q.Accept)
						if brittleText(q) {
							t.Errorf("%s/%s %s: a free-text item asks for a citation or number %q; make it a choice", v.CourseID, m.ID, q.ID, q.Accept)
						}
					}
				}
			}
		}
		logBalance(t, v.CourseID+" "+v.Version, b)
	}
	logBalance(t, "ALL (newest versions)", all)

	if all.TrueFalse == 0 || all.Single == 0 || all.Multiple == 0 {
		t.Fatalf("the shipped quizzes lack a question type: %+v", all)
	}
	if p := quiz.Share(all.TrueFalseFalse, all.TrueFalse); p > maxTrueFalseFalsePercent {
		t.Errorf("true/false: %.0f %% have the answer \"false\" (%d of %d); at most %d %%", p, all.TrueFalseFalse, all.TrueFalse, maxTrueFalseFalsePercent)
	}
	if p := quiz.Share(all.SingleLongest, all.Single); p > maxSingleLongestPercent {
		t.Errorf("single choice: the longest option is right in %.0f %% (%d of %d); at most %d %%", p, all.SingleLongest, all.Single, maxSingleLongestPercent)
	}
	if p := quiz.Share(all.MultipleMajority, all.Multiple); p > maxMultipleMajority {
		t.Errorf("multiple choice: more than half of the options are right in %.0f %% (%d of %d); at most %d %%", p, all.MultipleMajority, all.Multiple, maxMultipleMajority)
	}
	if len(all.MultipleRightCounts) < 3 {
		t.Errorf("multiple choice: right options per item %v; want at least three different numbers", all.MultipleRightCounts)
	}
}

func logBalance(t *testing.T, name string, b quiz.Balance) {
	t.Helper()
	counts := ""
	for _, k := range slices.Sorted(maps.Keys(b.MultipleRightCounts)) {
		counts += " " + strconv.Itoa(k) + "×" + strconv.Itoa(b.MultipleRightCounts[k])
	}
	t.Logf("%-36s true/false %2d, false %2d (%3.0f %%) | single %2d, longest right %2d (%3.0f %%) | multiple %2d, majority right %2d (%3.0f %%), right options:%s | text %d",
		name, b.TrueFalse, b.TrueFalseFalse, quiz.Share(b.TrueFalseFalse, b.TrueFalse),
		b.Single, b.SingleLongest, quiz.Share(b.SingleLongest, b.Single),
		b.Multiple, b.MultipleMajority, quiz.Share(b.MultipleMajority, b.Multiple), counts, b.Text)
}
