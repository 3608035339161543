// Package record builds the record of participation ("Teilnahmebestätigung") for a completed
// course: its signed, canonical form, the verification URL and the PDF. It is pure: no HTTP, no
// database. The word is "record of participation", never "certificate": the platform supports
// measures to build and document AI literacy (Art. 4 of Regulation (EU) 2024/1689); it does not
// certify compliance.
package record

import (
	"encoding/json"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Record is one record of participation: who completed which course version when.
type Record struct {
	ID          string    // public record id, part of the verification URL
	PersonName  string    // the learner's display name
	CourseID    string    // e.g. "ki-grundlagen"
	CourseTitle string    // the course title of that version
	Version     string    // the course version, e.g. "1.2.0"
	ContentHash string    // sha256 over the version's files, so the content can be traced
	CompletedAt time.Time // when the learner completed the course
	ValidUntil  time.Time // when a refresher is due; zero: the record does not expire
	Issuer      string    // the organisation that issues the record (setting)
	Wording     string    // the legal wording printed on the record (setting)

	// Revocation is looked up when the record is shown; it is not part of the signed content.
	RevokedAt    time.Time // zero: not revoked
	RevokeReason string
}

// canonicalFormat names the layout of Canonical; a new layout gets a new name, so old signatures
// never verify against a differently built text by accident.
const canonicalFormat = "ailit-record/1"

// Canonical is the exact text the signature covers: the facts fixed at completion. Names, titles,
// issuer and wording are left out on purpose: they may change after the fact (a name after
// marriage, the wording after a change in the law) and the verification page shows their current
// values, so a PDF edited to show something else is exposed anyway. Times are UTC to the second,
// because databases keep different precisions.
func (r Record) Canonical() []byte {
	b, err := json.Marshal([]string{
		canonicalFormat, r.ID, r.CourseID, r.Version, r.ContentHash,
		canonicalTime(r.CompletedAt), canonicalTime(r.ValidUntil),
	})
	if err != nil {
		panic(err) // a []string always marshals
	}
	return b
}

func canonicalTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Truncate(time.Second).Format(time.RFC3339)
}

// Status is what the verification page says about a record.
type Status string

// The states a record can be in. Invalid means "unknown id or wrong signature": the page shows no
// details then.
const (
	Valid   Status = "valid"
	Expired Status = "expired"
	Revoked Status = "revoked"
	Invalid Status = "invalid"
)

// StatusAt tells whether a genuine record is valid, expired or revoked at now. Revocation wins.
func (r Record) StatusAt(now time.Time) Status {
	switch {
	case !r.RevokedAt.IsZero():
		return Revoked
	case !r.ValidUntil.IsZero() && !now.Before(r.ValidUntil):
		return Expired
	}
	return Valid
}

// Initials shortens a name to its initials ("Jörg Weiß" → "J. W.", "Anna-Lena Berg" → "A. L. B."),
// for the verification page when the operator hides names.
func Initials(name string) string {
	var parts []string
	for _, word := range strings.FieldsFunc(name, func(r rune) bool { return unicode.IsSpace(r) || r == '-' }) {
		first, _ := utf8.DecodeRuneInString(word)
		if unicode.IsLetter(first) {
			parts = append(parts, string(unicode.ToUpper(first))+".")
		}
	}
	return strings.Join(parts, " ")
}
