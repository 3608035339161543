package measure

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Event is one calendar entry of an invitation.
type Event struct {
	UID          string // globally unique and stable, e.g. "session-date-12@ailit.example"
	Stamp        time.Time
	Start, End   time.Time
	Summary      string
	Description  string
	Location     string
	URL          string
	Organizer    string // e-mail address, optional
	Cancelled    bool   // STATUS:CANCELLED, for a cancelled date or registration
	ProductIDTag string // the PRODID text, e.g. "-//ailit//Schulungen//DE"
}

// ICS writes an iCalendar object (RFC 5545) with one event: CRLF line ends, text values escaped
// (backslash, semicolon, comma, newline; §3.3.11) and lines folded to at most 75 octets without
// splitting a UTF-8 character (§3.1). Times are written in UTC.
func ICS(e Event) string {
	var b strings.Builder
	line := func(name, value string) { b.WriteString(fold(name + ":" + value)) }
	prodID := e.ProductIDTag
	if prodID == "" {
		prodID = "-//ailit//Schulungen//DE"
	}
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", prodID)
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	line("BEGIN", "VEVENT")
	line("UID", e.UID)
	line("DTSTAMP", icsTime(e.Stamp))
	line("DTSTART", icsTime(e.Start))
	line("DTEND", icsTime(e.End))
	line("SUMMARY", EscapeText(e.Summary))
	if e.Description != "" {
		line("DESCRIPTION", EscapeText(e.Description))
	}
	if e.Location != "" {
		line("LOCATION", EscapeText(e.Location))
	}
	if e.URL != "" {
		line("URL", e.URL)
	}
	if e.Organizer != "" {
		line("ORGANIZER", "mailto:"+e.Organizer)
	}
	if e.Cancelled {
		line("STATUS", "CANCELLED")
	} else {
		line("STATUS", "CONFIRMED")
	}
	line("END", "VEVENT")
	line("END", "VCALENDAR")
	return b.String()
}

func icsTime(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// EscapeText escapes a TEXT value (RFC 5545 §3.3.11).
func EscapeText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`, "\r", `\n`).Replace(s)
}

// fold splits a content line into lines of at most 75 octets, each continuation starting with a
// space, and ends it with CRLF.
func fold(s string) string {
	var b strings.Builder
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(s)
	b.WriteString("\r\n")
	return b.String()
}
