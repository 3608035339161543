package measure

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"
)

// Seat is where a registration for a session date stands.
type Seat string

// The states of a registration.
const (
	Registered Seat = "registered" // has a place
	Waiting    Seat = "waiting"    // on the waiting list, in registration order
	Cancelled  Seat = "cancelled"  // cancelled by the person
)

// Place is the seat a new registration gets when taken places are already given away.
func Place(capacity, taken int) Seat {
	if taken < capacity {
		return Registered
	}
	return Waiting
}

// MoveUp returns the waiting people (in waiting-list order) who get a place when registered
// people hold the places of a date with capacity: as many as there are free places.
func MoveUp(capacity, registered int, waiting []int64) []int64 {
	free := capacity - registered
	if free <= 0 {
		return nil
	}
	return waiting[:min(free, len(waiting))]
}

// RegistrationOpen reports whether people may still register for a date starting at startsAt.
func RegistrationOpen(startsAt, now time.Time) bool { return now.Before(startsAt) }

// CancelDeadline is the last moment a registration may be cancelled: cancelHours before the start.
func CancelDeadline(startsAt time.Time, cancelHours int) time.Time {
	return startsAt.Add(-time.Duration(cancelHours) * time.Hour)
}

// CanCancel reports whether a registration may still be cancelled at now. A place on the waiting
// list may always be given up before the start: nobody else is waiting for it.
func CanCancel(seat Seat, startsAt time.Time, cancelHours int, now time.Time) bool {
	if seat == Waiting {
		return now.Before(startsAt)
	}
	return now.Before(CancelDeadline(startsAt, cancelHours))
}

// SessionVersion is the version a session attendance is recorded under: the date it took place
// and the date's number, so two dates of a series on one day stay apart.
func SessionVersion(startsAt time.Time, dateID int64) string {
	return fmt.Sprintf("%s-%d", startsAt.UTC().Format(time.DateOnly), dateID)
}

// SessionHash is the content hash of a session date as attended: what was offered, when and where.
func SessionHash(seriesKey, title, place, meetingURL string, startsAt, endsAt time.Time) string {
	sum := sha256.Sum256(fmt.Appendf(nil, "%s\x00%s\x00%s\x00%s\x00%s\x00%s", seriesKey, title, place, meetingURL,
		startsAt.UTC().Format(time.RFC3339), endsAt.UTC().Format(time.RFC3339)))
	return hex.EncodeToString(sum[:])
}
