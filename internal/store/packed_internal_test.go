package store

import (
	"strconv"
	"strings"
	"testing"
)

// The packed column of a SQLite report is made from one declaration (packedLayout): this pins the
// SQL it gives, so a change to the layout is a deliberate one, and checks that a record packed as
// SQLite would pack it decodes to the same record.
func TestPackedReportColumnAndDecoderComeFromOneLayout(t *testing.T) {
	want := strings.Join([]string{
		`u.id`, `ifnull(u.org_unit_id, 0)`, `m.assignment_id`, `m.exempted`, `m.started`,
		`ifnull(m.joined_at, '')`, `ifnull(m.completed_at, '')`, `ifnull(m.valid_until, '')`,
		`m.enrolled_version`, `CASE m.enrolled_hash WHEN '' THEN '' WHEN 'abc' THEN '#0' WHEN 'o''k' THEN '#1' ELSE '.' || m.enrolled_hash END`,
		`m.completed_version`,
		`CASE WHEN m.completed_hash = m.enrolled_hash THEN '' ELSE '.' || m.completed_hash END`, `m.completed_course`,
		`length(CAST(u.email AS BLOB))`, `length(CAST(ifnull(u.personnel_number, '') AS BLOB))`,
		`length(CAST(m.exemption_reason AS BLOB))`,
		`u.email || ifnull(u.personnel_number, '') || m.exemption_reason || u.display_name`,
	}, ` || '`+packSep+`' || `)
	hashes := []string{"abc", "o'k"}
	if got := packedReportColumn(hashes); got != want {
		t.Errorf("packed column:\n%s\nwant\n%s", got, want)
	}
	texts := []string{"anna@stadt.example", "007", "Eltern\x1fzeit", "Anna \x1f Ümit"}
	fields := []string{"42", "3", "9", "1", "0", "2026-03-14 09:30:00+00:00", "", "2028-03-14 09:30:00+00:00",
		"1.2.0", "#0", "", "", ""}
	for _, text := range texts[:3] {
		fields = append(fields, strconv.Itoa(len(text)))
	}
	packed := strings.Join(fields, packSep) + packSep + strings.Join(texts, "")
	var r ReportRecord
	d := &packedDecoder{times: timeCache{}, hashes: hashes}
	if err := unpackReportRecord(&r, packed, d); err != nil {
		t.Fatal(err)
	}
	if r.UserID != 42 || r.OrgUnitID != 3 || r.AssignmentID != 9 || !r.Exempted || r.Started || r.JoinedAt.Day() != 14 ||
		!r.CompletedAt.IsZero() || r.ValidUntil == nil || r.ValidUntil.Year() != 2028 || r.EnrolledVersion != "1.2.0" ||
		r.EnrolledHash != "abc" || r.CompletedHash != "abc" || r.Email != texts[0] || r.PersonnelNumber != "007" || r.ExemptionReason != texts[2] || r.Name != texts[3] {
		t.Errorf("decoded %+v", r)
	}
	if err := unpackReportRecord(&r, strings.Join(fields[:5], packSep), d); err == nil {
		t.Error("a row with too few fields decoded without an error")
	}
	for v, want := range map[string]string{"": "", "#1": "o'k", ".#1": "#1", ".": ""} {
		if got, err := d.hash(v); err != nil || got != want {
			t.Errorf("hash %q: %q, %v; want %q", v, got, err, want)
		}
	}
	for _, v := range []string{"#2", "#-1", "#", "abc"} {
		if got, err := d.hash(v); err == nil {
			t.Errorf("hash %q decoded as %q", v, got)
		}
	}
}

// parseUTCTimestamp is a fast path of parseSQLiteTime for the form we store: where it reads a text
// it must give parseSQLiteTime's time, and any text it does not read is left to parseSQLiteTime.
func TestUTCTimestampsParseAsTheDriverParsesThem(t *testing.T) {
	for _, s := range []string{"2026-03-14 09:30:00+00:00", "2024-02-29 23:59:59+00:00", "0001-01-01 00:00:00+00:00",
		"9999-12-31 23:59:59+00:00", "2026-02-30 10:00:00+00:00", "2026-13-01 10:00:00+00:00", "2026-03-14 24:00:00+00:00",
		"2026-03-14 09:30:00+01:00", "2026-03-14 09:30:00.5+00:00", "2026-03-14T09:30:00Z", "2026-03-14 09:3a:00+00:00",
		"2026-03-14", "x026-03-14 09:30:00+00:00"} {
		fast, ok := parseUTCTimestamp(s)
		if !ok {
			continue
		}
		if plain := parseSQLiteTime(s); fast != plain {
			t.Errorf("%q: %v, the driver's form gives %v", s, fast, plain)
		}
	}
	for _, s := range []string{"2026-02-30 10:00:00+00:00", "2026-03-14 09:30:00+01:00", "2026-03-14 09:3a:00+00:00"} {
		if _, ok := parseUTCTimestamp(s); ok {
			t.Errorf("%q read by the fast path", s)
		}
	}
}
