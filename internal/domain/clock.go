package domain

import "time"

// Clock tells the time. Production uses SystemClock; tests move a FixedClock forward to pass due
// dates and expiry without sleeping.
type Clock interface{ Now() time.Time }

// SystemClock is the real time in UTC.
type SystemClock struct{}

// Now returns the current time in UTC.
func (SystemClock) Now() time.Time { return time.Now().UTC() }
