package reporting

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/assign"
	"github.com/ailit/ailit/internal/progress"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/store/storetest"
)

// The SQL status must equal assign.Status on the boundaries of every rule: a microsecond before,
// at and after each due date, recertification window and expiry, for each kind of due rule, with
// and without a major release that voids a completion, for completions of the assigned course and
// of its translation (a course family: a major release voids completions of its own course only).
func TestStatusSQLMatchesAssignStatusOnEveryBoundary(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.Store) {
		ctx := context.Background()
		now := time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)
		day := 24 * time.Hour
		deltas := []time.Duration{-time.Microsecond, 0, time.Microsecond}
		ptr := func(t time.Time) *time.Time { return &t }

		rules := []store.Assignment{
			{CourseID: "c", DueKind: assign.DueFixed, DueDate: ptr(now)},
			{CourseID: "c", DueKind: assign.DueFixed, DueDate: ptr(now.Add(14 * day))},
			{CourseID: "c", DueKind: assign.DueFixed, DueDate: ptr(now.Add(14*day + time.Microsecond))},
			{CourseID: "c", DueKind: assign.DueFixed}, // no date: always overdue
			{CourseID: "c", DueKind: assign.DueAfterAssignment, DueDays: 10, CreatedAt: now.Add(-10 * day)},
			{CourseID: "c", DueKind: assign.DueAfterJoining, DueDays: 30, ValidityMonths: 12},
			{CourseID: "c", DueKind: assign.DueAfterJoining, DueDays: 30, WindowDays: 20},
		}
		// What varies per member: when they joined, whether they started, the completion's version
		// and expiry, the exemption.
		type facts struct {
			joined    time.Time
			started   bool
			course    string // the course of the family completed
			version   string
			completed *time.Time
			expires   *time.Time
			exempted  bool
		}
		var cases []facts
		for _, d := range deltas {
			for _, started := range []bool{false, true} {
				cases = append(cases,
					facts{joined: now.Add(-30*day + d), started: started},
					facts{joined: now.Add(-16*day + d), started: started})
			}
			for _, course := range []string{"c", "t"} {
				for _, version := range []string{"1.0.0", "0.9.0"} {
					done := now.AddDate(-1, 0, 0)
					cases = append(cases,
						facts{joined: now, course: course, version: version, completed: &done, expires: ptr(now.Add(d))},
						facts{joined: now, course: course, version: version, completed: &done, expires: ptr(now.Add(30*day + d))},
						facts{joined: now, course: course, version: version, completed: &done, expires: ptr(now.Add(20*day + d))},
						facts{joined: now, course: course, version: version, completed: &done, started: true})
				}
			}
		}
		cases = append(cases, facts{joined: now, exempted: true})

		users := make([]store.User, len(cases))
		for i := range users {
			users[i] = store.User{Email: fmt.Sprintf("p%d@example.org", i), DisplayName: fmt.Sprintf("P %d", i), Active: true,
				CreatedAt: now, UpdatedAt: now}
		}
		if err := db.TestWriter().Create(&users).Error; err != nil {
			t.Fatal(err)
		}
		for i := range rules {
			rules[i].Title, rules[i].CreatedBy, rules[i].UpdatedAt = "A", users[0].ID, now
			if rules[i].CreatedAt.IsZero() {
				rules[i].CreatedAt = now.AddDate(0, -2, 0)
			}
			if err := db.TestWriter().Omit("Targets").Create(&rules[i]).Error; err != nil {
				t.Fatal(err)
			}
			for j, c := range cases {
				m := store.AssignmentMember{AssignmentID: rules[i].ID, UserID: users[j].ID, JoinedAt: c.joined,
					Started: c.started, Exempted: c.exempted, CompletedAt: c.completed, ExpiresAt: c.expires, ValidUntil: c.expires}
				if c.completed != nil {
					m.CompletedCourse, m.CompletedVersion = c.course, c.version
					if c.expires == nil { // as the store keeps it: the assignment's validity decides
						m.ExpiresAt = progress.ValidUntil(*c.completed, rules[i].ValidityMonths)
					}
				}
				if err := db.TestWriter().Create(&m).Error; err != nil {
					t.Fatal(err)
				}
			}
		}

		src, err := New(ctx, db, nil, now)
		if err != nil {
			t.Fatal(err)
		}
		// 1.0.0 is a major release of 20 days ago: completions of 0.9.0 must be renewed within the
		// rule's window (30 days by default: due soon; 20 days: overdue since now).
		// The translation t has the same version numbers, but its 1.0.0 is a minor release: its
		// 0.9.0 completions still count.
		src.courses["c"] = &courseInfo{title: "c", releases: []assign.Release{
			{Course: "c", Version: "0.9.0", PublishedAt: now.AddDate(-2, 0, 0)},
			{Course: "c", Version: "1.0.0", Major: true, PublishedAt: now.Add(-20 * day)},
			{Course: "t", Version: "0.9.0", PublishedAt: now.AddDate(-2, 0, 0)},
			{Course: "t", Version: "1.0.0", PublishedAt: now.Add(-20 * day)}}}
		inSQL, err := src.MemberStatusesSQL(ctx)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[assign.State]bool{}
		n := 0
		err = db.StreamReportRecords(ctx, store.ReportFilter{AllUnits: true}, func(r *store.ReportRecord) error {
			want, _, _ := src.status(r, src.courses["c"])
			seen[want] = true
			n++
			if got := inSQL[[2]int64{r.AssignmentID, r.UserID}]; got != want {
				t.Errorf("rule %+v, joined %s, started %t, completed %s %q expiring %v: SQL %s, assign.Status %s",
					rules[r.AssignmentID-rules[0].ID], r.JoinedAt, r.Started, r.CompletedCourse, r.CompletedVersion, r.ValidUntil, got, want)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		// The family rule itself: a 0.9.0 completion of the translation counts, of the original not.
		for _, course := range []string{"c", "t"} {
			done := now.AddDate(-1, 0, 0)
			r := store.ReportRecord{CourseID: "c", DueKind: assign.DueFixed, DueDate: ptr(now.AddDate(1, 0, 0)), JoinedAt: now,
				CompletedCourse: course, CompletedVersion: "0.9.0", CompletedAt: done}
			got, _, _ := src.status(&r, src.courses["c"])
			if want := map[string]assign.State{"c": assign.DueSoon, "t": assign.Completed}[course]; got != want {
				t.Errorf("a 0.9.0 completion of %s after the original's major 1.0.0: %s, want %s", course, got, want)
			}
		}
		if n != len(rules)*len(cases) || len(seen) != len(assign.AllStates) {
			t.Errorf("%d rows (want %d), statuses seen %v: the cases must cover every status", n, len(rules)*len(cases), seen)
		}
	})
}
