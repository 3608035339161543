package report

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"iter"
	"strconv"
	"time"
)

// Status is where a person stands with one assignment.
type Status string

// The statuses a report row can carry. DueSoon means open and due within the warning window;
// Expired means completed once but the validity has run out.
const (
	StatusNotStarted Status = "not_started"
	StatusInProgress Status = "in_progress"
	StatusCompleted  Status = "completed"
	StatusDueSoon    Status = "due_soon"
	StatusOverdue    Status = "overdue"
	StatusExpired    Status = "expired"
	StatusExempted   Status = "exempted"
)

// Statuses lists every status in display order.
var Statuses = []Status{StatusNotStarted, StatusInProgress, StatusDueSoon, StatusOverdue,
	StatusCompleted, StatusExpired, StatusExempted}

// Level is the privacy level agreed with the staff council (see docs: evidence-and-privacy).
type Level string

// Privacy levels. LevelStatus is the default.
const (
	LevelAggregate Level = "aggregate" // P0: rates and counts per org unit, small groups hidden
	LevelStatus    Level = "status"    // P1: per person status and dates, no scores
	LevelResults   Level = "results"   // P2: adds pass/fail and score
)

// ParseLevel accepts the three level names; anything else is an error, never a silent default.
func ParseLevel(s string) (Level, error) {
	switch l := Level(s); l {
	case LevelAggregate, LevelStatus, LevelResults:
		return l, nil
	case "":
		return LevelStatus, nil
	}
	return "", fmt.Errorf("report: unknown privacy level %q", s)
}

// Row is one person × assignment (course) as the report sees it. Rows come from the caller as an
// iterator, so a report never holds them all in memory. Passed and ScorePercent are only ever
// written at LevelResults; the column set decides, not the caller.
type Row struct {
	Pseudonym       string // see Pseudonym()
	PersonnelNumber string
	Name            string
	Email           string
	OrgUnitPath     string // "Amt 32 / Fachbereich 1 / Team A"
	CourseID        string
	CourseTitle     string
	CourseVersion   string
	ContentHash     string
	Status          Status
	ExemptionReason string
	AssignedAt      time.Time
	DueAt           time.Time
	CompletedAt     time.Time
	ValidUntil      time.Time
	CompetenceAreas []string // e.g. "KA-SICHER"
	CompetenceLevel string   // "L1".."L3"
	Passed          *bool    // nil when there is no graded result
	ScorePercent    *float64 // nil when there is no score
}

// Rows is the row source. It may be iterated more than once (a summary pass, then the table), so
// back it with a fresh query per iteration rather than a one-shot cursor.
type Rows = iter.Seq2[Row, error]

// Pseudonym derives a stable pseudonymous id from a user id: HMAC-SHA256 with a key kept by the
// operator, truncated to 16 bytes (32 hex digits). Without the key the id cannot be linked back to
// the user, and a new key gives new pseudonyms.
func Pseudonym(key []byte, userID string) string {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(userID))
	return hex.EncodeToString(mac.Sum(nil)[:16])
}

// Pseudonyms derives the pseudonyms of many users with one key, as Pseudonym does for each, but
// with one HMAC kept and reset between users rather than a new one per user. Not safe for
// concurrent use.
type Pseudonyms struct {
	mac hash.Hash
	buf []byte // the user id's digits, then the MAC
	hex [32]byte
}

// NewPseudonyms prepares the pseudonyms of key.
func NewPseudonyms(key []byte) *Pseudonyms { return &Pseudonyms{mac: hmac.New(sha256.New, key)} }

// Of is Pseudonym(key, strconv.FormatInt(userID, 10)).
func (p *Pseudonyms) Of(userID int64) string {
	p.mac.Reset()
	p.buf = strconv.AppendInt(p.buf[:0], userID, 10)
	p.mac.Write(p.buf)
	p.buf = p.mac.Sum(p.buf[:0])
	hex.Encode(p.hex[:], p.buf[:16])
	return string(p.hex[:])
}

// RowsFromSlice adapts a slice, for tests and small reports.
func RowsFromSlice(rows []Row) Rows {
	return func(yield func(Row, error) bool) {
		for _, r := range rows {
			if !yield(r, nil) {
				return
			}
		}
	}
}
