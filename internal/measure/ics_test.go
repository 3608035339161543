package measure

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestEscapeTextEscapesTheFourSpecialCharacters(t *testing.T) {
	got := EscapeText("Raum 3; Haus B, Ebene 2\nBitte Ausweis mitbringen \\ danke")
	want := `Raum 3\; Haus B\, Ebene 2\nBitte Ausweis mitbringen \\ danke`
	if got != want {
		t.Errorf("EscapeText = %q, want %q", got, want)
	}
}

func TestICSFoldsLongLinesAtOctetsWithoutSplittingCharacters(t *testing.T) {
	start := time.Date(2027, 1, 15, 8, 0, 0, 0, time.UTC)
	e := Event{UID: "session-date-12@ailit.example", Stamp: start.Add(-72 * time.Hour), Start: start, End: start.Add(3 * time.Hour),
		Summary:     "Workshop: KI im Bürgerservice – Chancen, Grenzen; Übungen",
		Description: strings.Repeat("Künstliche Intelligenz überprüfen ", 6), Location: "Rathaus, Raum 3.14"}
	out := ICS(e)
	if !strings.HasSuffix(out, "END:VCALENDAR\r\n") || strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\n") {
		t.Fatalf("lines must end with CRLF:\n%q", out)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
	for _, l := range lines {
		if len(l) > 75 {
			t.Errorf("line of %d octets: %q", len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("a fold split a character: %q", l)
		}
	}
	// Unfolding (remove CRLF followed by a space) gives back the escaped values.
	unfolded := strings.ReplaceAll(out, "\r\n ", "")
	for _, want := range []string{
		"SUMMARY:Workshop: KI im Bürgerservice – Chancen\\, Grenzen\\; Übungen\r\n",
		"DESCRIPTION:" + strings.Repeat("Künstliche Intelligenz überprüfen ", 6) + "\r\n",
		"LOCATION:Rathaus\\, Raum 3.14\r\n",
		"DTSTART:20270115T080000Z\r\n", "DTEND:20270115T110000Z\r\n", "DTSTAMP:20270112T080000Z\r\n",
		"UID:session-date-12@ailit.example\r\n", "BEGIN:VEVENT\r\n", "VERSION:2.0\r\n", "STATUS:CONFIRMED\r\n",
	} {
		if !strings.Contains(unfolded, want) {
			t.Errorf("unfolded invitation lacks %q:\n%s", want, unfolded)
		}
	}
	if !strings.Contains(ICS(Event{UID: "x", Cancelled: true}), "STATUS:CANCELLED\r\n") {
		t.Error("a cancelled event must say STATUS:CANCELLED")
	}
}
