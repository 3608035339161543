package quiz

import "time"

// Attempt policy: a learner may start another attempt while attempts remain (d.Attempts, 0 =
// unlimited) and the waiting time since the last one has passed, also after passing, to improve.
// The quiz stays passed once any attempt passed, and the best attempt is the result on record.
// Only one attempt runs at a time.

// SubmitGrace is how long after the deadline a submission is still accepted, for the network.
const SubmitGrace = 30 * time.Second

// AttemptSummary is what the rules need to know of one earlier attempt.
type AttemptSummary struct {
	Started   time.Time
	Finished  time.Time // when it was submitted; zero while it is open
	Passed    bool
	Extension time.Duration // extra time granted to this learner (see Deadline)
}

// CanStart reports whether the learner, with these attempts at the quiz so far, may start a new
// attempt now. If not, reason is ErrAttemptInProgress (resume that one), ErrNoAttemptsLeft or
// ErrMustWait; with ErrMustWait, nextAllowed is when the next attempt may start. An open attempt
// whose deadline (plus SubmitGrace) has passed counts as ended at its deadline.
func CanStart(d Definition, history []AttemptSummary, now time.Time) (ok bool, reason error, nextAllowed time.Time) {
	var lastEnd time.Time
	for _, a := range history {
		end := a.Finished
		if end.IsZero() {
			deadline, limited := Deadline(a.Started, d, a.Extension)
			if !limited || now.Before(deadline.Add(SubmitGrace)) {
				return false, ErrAttemptInProgress, time.Time{}
			}
			end = deadline
		}
		if end.After(lastEnd) {
			lastEnd = end
		}
	}
	if d.Attempts > 0 && len(history) >= d.Attempts {
		return false, ErrNoAttemptsLeft, time.Time{}
	}
	if d.WaitMinutes > 0 && !lastEnd.IsZero() {
		next := lastEnd.Add(time.Duration(d.WaitMinutes) * time.Minute)
		if now.Before(next) {
			return false, ErrMustWait, next
		}
	}
	return true, nil, time.Time{}
}

// Deadline is when an attempt started at started must be submitted: the time limit plus the
// learner's extension (e.g. as a disability accommodation). ok is false when the quiz has no time
// limit; the extension alone does not create one.
func Deadline(started time.Time, d Definition, extension time.Duration) (deadline time.Time, ok bool) {
	if d.TimeLimitMinutes <= 0 {
		return time.Time{}, false
	}
	return started.Add(time.Duration(d.TimeLimitMinutes)*time.Minute + extension), true
}

// CheckSubmission returns ErrDeadlinePassed when an attempt started at started is submitted at now
// later than its deadline plus SubmitGrace. Grade such an attempt as it was last saved, or not at all.
func CheckSubmission(d Definition, started time.Time, extension time.Duration, now time.Time) error {
	if deadline, ok := Deadline(started, d, extension); ok && now.After(deadline.Add(SubmitGrace)) {
		return ErrDeadlinePassed
	}
	return nil
}

// NewReviewState is the review state of one attempt, given all the learner's attempts at the quiz
// (including that one).
func NewReviewState(d Definition, history []AttemptSummary, attempt AttemptSummary) ReviewState {
	s := ReviewState{AttemptPassed: attempt.Passed}
	for _, a := range history {
		s.QuizPassed = s.QuizPassed || a.Passed
	}
	s.AttemptsExhausted = d.Attempts > 0 && len(history) >= d.Attempts
	return s
}
