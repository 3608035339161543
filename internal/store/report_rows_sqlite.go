package store

import (
	"context"
	"database/sql"
	"fmt"
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

// packedFields is the number of separated fields before the free texts.
const packedFields = 16

var packedReportColumn = strings.Join([]string{
	`u.id`, `ifnull(u.org_unit_id, 0)`, `m.assignment_id`, `m.exempted`, `m.started`,
	`ifnull(m.joined_at, '')`, `ifnull(m.completed_at, '')`, `ifnull(m.valid_until, '')`,
	`m.enrolled_version`, `m.enrolled_hash`, `m.completed_version`, `m.completed_hash`, `m.completed_course`,
	`length(CAST(u.email AS BLOB))`, `length(CAST(ifnull(u.personnel_number, '') AS BLOB))`,
	`length(CAST(m.exemption_reason AS BLOB))`,
	`u.email || ifnull(u.personnel_number, '') || m.exemption_reason || u.display_name`,
}, ` || '`+packSep+`' || `)

// scanPackedReportRecords is scanReportRecords for a current report on SQLite.
func (s *Store) scanPackedReportRecords(ctx context.Context, f ReportFilter, rules map[int64]*Assignment, fam Families, emit func(*ReportRecord) bool) error {
	return s.R.WithContext(ctx).Connection(func(conn *gorm.DB) error {
		// The sort by name holds back the first row until every row is read and sorted; with
		// helper threads SQLite sorts on the core that would otherwise wait for rows.
		if err := conn.Exec("PRAGMA threads = 2").Error; err != nil {
			return err
		}
		return scanPacked(conn, f, rules, fam, emit)
	})
}

func scanPacked(conn *gorm.DB, f ReportFilter, rules map[int64]*Assignment, fam Families, emit func(*ReportRecord) bool) error {
	query, args := reportQuery(f, rules, fam, packedReportColumn)
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
		times  = timeCache{}
	)
	for rows.Next() {
		dest := []any{&packed}
		if f.WithResults {
			dest = append(dest, &best, &passed)
		}
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		if err := unpackReportRecord(&r, packed, times); err != nil {
			return err
		}
		a := rules[r.AssignmentID]
		r.fill(a, best, passed)
		if !emit(&r) {
			return nil
		}
	}
	return rows.Err()
}

// unpackReportRecord fills r from the packed column in the order of packedReportColumn.
func unpackReportRecord(r *ReportRecord, packed string, times timeCache) error {
	var p [packedFields]string
	rest := packed
	for i := range packedFields {
		var ok bool
		if p[i], rest, ok = strings.Cut(rest, packSep); !ok {
			return fmt.Errorf("report row: %d fields, want more than %d", i+1, packedFields)
		}
	}
	var n [6]int64
	for i, f := range []string{p[0], p[1], p[2], p[13], p[14], p[15]} {
		var err error
		if n[i], err = strconv.ParseInt(f, 10, 64); err != nil {
			return fmt.Errorf("report row: %w", err)
		}
	}
	r.UserID, r.OrgUnitID, r.AssignmentID = n[0], n[1], n[2]
	r.Exempted, r.Started = p[3] == "1", p[4] == "1"
	r.JoinedAt = times.parse(p[5])
	r.CompletedAt = times.parse(p[6])
	r.ValidUntil = nil
	if p[7] != "" {
		v := times.parse(p[7])
		r.ValidUntil = &v
	}
	r.EnrolledVersion, r.EnrolledHash = p[8], p[9]
	r.CompletedVersion, r.CompletedHash, r.CompletedCourse = p[10], p[11], p[12]
	email, pn, reason := n[3], n[4], n[5]
	if email < 0 || pn < 0 || reason < 0 || email+pn+reason > int64(len(rest)) {
		return fmt.Errorf("report row: texts of %d, %d and %d bytes in %d", email, pn, reason, len(rest))
	}
	r.Email, rest = rest[:email], rest[email:]
	r.PersonnelNumber, rest = rest[:pn], rest[pn:]
	r.ExemptionReason, r.Name = rest[:reason], rest[reason:]
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
