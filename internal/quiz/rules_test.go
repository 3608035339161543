package quiz

import (
	"errors"
	"testing"
	"time"
)

func TestCanStart(t *testing.T) {
	now := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	ago := func(m int) time.Time { return now.Add(-time.Duration(m) * time.Minute) }
	done := func(startedAgo, finishedAgo int, passed bool) AttemptSummary {
		return AttemptSummary{Started: ago(startedAgo), Finished: ago(finishedAgo), Passed: passed}
	}
	tests := []struct {
		name     string
		quiz     Definition
		history  []AttemptSummary
		wantErr  error
		wantNext time.Time
	}{
		{"first attempt", Definition{Attempts: 1}, nil, nil, time.Time{}},
		{"unlimited attempts", Definition{}, []AttemptSummary{done(90, 80, false), done(70, 60, false)}, nil, time.Time{}},
		{"attempts used up", Definition{Attempts: 2}, []AttemptSummary{done(90, 80, false), done(70, 60, false)}, ErrNoAttemptsLeft, time.Time{}},
		{"passed with attempts left may retake", Definition{Attempts: 3}, []AttemptSummary{done(90, 80, true)}, nil, time.Time{}},
		{"passed with no attempt left", Definition{Attempts: 1}, []AttemptSummary{done(90, 80, true)}, ErrNoAttemptsLeft, time.Time{}},
		{"waiting time not over", Definition{WaitMinutes: 30}, []AttemptSummary{done(90, 80, false), done(20, 10, false)}, ErrMustWait, ago(-20)},
		{"waiting time over", Definition{WaitMinutes: 30}, []AttemptSummary{done(50, 40, false)}, nil, time.Time{}},
		{"open attempt without time limit", Definition{}, []AttemptSummary{{Started: ago(600)}}, ErrAttemptInProgress, time.Time{}},
		{"open attempt within its time limit", Definition{TimeLimitMinutes: 20}, []AttemptSummary{{Started: ago(10)}}, ErrAttemptInProgress, time.Time{}},
		{"open attempt within its extension", Definition{TimeLimitMinutes: 20}, []AttemptSummary{{Started: ago(25), Extension: 10 * time.Minute}}, ErrAttemptInProgress, time.Time{}},
		{"expired open attempt counts as ended at its deadline", Definition{TimeLimitMinutes: 20, WaitMinutes: 15}, []AttemptSummary{{Started: ago(30)}}, ErrMustWait, ago(-5)},
		{"expired open attempt counts as used", Definition{TimeLimitMinutes: 20, Attempts: 1}, []AttemptSummary{{Started: ago(30)}}, ErrNoAttemptsLeft, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, reason, next := CanStart(tt.quiz, tt.history, now)
			if ok != (tt.wantErr == nil) || !errors.Is(reason, tt.wantErr) || !next.Equal(tt.wantNext) {
				t.Errorf("got %v, %v, %v; want %v, %v, %v", ok, reason, next, tt.wantErr == nil, tt.wantErr, tt.wantNext)
			}
		})
	}
}

func TestDeadlineAndSubmission(t *testing.T) {
	started := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	timed := Definition{TimeLimitMinutes: 20}
	if _, ok := Deadline(started, Definition{}, time.Hour); ok {
		t.Errorf("a quiz without time limit has a deadline")
	}
	deadline, ok := Deadline(started, timed, 10*time.Minute)
	if !ok || !deadline.Equal(started.Add(30*time.Minute)) {
		t.Errorf("deadline %v, %v; want 30 minutes after the start", deadline, ok)
	}
	tests := []struct {
		name    string
		quiz    Definition
		after   time.Duration
		wantErr error
	}{
		{"in time", timed, 19 * time.Minute, nil},
		{"within the grace", timed, 20*time.Minute + SubmitGrace, nil},
		{"after the grace", timed, 20*time.Minute + SubmitGrace + time.Second, ErrDeadlinePassed},
		{"no time limit", Definition{}, 100 * time.Hour, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := CheckSubmission(tt.quiz, started, 0, started.Add(tt.after)); !errors.Is(err, tt.wantErr) {
				t.Errorf("got %v, want %v", err, tt.wantErr)
			}
		})
	}
}

func TestNewReviewState(t *testing.T) {
	d := Definition{Attempts: 2}
	first := AttemptSummary{Passed: true}
	second := AttemptSummary{Passed: false}
	got := NewReviewState(d, []AttemptSummary{first, second}, second)
	if want := (ReviewState{AttemptPassed: false, QuizPassed: true, AttemptsExhausted: true}); got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if got := NewReviewState(Definition{}, []AttemptSummary{second}, second); got != (ReviewState{}) {
		t.Errorf("unlimited attempts are never exhausted: %+v", got)
	}
}
