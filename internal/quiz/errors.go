package quiz

import (
	"errors"
	"fmt"
)

// Errors of DecodeResponse. A correct form never produces them: they mean a tampered or stale
// form. Match them with errors.Is; errors.As gives the *ResponseError with the details.
var (
	ErrWrongQuestion = errors.New("the form belongs to another question")
	ErrUnknownOption = errors.New("unknown option")
	ErrUnknownChoice = errors.New("unknown answer choice")
	ErrUnknownField  = errors.New("unknown form field")
	ErrInvalidValue  = errors.New("invalid value")
	ErrTooManyValues = errors.New("too many values")
	ErrAnswerTooLong = errors.New("answer too long")
)

// ResponseError says which question and form field a DecodeResponse error is about.
type ResponseError struct {
	QuestionID string
	Field      string
	Value      string
	Err        error
}

func (e *ResponseError) Error() string {
	value := e.Value
	if len(value) > 40 {
		value = value[:40] + "…"
	}
	return fmt.Sprintf("quiz: question %s, field %s, value %q: %v", e.QuestionID, e.Field, value, e.Err)
}

func (e *ResponseError) Unwrap() error { return e.Err }

// Errors of the attempt rules (CanStart, CheckSubmission).
var (
	ErrNoAttemptsLeft    = errors.New("no attempts left")
	ErrMustWait          = errors.New("waiting time before the next attempt")
	ErrAttemptInProgress = errors.New("an attempt is in progress")
	ErrDeadlinePassed    = errors.New("the time limit of the attempt has passed")
)
