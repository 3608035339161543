package assign_test

import (
	"testing"
	"time"

	"github.com/ailit/ailit/internal/assign"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func ptr(t time.Time) *time.Time { return &t }

func TestStatus(t *testing.T) {
	fixed := assign.Rule{CreatedAt: day("2026-01-05"), DueKind: assign.DueFixed, DueDate: day("2026-03-31")}
	recert := assign.Rule{CreatedAt: day("2026-01-05"), DueKind: assign.DueFixed, DueDate: day("2026-03-31"), ValidityMonths: 24, WindowDays: 60}
	joined := assign.Member{JoinedAt: day("2026-02-01")}
	done := func(version, at string) assign.Records {
		return assign.Records{Completions: []assign.Completion{{Version: version, CompletedAt: day(at)}}}
	}
	releases := []assign.Release{{Version: "1.0.0", PublishedAt: day("2025-06-01")}, {Version: "1.1.0", PublishedAt: day("2025-09-01")},
		{Version: "2.0.0", Major: true, PublishedAt: day("2026-06-01")}}
	tests := []struct {
		name      string
		rule      assign.Rule
		member    assign.Member
		records   assign.Records
		now       string
		want      assign.State
		wantDue   string
		wantValid string // "" means nil
	}{
		{"nothing done long before the date is not started", fixed, joined, assign.Records{}, "2026-02-10", assign.NotStarted, "2026-03-31", ""},
		{"learning long before the date is in progress", fixed, joined, assign.Records{Started: true}, "2026-02-10", assign.InProgress, "2026-03-31", ""},
		{"fourteen days before the date is due soon", fixed, joined, assign.Records{Started: true}, "2026-03-17", assign.DueSoon, "2026-03-31", ""},
		{"on the due date itself it is overdue", fixed, joined, assign.Records{}, "2026-03-31", assign.Overdue, "2026-03-31", ""},
		{"after the date without completion it is overdue", fixed, joined, assign.Records{Started: true}, "2026-04-15", assign.Overdue, "2026-03-31", ""},
		{"a completion without validity stays completed", fixed, joined, done("1.0.0", "2026-03-01"), "2030-01-01", assign.Completed, "2026-03-31", ""},
		{"a late completion is completed, no longer overdue", fixed, joined, done("1.0.0", "2026-05-01"), "2026-05-02", assign.Completed, "2026-03-31", ""},
		{"a revoked completion does not count", fixed, joined,
			assign.Records{Completions: []assign.Completion{{Version: "1.0.0", CompletedAt: day("2026-03-01"), Revoked: true}}}, "2026-04-01", assign.Overdue, "2026-03-31", ""},
		{"exempted wins over overdue", fixed, assign.Member{JoinedAt: day("2026-02-01"), Exempted: true}, assign.Records{}, "2026-06-01", assign.Exempted, "2026-03-31", ""},
		{"N days after assignment counts from the assignment's creation",
			assign.Rule{CreatedAt: day("2026-01-05"), DueKind: assign.DueAfterAssignment, DueDays: 30}, joined, assign.Records{}, "2026-02-04", assign.Overdue, "2026-02-04", ""},
		{"N days after joining counts from the person's joining",
			assign.Rule{CreatedAt: day("2026-01-05"), DueKind: assign.DueAfterJoining, DueDays: 30}, joined, assign.Records{}, "2026-02-04", assign.NotStarted, "2026-03-03", ""},
		{"a completion with validity is completed until the window opens", recert, joined, done("1.0.0", "2026-03-01"), "2027-12-01", assign.Completed, "2028-03-01", "2028-03-01"},
		{"the recertification window opens N days before expiry", recert, joined, done("1.0.0", "2026-03-01"), "2028-01-01", assign.DueSoon, "2028-03-01", "2028-03-01"},
		{"a completion expires at its valid-until", recert, joined, done("1.0.0", "2026-03-01"), "2028-03-01", assign.Expired, "2028-03-01", "2028-03-01"},
		{"a recorded valid-until wins over the assignment's validity", recert, joined,
			assign.Records{Completions: []assign.Completion{{Version: "1.0.0", CompletedAt: day("2026-03-01"), ValidUntil: ptr(day("2027-03-01"))}}}, "2027-03-02", assign.Expired, "2027-03-01", "2027-03-01"},
		{"a new completion after expiry counts again", recert, joined,
			assign.Records{Completions: []assign.Completion{{Version: "1.0.0", CompletedAt: day("2026-03-01")}, {Version: "1.1.0", CompletedAt: day("2028-04-01")}}}, "2028-05-01", assign.Completed, "2030-04-01", "2030-04-01"},
		{"a minor release keeps a completion valid", recert, joined, assign.Records{Completions: []assign.Completion{{Version: "1.0.0", CompletedAt: day("2026-03-01")}}, Releases: releases[:2]},
			"2026-10-01", assign.Completed, "2028-03-01", "2028-03-01"},
		{"a major release requires recertification within the window", recert, joined,
			assign.Records{Completions: []assign.Completion{{Version: "1.1.0", CompletedAt: day("2026-03-01")}}, Releases: releases}, "2026-06-02", assign.NotStarted, "2026-07-31", "2028-03-01"},
		{"recertification after a major release becomes overdue after the window", recert, joined,
			assign.Records{Completions: []assign.Completion{{Version: "1.1.0", CompletedAt: day("2026-03-01")}}, Releases: releases}, "2026-08-01", assign.Overdue, "2026-07-31", "2028-03-01"},
		{"completing the new major counts again", recert, joined,
			assign.Records{Completions: []assign.Completion{{Version: "1.1.0", CompletedAt: day("2026-03-01")}, {Version: "2.0.0", CompletedAt: day("2026-07-01")}}, Releases: releases}, "2026-08-01", assign.Completed, "2028-07-01", "2028-07-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, due, valid := assign.Status(tt.rule, tt.member, tt.records, day(tt.now))
			if got != tt.want {
				t.Errorf("status = %s, want %s", got, tt.want)
			}
			if !due.Equal(day(tt.wantDue)) {
				t.Errorf("due = %s, want %s", due.Format(time.DateOnly), tt.wantDue)
			}
			switch {
			case tt.wantValid == "" && valid != nil:
				t.Errorf("valid until = %s, want none", valid.Format(time.DateOnly))
			case tt.wantValid != "" && (valid == nil || !valid.Equal(day(tt.wantValid))):
				t.Errorf("valid until = %v, want %s", valid, tt.wantValid)
			}
		})
	}
}

// A course family: completions of the original and of its translation both count, and a major
// release voids completions of its own course only.
func TestStatusOverACourseFamily(t *testing.T) {
	rule := assign.Rule{CreatedAt: day("2026-01-05"), DueKind: assign.DueFixed, DueDate: day("2026-12-31"), ValidityMonths: 24, WindowDays: 30}
	releases := []assign.Release{
		{Course: "ki-grundlagen", Version: "1.0.0", PublishedAt: day("2025-06-01")},
		{Course: "ki-grundlagen", Version: "2.0.0", Major: true, PublishedAt: day("2026-06-01")},
		{Course: "ai-basics", Version: "1.0.0", PublishedAt: day("2025-06-01")},
		{Course: "ai-basics", Version: "1.1.0", PublishedAt: day("2026-06-01")},
	}
	tests := []struct {
		course, version string
		want            assign.State
	}{
		{"ai-basics", "1.0.0", assign.Completed},     // the translation's own later release is minor
		{"ai-basics", "1.1.0", assign.Completed},     // the translation's newest
		{"ki-grundlagen", "1.0.0", assign.Overdue},   // voided by the original's major 2.0.0 (window over)
		{"ki-grundlagen", "2.0.0", assign.Completed}, // the original's newest
	}
	for _, tt := range tests {
		records := assign.Records{Releases: releases, Completions: []assign.Completion{{Course: tt.course, Version: tt.version, CompletedAt: day("2026-03-01")}}}
		if got, _, _ := assign.Status(rule, assign.Member{JoinedAt: day("2026-01-05")}, records, day("2026-08-01")); got != tt.want {
			t.Errorf("completed %s %s: %s, want %s", tt.course, tt.version, got, tt.want)
		}
	}
}
