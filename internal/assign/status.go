// Package assign holds the pure rules of mandatory training: when an assignment is due for a
// person, and where that person stands. It knows nothing about HTTP or the database; the clock is
// passed in.
package assign

import (
	"time"

	"github.com/ailit/ailit/internal/progress"
)

// How the due date of an assignment is set.
const (
	DueFixed           = "fixed"            // one date for everybody
	DueAfterAssignment = "after_assignment" // N days after the assignment was created
	DueAfterJoining    = "after_joining"    // N days after the person joined the audience
)

// State is where a person stands on an assignment.
type State string

// States, in the order a manager reads them.
const (
	NotStarted State = "not_started"
	InProgress State = "in_progress"
	DueSoon    State = "due_soon"
	Overdue    State = "overdue"
	Completed  State = "completed"
	Expired    State = "expired"
	Exempted   State = "exempted"
)

// AllStates lists the states in display order.
var AllStates = []State{NotStarted, InProgress, DueSoon, Overdue, Completed, Expired, Exempted}

// DueSoonDays is how close a due date must be to count as due soon.
const DueSoonDays = 14

// DefaultRecertDays is how long people have to recertify after a major release, or how long
// before expiry recertification opens, when the assignment sets no window.
const DefaultRecertDays = 30

// Rule is an assignment as the status rules see it.
type Rule struct {
	CreatedAt      time.Time
	DueKind        string
	DueDate        time.Time // DueFixed
	DueDays        int       // DueAfterAssignment, DueAfterJoining
	ValidityMonths int       // 0: a completion never expires
	WindowDays     int       // recertification opens this many days before expiry; 0: DefaultRecertDays
}

// Member is one person in the audience of an assignment.
type Member struct {
	JoinedAt time.Time // when the person entered the audience
	Exempted bool
}

// Completion is a record of participation in the assigned course or a course of its family (a
// translation). Course names the course when the records span a family; "" is the assigned course.
type Completion struct {
	Course      string
	Version     string
	CompletedAt time.Time
	ValidUntil  *time.Time // as recorded; nil lets the assignment's validity decide
	Revoked     bool
}

// Release is a published version of the course (or, with Course set, of a course of its family)
// and when it was first published. A major release voids completions of its own course only.
type Release struct {
	Course      string
	Version     string
	Major       bool // a major change: completions of earlier versions need recertification
	PublishedAt time.Time
}

// Records are what is known about the person and the course.
type Records struct {
	Completions []Completion
	Started     bool      // enrolled and learning
	Releases    []Release // oldest first
}

// Due returns the due date of a person's first completion under the rule.
func (r Rule) Due(m Member) time.Time {
	switch r.DueKind {
	case DueAfterAssignment:
		return r.CreatedAt.AddDate(0, 0, r.DueDays)
	case DueAfterJoining:
		return m.JoinedAt.AddDate(0, 0, r.DueDays)
	}
	return r.DueDate
}

func (r Rule) window() int {
	if r.WindowDays > 0 {
		return r.WindowDays
	}
	return DefaultRecertDays
}

// Status says where a member stands at now, the date the next completion is due, and until when
// the current completion is valid (nil when there is none or it never expires).
//
//   - Exempted members are exempted, whatever else is true.
//   - A completion counts until it expires (its own valid-until, else the assignment's validity).
//     From WindowDays before expiry it is due soon again; after expiry it is expired.
//   - A completion of a version followed by a major release no longer counts: the person has
//     WindowDays from that release to recertify.
//   - Without a counting completion: overdue after the due date, due soon within DueSoonDays of
//     it, else in progress or not started.
func Status(rule Rule, m Member, r Records, now time.Time) (State, time.Time, *time.Time) {
	due := rule.Due(m)
	if m.Exempted {
		return Exempted, due, nil
	}
	if c := latestValid(r.Completions); c != nil {
		validUntil := c.ValidUntil
		if validUntil == nil {
			validUntil = progress.ValidUntil(c.CompletedAt, rule.ValidityMonths)
		}
		if major := majorAfter(r.Releases, c.Course, c.Version); major != nil {
			due = major.PublishedAt.AddDate(0, 0, rule.window())
			return open(due, r.Started, now), due, validUntil
		}
		switch {
		case validUntil == nil:
			return Completed, due, nil
		case !now.Before(*validUntil):
			return Expired, *validUntil, validUntil
		case !now.Before(validUntil.AddDate(0, 0, -rule.window())):
			return DueSoon, *validUntil, validUntil
		}
		return Completed, *validUntil, validUntil
	}
	return open(due, r.Started, now), due, nil
}

// open is the status of someone who has no counting completion.
func open(due time.Time, started bool, now time.Time) State {
	switch {
	case !now.Before(due):
		return Overdue
	case due.Sub(now) <= DueSoonDays*24*time.Hour:
		return DueSoon
	case started:
		return InProgress
	}
	return NotStarted
}

// latestValid returns the most recent completion that is not revoked.
func latestValid(cs []Completion) *Completion {
	var best *Completion
	for i := range cs {
		c := &cs[i]
		if !c.Revoked && (best == nil || c.CompletedAt.After(best.CompletedAt)) {
			best = c
		}
	}
	return best
}

// majorAfter returns the first major release of course published after version, or nil.
func majorAfter(releases []Release, course, version string) *Release {
	seen := false
	for i := range releases {
		if releases[i].Course != course {
			continue
		}
		if seen && releases[i].Major {
			return &releases[i]
		}
		if releases[i].Version == version {
			seen = true
		}
	}
	return nil
}
