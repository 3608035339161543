// Package erasure holds the pure rules for deleting a person's data: who may not be deleted
// because of a legal hold, and how the pseudonymised account reads afterwards. The store carries
// the deletion out; the retention job and the admin page decide when.
//
// A deleted person's account row stays, with every personal field replaced: the figures of past
// reports stay as they were (the person still counts in their unit), records of participation
// issued to them stay verifiable (their signature does not cover the name), and the evidence log
// keeps the entries about them as tombstones whose hashes still chain.
package erasure

import "time"

// Reasons for deleting a person, recorded in the evidence log.
const (
	ReasonLeft    = "left"    // the retention period after leaving has passed
	ReasonRequest = "request" // on the person's request (Art. 17 GDPR)
)

// Hold is a legal hold (Löschsperre) on one person or on an org unit with everyone in it.
type Hold struct {
	ID        int64
	UserID    *int64
	OrgUnitID *int64
	Reason    string
	CreatedAt time.Time
}

// Blocking returns the first hold that suspends deleting the person with userID, whose unit and
// its ancestors are units (nearest first), or nil. Released holds are not passed in.
func Blocking(holds []Hold, userID int64, units []int64) *Hold {
	for i := range holds {
		if h := &holds[i]; h.UserID != nil && *h.UserID == userID {
			return h
		}
	}
	for _, u := range units {
		for i := range holds {
			if h := &holds[i]; h.OrgUnitID != nil && *h.OrgUnitID == u {
				return h
			}
		}
	}
	return nil
}

// DisplayName is what a deleted person's account is called from then on, in reports and lists.
// The short pseudonym is the start of the report pseudonym, so a deleted person can still be told
// apart from another in the figures without being named.
func DisplayName(pseudonym string) string { return "Gelöschte Person " + short(pseudonym) }

// Email is the deleted account's address: unique, never deliverable (.invalid, RFC 2606).
func Email(pseudonym string) string { return "geloescht-" + pseudonym + "@deleted.invalid" }

func short(p string) string {
	if len(p) > 8 {
		return p[:8]
	}
	return p
}
