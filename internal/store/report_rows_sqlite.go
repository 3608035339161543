package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
)

// The SQLite driver costs two or three cgo calls per column and row, more than SQLite itself
// spends on the row. A current report on SQLite therefore reads the fields it controls (ids,
// flags, versions, hashes, dates) as one text column, separated by packSep, followed by the
// display name, which may contain anything and so comes last, after the last separator. E-mail,
// personnel number and exemption reason are free text and keep their own columns.
const packSep = "\x1f" // ASCII unit separator

// packedFields is the number of separators in the packed column (one before the display name).
const packedFields = 12

var packedReportColumns = strings.Join([]string{
	`u.id`, `ifnull(u.org_unit_id, 0)`, `m.assignment_id`, `m.exempted`, `m.started`,
	`ifnull(m.joined_at, '')`, `ifnull(m.completed_at, '')`, `ifnull(m.valid_until, '')`,
	`m.enrolled_version`, `m.enrolled_hash`, `m.completed_version`, `m.completed_hash`, `u.display_name`,
}, ` || '`+packSep+`' || `) + `, u.email, ifnull(u.personnel_number, ''), m.exemption_reason`

// scanPackedReportRecords is scanReportRecords for a current report on SQLite.
func (s *Store) scanPackedReportRecords(ctx context.Context, f ReportFilter, rules map[int64]*Assignment, emit func(*ReportRecord) bool) error {
	query, args := reportQuery(f, rules, packedReportColumns)
	rows, err := s.R.WithContext(ctx).Raw(query, args...).Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	var (
		r      ReportRecord
		packed string
		best   sql.NullFloat64
		passed sql.NullInt64
		times  timeCache
	)
	for rows.Next() {
		dest := []any{&packed, &r.Email, &r.PersonnelNumber, &r.ExemptionReason}
		if f.WithResults {
			dest = append(dest, &best, &passed)
		}
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		if err := unpackReportRecord(&r, packed, &times); err != nil {
			return err
		}
		a := rules[r.AssignmentID]
		r.CourseID, r.DueKind, r.DueDate, r.DueDays = a.CourseID, a.DueKind, a.DueDate, a.DueDays
		r.ValidityMonths, r.WindowDays, r.CreatedAt = a.ValidityMonths, a.WindowDays, a.CreatedAt
		r.BestPercent, r.Passed = nil, nil
		if best.Valid {
			v := best.Float64
			r.BestPercent = &v
		}
		if passed.Valid {
			p := passed.Int64 == 1
			r.Passed = &p
		}
		if !emit(&r) {
			return nil
		}
	}
	return rows.Err()
}

// unpackReportRecord fills r from the packed column in the order of packedReportColumns.
func unpackReportRecord(r *ReportRecord, packed string, times *timeCache) error {
	var p [packedFields + 1]string
	rest := packed
	for i := range packedFields {
		var ok bool
		if p[i], rest, ok = strings.Cut(rest, packSep); !ok {
			return fmt.Errorf("report row: %d fields, want %d", i+1, packedFields+1)
		}
	}
	p[packedFields] = rest
	var err error
	if r.UserID, err = strconv.ParseInt(p[0], 10, 64); err != nil {
		return err
	}
	if r.OrgUnitID, err = strconv.ParseInt(p[1], 10, 64); err != nil {
		return err
	}
	if r.AssignmentID, err = strconv.ParseInt(p[2], 10, 64); err != nil {
		return err
	}
	r.Exempted, r.Started = p[3] == "1", p[4] == "1"
	r.JoinedAt = times.parse(p[5])
	r.CompletedAt = times.parse(p[6])
	r.ValidUntil = nil
	if p[7] != "" {
		v := times.parse(p[7])
		r.ValidUntil = &v
	}
	r.EnrolledVersion, r.EnrolledHash = p[8], p[9]
	r.CompletedVersion, r.CompletedHash = p[10], p[11]
	r.Name = p[12]
	return nil
}

// timeCache parses SQLite timestamps as the driver does for a DATETIME column, remembering the
// last text: dates repeat from row to row (a completion's dates, the same day's joins).
type timeCache struct {
	text string
	t    time.Time
}

func (c *timeCache) parse(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	if s == c.text {
		return c.t
	}
	c.text, c.t = s, parseSQLiteTime(s)
	return c.t
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
