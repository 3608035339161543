package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
	"gorm.io/gorm"
)

// The SQLite driver costs two or three cgo calls per column and row, more than SQLite itself
// spends on the row. A current report on SQLite therefore reads each row as one text column: the
// fields SQLite controls (ids, flags, dates, versions, hashes) and the byte lengths of e-mail,
// personnel number and exemption reason, each followed by packSep, then those free texts and the
// display name, which may contain anything, back to back.
const packSep = "\x1f" // ASCII unit separator

// packedLayout declares the packed column: each field's SQL and where its text goes in the record.
// The SQL column and the decoder are both made from it, so a field cannot shift the others.
var packedLayout = []packedField{
	{`u.id`, intField(func(r *ReportRecord, n int64) { r.UserID = n })},
	{`ifnull(u.org_unit_id, 0)`, intField(func(r *ReportRecord, n int64) { r.OrgUnitID = n })},
	{`m.assignment_id`, intField(func(r *ReportRecord, n int64) { r.AssignmentID = n })},
	{`m.exempted`, func(r *ReportRecord, v string, _ *packedDecoder) error { r.Exempted = v == "1"; return nil }},
	{`m.started`, func(r *ReportRecord, v string, _ *packedDecoder) error { r.Started = v == "1"; return nil }},
	{`ifnull(m.joined_at, '')`, func(r *ReportRecord, v string, d *packedDecoder) error { r.JoinedAt = d.times.parse(v); return nil }},
	{`ifnull(m.completed_at, '')`, func(r *ReportRecord, v string, d *packedDecoder) error { r.CompletedAt = d.times.parse(v); return nil }},
	{`ifnull(m.valid_until, '')`, func(r *ReportRecord, v string, d *packedDecoder) error {
		r.ValidUntil = nil
		if v != "" {
			t := d.times.parse(v)
			r.ValidUntil = &t
		}
		return nil
	}},
	{`m.enrolled_version`, textField(func(r *ReportRecord) *string { return &r.EnrolledVersion })},
	{hashCodeSQL, func(r *ReportRecord, v string, d *packedDecoder) (err error) {
		r.EnrolledHash, err = d.hash(v)
		return err
	}},
	{`m.completed_version`, textField(func(r *ReportRecord) *string { return &r.CompletedVersion })},
	{sameHashSQL, func(r *ReportRecord, v string, _ *packedDecoder) error { return unpackCompletedHash(r, v) }},
	{`m.completed_course`, textField(func(r *ReportRecord) *string { return &r.CompletedCourse })},
}

// sameHashSQL is the completed hash as the packed column carries it. The rows are sorted by name
// with everything they carry, and SQLite's sort writes and reads them through temporary files:
// the bytes of a row cost time. Most people completed the version they enrolled in, so a completed
// hash equal to the enrolled one is left out (an empty field); any other is written after a dot,
// so an empty completed hash beside a non-empty enrolled one stays apart from an equal one.
const sameHashSQL = `CASE WHEN m.completed_hash = m.enrolled_hash THEN '' ELSE '.' || m.completed_hash END`

// unpackCompletedHash decodes the field of sameHashSQL; the enrolled hash is decoded before it.
func unpackCompletedHash(r *ReportRecord, v string) error {
	if v == "" {
		r.CompletedHash = r.EnrolledHash
		return nil
	}
	h, ok := strings.CutPrefix(v, ".")
	if !ok {
		return fmt.Errorf("report row: completed hash %q without its mark", v)
	}
	r.CompletedHash = h
	return nil
}

// packedTexts are the free texts after the fields, each announced by its byte length among the
// fields; the display name follows them and takes the rest.
var packedTexts = []struct {
	sql   string
	field func(*ReportRecord) *string
}{
	{`u.email`, func(r *ReportRecord) *string { return &r.Email }},
	{`ifnull(u.personnel_number, '')`, func(r *ReportRecord) *string { return &r.PersonnelNumber }},
	{`m.exemption_reason`, func(r *ReportRecord) *string { return &r.ExemptionReason }},
}

type packedField struct {
	sql string // hashCodeSQL stands for the SQL hashCodes writes
	set func(r *ReportRecord, v string, d *packedDecoder) error
}

// packedDecoder is what decoding a packed row needs besides the row.
type packedDecoder struct {
	times  timeCache
	hashes []string // the content hashes hashCodes numbered
}

func intField(set func(*ReportRecord, int64)) func(*ReportRecord, string, *packedDecoder) error {
	return func(r *ReportRecord, v string, _ *packedDecoder) error {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return fmt.Errorf("report row: %w", err)
		}
		set(r, n)
		return nil
	}
}

func textField(field func(*ReportRecord) *string) func(*ReportRecord, string, *packedDecoder) error {
	return func(r *ReportRecord, v string, _ *packedDecoder) error { *field(r) = v; return nil }
}

// packedFields is the number of separated fields before the free texts.
var packedFields = len(packedLayout) + len(packedTexts)

// packedReportColumn is the SQL of the packed column, in the order of packedLayout and packedTexts,
// with the content hashes of hashCodes numbered in that order.
func packedReportColumn(hashes []string) string {
	parts := make([]string, 0, packedFields+1)
	texts := make([]string, 0, len(packedTexts)+1)
	for _, f := range packedLayout {
		if f.sql == hashCodeSQL {
			parts = append(parts, hashCodes(hashes))
			continue
		}
		parts = append(parts, f.sql)
	}
	for _, t := range packedTexts {
		parts = append(parts, `length(CAST(`+t.sql+` AS BLOB))`)
		texts = append(texts, t.sql)
	}
	texts = append(texts, `u.display_name`)
	parts = append(parts, strings.Join(texts, ` || `))
	return strings.Join(parts, ` || '`+packSep+`' || `)
}

// hashCodeSQL marks the field of the enrolled hash in packedLayout; hashCodes writes its SQL.
const hashCodeSQL = `m.enrolled_hash`

// maxHashCodes bounds the hashes numbered in the query: beyond, its text outgrows the gain.
const maxHashCodes = 256

// hashCodes is the enrolled hash as the packed column carries it: a content hash of a published
// course version as "#" and its number in hashes (most rows carry one of a few dozen hashes, and
// 64 bytes a row cost time in the sort, as sameHashSQL says), any other after a dot, none as "".
func hashCodes(hashes []string) string {
	var b strings.Builder
	b.WriteString(`CASE m.enrolled_hash WHEN '' THEN ''`)
	for i, h := range hashes {
		b.WriteString(` WHEN '` + strings.ReplaceAll(h, `'`, `''`) + `' THEN '#` + strconv.Itoa(i) + `'`)
	}
	b.WriteString(` ELSE '.' || m.enrolled_hash END`)
	return b.String()
}

// hash decodes a field of hashCodes.
func (d *packedDecoder) hash(v string) (string, error) {
	if v == "" {
		return "", nil
	}
	if h, ok := strings.CutPrefix(v, "."); ok {
		return h, nil
	}
	if n, ok := strings.CutPrefix(v, "#"); ok {
		if i, err := strconv.Atoi(n); err == nil && i >= 0 && i < len(d.hashes) {
			return d.hashes[i], nil
		}
	}
	return "", fmt.Errorf("report row: enrolled hash %q", v)
}

// publishedHashes are the content hashes of the published course versions, at most maxHashCodes
// (none when there are more), for hashCodes.
func publishedHashes(conn *gorm.DB) ([]string, error) {
	var hashes []string
	err := conn.Raw(`SELECT DISTINCT hash FROM course_version_hashes WHERE hash <> '' ORDER BY hash LIMIT ?`, maxHashCodes+1).
		Scan(&hashes).Error
	if len(hashes) > maxHashCodes {
		hashes = nil
	}
	return hashes, err
}

// streamPackedReportRecords is StreamReportRecords for a current report on SQLite. SQLite sorts
// on one core, and the sort by name holds back the first row until every row is read and sorted:
// the people are therefore split into one part per core by id (at most 4), each part is read,
// sorted and decoded on its own connection and goroutine at once, and the sorted parts are merged
// on fn's goroutine by name, person and assignment, the order of the query. Each part reads its
// own snapshot, all begun at once; a person's rows all come from one (as in CountMembersByUnit).
func (s *Store) streamPackedReportRecords(ctx context.Context, f ReportFilter, rules map[int64]*Assignment, fam Families, fn func(*ReportRecord) error) error {
	// Any hash the list misses (a version published meanwhile) is carried in full: see hashCodes.
	hashes, err := publishedHashes(s.r.WithContext(ctx))
	if err != nil {
		return err
	}
	n := min(max(runtime.GOMAXPROCS(0), 1), 4)
	if f.Unordered {
		n = 1 // parts are merged by their order: unsorted ones would come person by person no more
	}
	parts := make([]*feed[ReportRecord], n)
	for k := range parts {
		pf := f
		pf.part, pf.parts = k, len(parts)
		parts[k] = startScan(func(emit func(*ReportRecord) bool) error {
			return s.r.WithContext(ctx).Connection(func(conn *gorm.DB) error {
				// With helper threads SQLite sorts on a core that would otherwise wait for rows.
				if err := conn.Exec("PRAGMA threads = 2").Error; err != nil {
					return err
				}
				return scanPacked(conn, pf, rules, fam, hashes, emit)
			})
		})
	}
	err = mergeParts(parts, fn)
	for _, p := range parts {
		err = p.finish(err)
	}
	return err
}

// mergeParts calls fn for the records of the sorted parts in the order of the report query.
func mergeParts(parts []*feed[ReportRecord], fn func(*ReportRecord) error) error {
	heads := make([]*ReportRecord, len(parts)) // the next record of each part, nil after its last
	for k, p := range parts {
		heads[k], _ = p.next()
	}
	for {
		first := -1
		for k, h := range heads {
			if h != nil && (first < 0 || reportOrder(h, heads[first]) < 0) {
				first = k
			}
		}
		if first < 0 {
			return nil
		}
		if err := fn(heads[first]); err != nil {
			return err
		}
		heads[first], _ = parts[first].next()
	}
}

// reportOrder compares two records as the report query's ORDER BY does: by name (SQLite's
// BINARY collation compares bytes, as Go compares strings), person and assignment.
func reportOrder(a, b *ReportRecord) int {
	if c := strings.Compare(a.Name, b.Name); c != 0 {
		return c
	}
	if c := cmp.Compare(a.UserID, b.UserID); c != 0 {
		return c
	}
	return cmp.Compare(a.AssignmentID, b.AssignmentID)
}

func scanPacked(conn *gorm.DB, f ReportFilter, rules map[int64]*Assignment, fam Families, hashes []string, emit func(*ReportRecord) bool) error {
	query, args := reportQuery(f, rules, fam, packedReportColumn(hashes))
	rows, err := conn.Raw(query, args...).Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	var (
		r      ReportRecord
		packed string
		best   sql.NullFloat64
		passed sql.NullInt64
		d      = &packedDecoder{times: timeCache{}, hashes: hashes}
	)
	for rows.Next() {
		dest := []any{&packed}
		if f.WithResults {
			dest = append(dest, &best, &passed)
		}
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		if err := unpackReportRecord(&r, packed, d); err != nil {
			return err
		}
		r.fill(rules[r.AssignmentID], best, passed)
		if !emit(&r) {
			return nil
		}
	}
	return rows.Err()
}

// unpackReportRecord fills r from the packed column (packedLayout, then packedTexts).
func unpackReportRecord(r *ReportRecord, packed string, d *packedDecoder) error {
	rest := packed
	var v string
	for i, f := range packedLayout {
		var ok bool
		if v, rest, ok = strings.Cut(rest, packSep); !ok {
			return fmt.Errorf("report row: %d fields, want more than %d", i+1, packedFields)
		}
		if err := f.set(r, v, d); err != nil {
			return err
		}
	}
	var lengths [8]int64 // len(packedTexts) ≤ 8
	total := int64(0)
	for i := range packedTexts {
		var ok bool
		if v, rest, ok = strings.Cut(rest, packSep); !ok {
			return fmt.Errorf("report row: %d fields, want more than %d", len(packedLayout)+i+1, packedFields)
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return fmt.Errorf("report row: text length %q", v)
		}
		lengths[i], total = n, total+n
	}
	if total > int64(len(rest)) {
		return fmt.Errorf("report row: texts of %v bytes in %d", lengths[:len(packedTexts)], len(rest))
	}
	for i, t := range packedTexts {
		*t.field(r), rest = rest[:lengths[i]], rest[lengths[i]:]
	}
	r.Name = rest
	return nil
}

// timeCache parses SQLite timestamps as the driver does for a DATETIME column, remembering what it
// parsed: the same few thousand dates (a day's joins, a course's completions) recur all through a
// report.
type timeCache map[string]time.Time

func (c timeCache) parse(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	if t, ok := parseUTCTimestamp(s); ok {
		return t
	}
	t, ok := c[s]
	if !ok {
		if len(c) >= 1<<14 { // memory stays flat whatever the dates
			clear(c)
		}
		t = parseSQLiteTime(s)
		c[s] = t
	}
	return t
}

// parseUTCTimestamp reads the form our timestamps are stored in, "2026-03-14 09:30:00+00:00",
// digit by digit: a report reads three of them a row, and a look-up in timeCache costs more than
// this. ok is false for any other text, which parseSQLiteTime then reads; where both read a text,
// they give the same time (the test compares them).
func parseUTCTimestamp(s string) (t time.Time, ok bool) {
	if len(s) != 25 || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':' || s[19:] != "+00:00" {
		return time.Time{}, false
	}
	num := func(from, to int) int {
		n := 0
		for i := from; i < to; i++ {
			d := s[i] - '0'
			if d > 9 {
				ok = false
			}
			n = n*10 + int(d)
		}
		return n
	}
	ok = true
	y, mo, d := num(0, 4), num(5, 7), num(8, 10)
	h, mi, sec := num(11, 13), num(14, 16), num(17, 19)
	if !ok || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59 {
		return time.Time{}, false
	}
	t = time.Date(y, time.Month(mo), d, h, mi, sec, 0, time.UTC)
	if t.Day() != d { // 30 February: time.Parse refuses the day, time.Date would move it on
		return time.Time{}, false
	}
	return t, true
}

// parseSQLiteTime is what mattn/go-sqlite3 does with the text of a DATETIME column (our DSN sets no
// _loc): the first of its formats that parses, in UTC; the zero time when none does.
func parseSQLiteTime(s string) time.Time {
	s = strings.TrimSuffix(s, "Z")
	for _, layout := range sqlite3.SQLiteTimestampFormats {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			return t
		}
	}
	return time.Time{}
}
