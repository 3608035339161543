package progress

import (
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestValidUntilAddsCalendarMonths(t *testing.T) {
	tests := []struct {
		completed string
		months    int
		want      string // "" = never expires
	}{
		{"2026-11-20", 0, ""},
		{"2026-11-20", 24, "2028-11-20"},
		{"2026-01-31", 1, "2026-02-28"},
		{"2027-01-31", 13, "2028-02-29"},
		{"2026-03-31", 6, "2026-09-30"},
		{"2026-12-15", 1, "2027-01-15"},
	}
	for _, tt := range tests {
		got := ValidUntil(day(tt.completed), tt.months)
		switch {
		case tt.want == "" && got != nil:
			t.Errorf("%s + %d months = %v, want never", tt.completed, tt.months, got)
		case tt.want != "" && (got == nil || !got.Equal(day(tt.want))):
			t.Errorf("%s + %d months = %v, want %s", tt.completed, tt.months, got, tt.want)
		}
	}
}

func TestACompletionStaysValidAcrossMinorReleases(t *testing.T) {
	releases := []Release{{Version: "1.0.0"}, {Version: "1.0.1", Change: Patch}, {Version: "1.1.0", Change: Minor}}
	if got := StateOf(CompletionOf{Version: "1.0.0"}, releases, day("2027-01-01")); got != Valid {
		t.Errorf("state %q, want valid", got)
	}
}

func TestStateOfACompletion(t *testing.T) {
	releases := []Release{{Version: "1.0.0"}, {Version: "1.1.0", Change: Minor}, {Version: "2.0.0", Change: Major}}
	until := day("2027-06-30")
	now := day("2027-01-01")
	tests := []struct {
		name string
		c    CompletionOf
		now  time.Time
		want CompletionState
	}{
		{"no expiry, newest major", CompletionOf{Version: "2.0.0"}, now, Valid},
		{"a 1.x completion is due once 2.0.0 is out", CompletionOf{Version: "1.1.0", ValidUntil: &until}, day("2026-12-01"), RecertifyMajor},
		{"long before the end", CompletionOf{Version: "2.0.0", ValidUntil: &until}, now, Valid},
		{"60 days before the end", CompletionOf{Version: "2.0.0", ValidUntil: &until}, day("2027-05-01"), ExpiringSoon},
		{"on the last day it has expired", CompletionOf{Version: "2.0.0", ValidUntil: &until}, until, Expired},
		{"an older major is due for recertification", CompletionOf{Version: "1.0.0"}, now, RecertifyMajor},
		{"revoked wins over everything", CompletionOf{Version: "2.0.0", Revoked: true}, now, Revoked},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := StateOf(tt.c, releases, tt.now); got != tt.want {
				t.Errorf("state %q, want %q", got, tt.want)
			}
		})
	}
}
