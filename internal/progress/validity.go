package progress

import "time"

// ExpiringWindow is how long before its end a completion counts as expiring soon.
const ExpiringWindow = 60 * 24 * time.Hour

// ValidUntil returns when a completion made at completedAt expires after validityMonths, or nil
// when it never does (0 months). The day of month is kept; where the target month is shorter, the
// completion expires at the end of that month (31 January + 1 month = 28/29 February).
func ValidUntil(completedAt time.Time, validityMonths int) *time.Time {
	if validityMonths <= 0 {
		return nil
	}
	y, m, d := completedAt.Date()
	firstOfTarget := time.Date(y, m+time.Month(validityMonths), 1, 0, 0, 0, 0, completedAt.Location())
	lastDay := firstOfTarget.AddDate(0, 1, -1).Day()
	until := time.Date(firstOfTarget.Year(), firstOfTarget.Month(), min(d, lastDay),
		completedAt.Hour(), completedAt.Minute(), completedAt.Second(), completedAt.Nanosecond(), completedAt.Location())
	return &until
}

// CompletionState is where a completion stands at a given time.
type CompletionState string

// Completion states.
const (
	Valid          CompletionState = "valid"
	ExpiringSoon   CompletionState = "expiring"        // valid, ends within ExpiringWindow
	Expired        CompletionState = "expired"         // past valid until: recertification due
	RecertifyMajor CompletionState = "recertify_major" // a newer major release replaced its content
	Revoked        CompletionState = "revoked"
)

// CompletionOf is what StateOf needs to know about a stored completion.
type CompletionOf struct {
	Version    string
	ValidUntil *time.Time
	Revoked    bool
}

// StateOf says where a completion stands at now, given the course's published releases (oldest
// first). A completion of an older major release stays on record but is due for recertification.
func StateOf(c CompletionOf, releases []Release, now time.Time) CompletionState {
	switch {
	case c.Revoked:
		return Revoked
	case c.ValidUntil != nil && !now.Before(*c.ValidUntil):
		return Expired
	case MajorSince(releases, c.Version):
		return RecertifyMajor
	case c.ValidUntil != nil && c.ValidUntil.Sub(now) <= ExpiringWindow:
		return ExpiringSoon
	}
	return Valid
}
