package form

import (
	"net/url"
	"strconv"
)

// MaxQuizTimeExtension is the largest extension in percent (four times the time limit in total).
const MaxQuizTimeExtension = 300

// QuizTime is the admin form for a person's extra time in timed quizzes.
type QuizTime struct {
	Percent string // as typed; Validate checks it is a whole number
	Reason  string
}

// NewQuizTime reads the form.
func NewQuizTime(form url.Values) QuizTime {
	return QuizTime{Percent: trimmed(form, "percent"), Reason: trimmed(form, "reason")}
}

// Validate checks the fields and returns the extension in percent.
func (f QuizTime) Validate() (int, Errors) {
	errs := Errors{}
	n, err := strconv.Atoi(f.Percent)
	if err != nil || n < 0 || n > MaxQuizTimeExtension {
		errs["percent"] = "quiz.time.percent.invalid"
	}
	switch {
	case n > 0 && f.Reason == "":
		errs["reason"] = "quiz.time.reason.required"
	case len(f.Reason) > 500:
		errs["reason"] = "quiz.time.reason.long"
	}
	return n, errs
}
