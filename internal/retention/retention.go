// Package retention holds the deletion periods per data category (Art. 5(1)(e) GDPR, storage
// limitation) and turns them into cut-off dates. It is pure: the store counts and deletes what lies
// before a cut-off, the scheduler and "ailit retention run" decide when.
//
// No statute fixes these periods for AI-literacy records; they follow the purpose (showing that
// Art. 4 AI Act measures were taken) and are agreed with the data protection officer and the staff
// council. The defaults are the ones such an agreement usually starts from.
package retention

import (
	"strconv"
	"strings"
	"time"
)

// Category is a kind of personal data with its own deletion period.
type Category string

// The categories, in the order the admin page and the CLI show them.
const (
	Sessions       Category = "sessions"         // login sessions (IP address, browser), counted from their end
	LoginThrottle  Category = "login_throttle"   // counts of failed logins, from the start of their window
	QuizAnswers    Category = "quiz_answers"     // the answers of a submitted attempt (the result stays)
	AttemptResults Category = "attempt_results"  // submitted attempts with their score
	LessonProgress Category = "lesson_progress"  // lessons marked read, from the enrollment's last activity
	Completions    Category = "completions"      // completions superseded by a newer one, or revoked
	ExportLog      Category = "export_log"       // who viewed or exported which report
	Outbox         Category = "outbox"           // reminder e-mails, from sending (or from creation, if never sent)
	Leavers        Category = "leavers"          // people who left: all their personal data, from the deactivation
	Uploads        Category = "uploads"          // uploaded certificates (external evidence): the file, from the decision
	APICalls       Category = "api_calls"        // the REST API's call log (token, path, status, address), from the call
	XAPISent       Category = "xapi_sent"        // xAPI statements delivered to the learning record store, from delivery
	Packages       Category = "package_attempts" // SCORM/cmi5 run-time data of package modules, from the last use
)

// Unit is the unit of a period.
type Unit string

// Units of a period.
const (
	Days   Unit = "days"
	Months Unit = "months"
)

// Definition describes a category: its default period and the bounds an admin may choose from.
// The legal reason and the wording of what is deleted are message keys
// ("retention.<category>.reason", "retention.<category>.what", "retention.<category>.from").
type Definition struct {
	Category Category
	Unit     Unit
	Default  int
	Min, Max int
}

// Definitions lists every category with its default period.
var Definitions = []Definition{
	{Sessions, Days, 7, 0, 90},
	{LoginThrottle, Days, 1, 1, 30},
	{QuizAnswers, Days, 30, 0, 365},
	{AttemptResults, Months, 12, 1, 60},
	{LessonProgress, Months, 12, 1, 60},
	{Completions, Months, 36, 12, 120},
	{ExportLog, Months, 12, 6, 60},
	{Outbox, Days, 90, 7, 365},
	{Uploads, Months, 12, 1, 120},
	{Leavers, Months, 12, 1, 120},
	{APICalls, Days, 90, 7, 730},
	{XAPISent, Days, 90, 7, 730},
	{Packages, Months, 12, 1, 60},
}

// Lookup returns the definition of c.
func Lookup(c Category) (Definition, bool) {
	for _, d := range Definitions {
		if d.Category == c {
			return d, true
		}
	}
	return Definition{}, false
}

// Policy is the period chosen per category; a category not in it has its default period.
type Policy map[Category]int

// Defaults is the policy without any admin choice.
func Defaults() Policy {
	p := Policy{}
	for _, d := range Definitions {
		p[d.Category] = d.Default
	}
	return p
}

// Period returns the chosen period of c, or its default.
func (p Policy) Period(c Category) int {
	if n, ok := p[c]; ok {
		return n
	}
	d, _ := Lookup(c)
	return d.Default
}

// Cutoff is the moment before which data of category c is deleted at asOf: asOf minus the period.
// A month is a calendar month. Where asOf's day does not exist in the earlier month (31 March
// minus one month), the cut-off is the start of the month after it (1 March): the cut-off never
// moves backwards as asOf advances, and nothing is deleted before its DeletionDate.
func (p Policy) Cutoff(c Category, asOf time.Time) time.Time {
	d, _ := Lookup(c)
	n := p.Period(c)
	if d.Unit != Months {
		return asOf.AddDate(0, 0, -n)
	}
	at, ok := sameDayMonthsLater(asOf, -n)
	if !ok {
		return startOfNextMonth(at)
	}
	return at
}

// DeletionDate is the moment after which data of category c that starts counting at from lies
// before the cut-off, so the next run of the daily job deletes it. For months: the same day n
// months later, or, where that day does not exist (31 August plus six months), the start of the
// month after.
func (p Policy) DeletionDate(c Category, from time.Time) time.Time {
	d, _ := Lookup(c)
	n := p.Period(c)
	if d.Unit != Months {
		return from.AddDate(0, 0, n)
	}
	at, ok := sameDayMonthsLater(from, n)
	if !ok {
		return startOfNextMonth(at)
	}
	return at
}

// sameDayMonthsLater adds n calendar months keeping day and time of day. When the day does not
// exist in the target month it returns the first day of the target month and false.
func sameDayMonthsLater(t time.Time, n int) (time.Time, bool) {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
	if d > first.AddDate(0, 1, -1).Day() {
		return first, false
	}
	return first.AddDate(0, 0, d-1), true
}

// startOfNextMonth is midnight at the start of the month after t's month.
func startOfNextMonth(t time.Time) time.Time {
	y, m, _ := t.Date()
	return time.Date(y, m+1, 1, 0, 0, 0, 0, t.Location())
}

// Parse reads the periods an admin entered (category → text) and returns the policy, or the
// categories whose value is not a whole number within the definition's bounds.
func Parse(values map[Category]string) (Policy, []Category) {
	p, invalid := Policy{}, []Category(nil)
	for _, d := range Definitions {
		n, err := strconv.Atoi(strings.TrimSpace(values[d.Category]))
		if err != nil || n < d.Min || n > d.Max {
			invalid = append(invalid, d.Category)
			continue
		}
		p[d.Category] = n
	}
	return p, invalid
}

// Counts are the rows per category that a run deletes (or, in a dry run, would delete).
type Counts map[Category]int64

// Total is the number of rows over all categories.
func (c Counts) Total() int64 {
	var n int64
	for _, v := range c {
		n += v
	}
	return n
}
