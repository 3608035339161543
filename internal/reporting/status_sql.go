package reporting

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ailit/ailit/internal/assign"
	"github.com/ailit/ailit/internal/store"
)

// statusSQL writes assign.Status as SQL over the member facts of a row m of assignment_members, so
// the database can count statuses without handing every row to Go. The rule of each assignment,
// the catalog's releases and the clock are fixed for one report: whatever depends on them alone is
// decided here by calling assign.Status itself; only what depends on the row is left to SQL, as
// comparisons of the row's dates with instants computed here. The consistency test holds it to
// assign.Status for every member.
type statusSQL struct {
	b    strings.Builder
	args []any
	date func(column string) string // a date column as it is compared (Source.dateColumn)
}

func (q *statusSQL) add(sql string, args ...any) {
	q.b.WriteString(sql)
	q.args = append(q.args, args...)
}

func (q *statusSQL) expr() store.SQLExpr { return store.SQLExpr{SQL: q.b.String(), Args: q.args} }

// dateColumn is a date column of the member row as the SQL compares it with an instant. On SQLite
// a DATETIME column has NUMERIC affinity, so comparing it with a parameter (which has none) first
// tries to read the parameter as a number, for every row and comparison (sqlite3AtoF was 6 % of
// the dashboard's CPU). "+column" has no affinity: the two texts (stored and bound times, in the
// same format) are compared as they are, which is what happened after the failed conversion.
// PostgreSQL compares timestamps and has no unary + for them.
func (s *Source) dateColumn(column string) string {
	if s.Store.Dialect == store.SQLite {
		return "+" + column
	}
	return column
}

// The SQL status is a small integer, not the state's word: the database compares it many times
// per row (every aggregate of the dashboard reads it), and comparing integers is much cheaper than
// comparing text. The code of a state is its position in assign.AllStates plus one, so 0 is no
// state.

// stateCode is the SQL code of a state (0 for an unknown one).
func stateCode(s assign.State) int {
	for i, st := range assign.AllStates {
		if st == s {
			return i + 1
		}
	}
	return 0
}

// stateOf is the state of an SQL code ("" for an unknown one).
func stateOf(code int) assign.State {
	if code < 1 || code > len(assign.AllStates) {
		return ""
	}
	return assign.AllStates[code-1]
}

// sqlState is a status as an SQL literal: its code.
func sqlState(s assign.State) string {
	c := stateCode(s)
	if c == 0 {
		panic("reporting: no SQL code for state " + string(s))
	}
	return strconv.Itoa(c)
}

func sqlBool(b bool) string {
	if b {
		return "TRUE"
	}
	return "FALSE"
}

// byStarted is the status of a row whose status depends on nothing but whether the person started.
func (q *statusSQL) byStarted(notStarted, started assign.State) {
	if notStarted == started {
		q.add(sqlState(started))
		return
	}
	q.add("CASE WHEN m.started THEN " + sqlState(started) + " ELSE " + sqlState(notStarted) + " END")
}

// assignmentBranches writes "CASE WHEN m.assignment_id IN (…) THEN <each> … ELSE <otherwise> END".
// Assignments whose branch is the same (the same SQL with the same arguments: often the same rule
// over another course) share one WHEN: the database tests a row against fewer branches, and the
// status is read for every row of the dashboard. Without assignments it is just otherwise ("CASE
// ELSE … END" is a syntax error; an organisation that assigned nothing yet still opens its
// dashboard).
func assignmentBranches(q *statusSQL, as []store.Assignment, otherwise string, each func(q *statusSQL, a *store.Assignment)) {
	if len(as) == 0 {
		q.add(otherwise)
		return
	}
	type branch struct {
		ids  []string
		body statusSQL
	}
	var branches []*branch
	byBody := map[string]*branch{}
	for i := range as {
		br := &branch{body: statusSQL{date: q.date}}
		each(&br.body, &as[i])
		key := fmt.Sprintf("%s %q", br.body.b.String(), br.body.args) // %q: each argument quoted apart
		if seen := byBody[key]; seen != nil {
			br = seen
		} else {
			byBody[key] = br
			branches = append(branches, br)
		}
		br.ids = append(br.ids, strconv.FormatInt(as[i].ID, 10))
	}
	q.add("CASE")
	for _, br := range branches {
		q.add(" WHEN m.assignment_id IN ("+strings.Join(br.ids, ", ")+") THEN "+br.body.b.String(), br.body.args...)
	}
	q.add(" ELSE " + otherwise + " END")
}

// memberStatusSQL is the status of the row at now (see assign.Status).
func (s *Source) memberStatusSQL(ctx context.Context, as []store.Assignment) (store.SQLExpr, error) {
	q := statusSQL{date: s.dateColumn}
	var err error
	assignmentBranches(&q, as, sqlState(assign.NotStarted), func(q *statusSQL, a *store.Assignment) {
		ci, e := s.course(ctx, a.CourseID)
		if e != nil {
			err = e
			return
		}
		rule, now := a.Rule(), s.Now
		// Without a completion the status is the due rule's; with one, checked once, it is the
		// completion's (void by a later major release, without expiry, expired, due again soon).
		q.add("CASE WHEN m.exempted THEN " + sqlState(assign.Exempted) + " WHEN m.completed_at IS NULL THEN ")
		if rule.DueKind == assign.DueAfterJoining {
			// The due date is joined_at plus DueDays: compare joined_at with now minus DueDays.
			q.add("CASE WHEN "+q.date("m.joined_at")+" <= ? THEN "+sqlState(assign.Overdue), now.Add(-days(rule.DueDays)))
			q.add(" WHEN "+q.date("m.joined_at")+" <= ? THEN "+sqlState(assign.DueSoon), now.Add(days(assign.DueSoonDays)-days(rule.DueDays)))
			q.add(" ELSE ")
			q.byStarted(assign.NotStarted, assign.InProgress)
			q.add(" END")
		} else {
			notStarted, _, _ := assign.Status(rule, assign.Member{}, assign.Records{}, now)
			started, _, _ := assign.Status(rule, assign.Member{}, assign.Records{Started: true}, now)
			q.byStarted(notStarted, started)
		}
		for _, v := range superseded(rule, ci.releases, now) {
			q.add(" WHEN m.completed_version = ? AND m.completed_course = ? THEN ", v.version, v.course)
			q.byStarted(v.notStarted, v.started)
		}
		window := rule.WindowDays
		if window <= 0 {
			window = assign.DefaultRecertDays
		}
		q.add(" WHEN m.expires_at IS NULL THEN " + sqlState(assign.Completed))
		q.add(" WHEN "+q.date("m.expires_at")+" <= ? THEN "+sqlState(assign.Expired), now)
		q.add(" WHEN "+q.date("m.expires_at")+" <= ? THEN "+sqlState(assign.DueSoon), now.Add(days(window)))
		q.add(" ELSE " + sqlState(assign.Completed))
		q.add(" END")
	})
	return q.expr(), err
}

// supersededVersion is a version of a course of the family whose completions a later major release made void, with
// the status of its completers who did not or did start again.
type supersededVersion struct {
	course, version     string
	notStarted, started assign.State
	due                 time.Time // the recertification deadline
}

// superseded lists the versions of the releases a later major release voids under rule at now. A
// completion that counts (valid far into the future) is completed unless its version is void.
func superseded(rule assign.Rule, releases []assign.Release, now time.Time) []supersededVersion {
	forever := time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	var out []supersededVersion
	for _, r := range releases {
		records := assign.Records{Releases: releases,
			Completions: []assign.Completion{{Course: r.Course, Version: r.Version, CompletedAt: now, ValidUntil: &forever}}}
		notStarted, due, _ := assign.Status(rule, assign.Member{}, records, now)
		if notStarted == assign.Completed {
			continue
		}
		records.Started = true
		started, _, _ := assign.Status(rule, assign.Member{}, records, now)
		out = append(out, supersededVersion{course: r.Course, version: r.Version, notStarted: notStarted, started: started, due: due})
	}
	return out
}

// memberInPeriodSQL is the condition that the row's due date (the one assign.Status returns) or
// its completion lies in [from, to] by day, as Filter.keeps decides for a report row.
func (s *Source) memberInPeriodSQL(ctx context.Context, as []store.Assignment, from, to time.Time) (store.SQLExpr, error) {
	q := statusSQL{date: s.dateColumn}
	var err error
	q.add("(")
	assignmentBranches(&q, as, "FALSE", func(q *statusSQL, a *store.Assignment) {
		ci, e := s.course(ctx, a.CourseID)
		if e != nil {
			err = e
			return
		}
		rule := a.Rule()
		ruleDue := func() {
			if rule.DueKind != assign.DueAfterJoining {
				q.add(sqlBool(inPeriod(rule.Due(assign.Member{}), from, to)))
				return
			}
			q.timeInPeriod("m.joined_at", from, to, days(rule.DueDays))
		}
		q.add("CASE WHEN m.exempted THEN ")
		ruleDue()
		for _, v := range superseded(rule, ci.releases, s.Now) {
			q.add(" WHEN m.completed_at IS NOT NULL AND m.completed_version = ? AND m.completed_course = ? THEN "+sqlBool(inPeriod(v.due, from, to)), v.version, v.course)
		}
		q.add(" WHEN m.completed_at IS NOT NULL AND m.expires_at IS NOT NULL THEN ")
		q.timeInPeriod("m.expires_at", from, to, 0)
		q.add(" ELSE ")
		ruleDue()
		q.add(" END")
	})
	q.add(") OR (")
	q.timeInPeriod("m.completed_at", from, to, 0)
	q.add(")")
	return q.expr(), err
}

// timeInPeriod is the condition that column plus shift lies in [from, to] by day (see inPeriod);
// the shift moves the bounds, so the column is compared as it is. NULL is in no period.
func (q *statusSQL) timeInPeriod(column string, from, to time.Time, shift time.Duration) {
	q.add(column + " IS NOT NULL")
	if !from.IsZero() {
		q.add(" AND "+q.date(column)+" >= ?", from.Add(-shift).UTC())
	}
	if !to.IsZero() {
		q.add(" AND "+q.date(column)+" < ?", to.AddDate(0, 0, 1).Add(-shift).UTC())
	}
}

func days(n int) time.Duration { return time.Duration(n) * 24 * time.Hour }
