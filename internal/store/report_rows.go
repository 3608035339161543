package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/ailit/ailit/internal/assign"
)

// ReportFilter narrows the report rows. Units is the list of org units to include (already
// intersected with what the viewer may see); nil means every person (admins only).
type ReportFilter struct {
	Units        []int64
	AllUnits     bool // Units is ignored: everybody, people without a unit included
	CourseID     string
	AssignmentID int64
	WithResults  bool      // load the best quiz score and pass/fail (privacy level "results")
	AsOf         time.Time // completions after this instant are ignored (zero: no limit)
	Unordered    bool      // any order will do (aggregates): saves the database a sort

	part, parts int // parts > 1: only the people whose id modulo parts is part
}

// ReportRecord is one current member of one assignment with what the report needs: the person,
// the assignment's due rule, the exemption, the enrollment and the latest unrevoked completion. It
// carries no answers, attempt counts, time on task or login times.
type ReportRecord struct {
	UserID          int64
	Name            string
	Email           string
	PersonnelNumber string
	OrgUnitID       int64 // 0: no unit

	AssignmentID   int64
	CourseID       string
	DueKind        string
	DueDate        *time.Time
	DueDays        int
	ValidityMonths int
	WindowDays     int
	CreatedAt      time.Time

	JoinedAt        time.Time
	Exempted        bool
	ExemptionReason string

	EnrolledVersion string
	EnrolledHash    string
	Started         bool

	CompletedCourse  string // the course of the family completed: the assigned one or a translation
	CompletedVersion string // "" when there is no completion
	CompletedHash    string
	CompletedAt      time.Time
	ValidUntil       *time.Time

	BestPercent *float64 // WithResults only
	Passed      *bool
}

// Rule returns the assignment's due rule as the status rules see it.
func (r *ReportRecord) Rule() assign.Rule {
	a := Assignment{CreatedAt: r.CreatedAt, DueKind: r.DueKind, DueDate: r.DueDate, DueDays: r.DueDays,
		ValidityMonths: r.ValidityMonths, WindowDays: r.WindowDays}
	return a.Rule()
}

// StreamReportRecords runs one query and calls fn for each record, ordered by name, person and
// assignment. It holds one row in memory at a time (a database cursor), so a report of a million
// rows costs no more memory than one of ten. fn may keep the record only until it returns.
//
// Current reports read the member facts of assignment_members joined to users only; a report as
// of a past instant (AsOf) joins the exemptions, enrollments and completions, as it must leave out
// later completions.
func (s *Store) StreamReportRecords(ctx context.Context, f ReportFilter, fn func(*ReportRecord) error) error {
	if !f.AllUnits && len(f.Units) == 0 {
		return nil
	}
	// The due rule is the same for every member of an assignment: read it once here, not per row.
	rules, err := s.assignmentRules(ctx)
	if err != nil {
		return err
	}
	fam, err := s.Families(ctx)
	if err != nil {
		return err
	}
	if s.Dialect == SQLite && f.AsOf.IsZero() {
		return s.streamPackedReportRecords(ctx, f, rules, fam, fn)
	}
	return pipeline(func(emit func(*ReportRecord) bool) error { return s.scanReportRecords(ctx, f, rules, fam, emit) }, fn)
}

// scanReportRecords runs the report query and calls emit for each record until it returns false.
func (s *Store) scanReportRecords(ctx context.Context, f ReportFilter, rules map[int64]*Assignment, fam Families, emit func(*ReportRecord) bool) error {
	query, args := reportQuery(f, rules, fam, "")
	rows, err := s.r.WithContext(ctx).Raw(query, args...).Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	var (
		r           ReportRecord
		pn          sql.NullString
		unit        sql.NullInt64
		done, valid sql.NullTime
		best        sql.NullFloat64
		passed      sql.NullInt64
	)
	for rows.Next() {
		dest := []any{&r.UserID, &r.Name, &r.Email, &pn, &unit, &r.AssignmentID, &r.JoinedAt,
			&r.Exempted, &r.ExemptionReason, &r.EnrolledVersion, &r.EnrolledHash, &r.Started,
			&r.CompletedCourse, &r.CompletedVersion, &r.CompletedHash, &done, &valid}
		if f.WithResults {
			dest = append(dest, &best, &passed)
		}
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		r.PersonnelNumber, r.OrgUnitID = pn.String, unit.Int64
		a := rules[r.AssignmentID]
		r.CompletedAt, r.ValidUntil = done.Time, timePtr(valid)
		r.fill(a, best, passed)
		if !emit(&r) {
			return nil
		}
	}
	return rows.Err()
}

// fill sets the assignment's rule and the optional result columns; both query forms share it.
func (r *ReportRecord) fill(a *Assignment, best sql.NullFloat64, passed sql.NullInt64) {
	r.CourseID, r.DueKind, r.DueDate, r.DueDays = a.CourseID, a.DueKind, a.DueDate, a.DueDays
	r.ValidityMonths, r.WindowDays, r.CreatedAt = a.ValidityMonths, a.WindowDays, a.CreatedAt
	r.BestPercent, r.Passed = nil, nil
	if best.Valid {
		v := best.Float64 // its own copy: a caller may copy the record and keep it
		r.BestPercent = &v
	}
	if passed.Valid {
		p := passed.Int64 == 1
		r.Passed = &p
	}
}

// reportQuery builds the query of StreamReportRecords. Both forms return the same columns, unless
// columns (a current report only) replaces them.
func reportQuery(f ReportFilter, rules map[int64]*Assignment, fam Families, columns string) (string, []any) {
	inFamily := func(column string) string { return fam.inFamilySQL(column, reportCourse) }
	var b strings.Builder
	args := []any{}
	b.WriteString(`SELECT `)
	switch {
	case columns != "":
		b.WriteString(columns)
	case f.AsOf.IsZero():
		b.WriteString(reportPersonColumns + `m.exempted, m.exemption_reason, m.enrolled_version, m.enrolled_hash, m.started,
 m.completed_course, m.completed_version, m.completed_hash, m.completed_at, m.valid_until`)
	default:
		b.WriteString(reportPersonColumns + `CASE WHEN ex.reason IS NULL THEN 0 ELSE 1 END, COALESCE(ex.reason, ''),
 COALESCE(e.version, ''), COALESCE(e.content_hash, ''), CASE WHEN e.last_activity_at > e.enrolled_at THEN 1 ELSE 0 END,
 COALESCE(c.course_id, ''), COALESCE(c.version, ''), COALESCE(c.content_hash, ''), c.completed_at, c.valid_until`)
	}
	if f.WithResults {
		b.WriteString(`,
 (SELECT MAX(q.percent) FROM quiz_attempts q WHERE q.user_id = m.user_id AND ` + inFamily("q.course_id") + ` AND q.status = 'submitted'),
 (SELECT MAX(CASE WHEN q.passed THEN 1 ELSE 0 END) FROM quiz_attempts q WHERE q.user_id = m.user_id AND ` + inFamily("q.course_id") + ` AND q.status = 'submitted')`)
	}
	b.WriteString(`
FROM assignment_members m
JOIN users u ON u.id = m.user_id`)
	if !f.AsOf.IsZero() {
		b.WriteString(`
LEFT JOIN assignment_exemptions ex ON ex.assignment_id = m.assignment_id AND ex.user_id = m.user_id
LEFT JOIN enrollments e ON e.id = (SELECT e2.id FROM enrollments e2 WHERE e2.user_id = m.user_id
  AND ` + inFamily("e2.course_id") + ` ORDER BY e2.last_activity_at DESC, e2.id DESC LIMIT 1)
LEFT JOIN completions c ON c.id = (SELECT c2.id FROM completions c2 WHERE c2.user_id = m.user_id
  AND ` + inFamily("c2.course_id") + ` AND c2.revoked_at IS NULL AND c2.completed_at <= ?
  ORDER BY c2.completed_at DESC, c2.id DESC LIMIT 1)`)
		args = append(args, f.AsOf.UTC())
	}
	b.WriteString(`
WHERE m.left_at IS NULL AND u.active = ?`)
	args = append(args, true)
	if !f.AllUnits {
		b.WriteString(` AND u.org_unit_id IN ?`)
		args = append(args, f.Units)
	}
	if f.CourseID != "" {
		ids := []int64{0} // no assignment of the course: no rows
		for id, a := range rules {
			if a.CourseID == f.CourseID {
				ids = append(ids, id)
			}
		}
		b.WriteString(` AND m.assignment_id IN ?`)
		args = append(args, ids)
	}
	if f.AssignmentID != 0 {
		b.WriteString(` AND m.assignment_id = ?`)
		args = append(args, f.AssignmentID)
	}
	if f.parts > 1 {
		b.WriteString(` AND m.user_id % ? = ?`)
		args = append(args, f.parts, f.part)
	}
	if !f.Unordered {
		b.WriteString(` ORDER BY u.display_name, u.id, m.assignment_id`)
	}
	return b.String(), args
}

const reportPersonColumns = `u.id, u.display_name, u.email, u.personnel_number, u.org_unit_id, m.assignment_id, m.joined_at, `

// reportCourse is the course of a report row's assignment; enrollments, completions and results of
// any course of its family count for it (reportQuery's inFamily).
const reportCourse = `(SELECT a.course_id FROM assignments a WHERE a.id = m.assignment_id)`

// assignmentRules maps every assignment id to its course and due rule (a few dozen rows).
func (s *Store) assignmentRules(ctx context.Context) (map[int64]*Assignment, error) {
	var as []Assignment
	if err := s.r.WithContext(ctx).Find(&as).Error; err != nil {
		return nil, err
	}
	m := make(map[int64]*Assignment, len(as))
	for i := range as {
		m[as[i].ID] = &as[i]
	}
	return m, nil
}

func timePtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	v := t.Time
	return &v
}

// AssignmentsWithMembersIn returns the assignments that have current members in the units (all:
// anywhere), with their targets: the measures of the Art. 4 evidence report.
func (s *Store) AssignmentsWithMembersIn(ctx context.Context, units []int64, all bool) ([]Assignment, error) {
	db := s.r.WithContext(ctx)
	sub := db.Table("assignment_members m").Select("DISTINCT m.assignment_id").
		Joins("JOIN users u ON u.id = m.user_id").Where("m.left_at IS NULL AND u.active = ?", true)
	if !all {
		if len(units) == 0 {
			return nil, nil
		}
		sub = sub.Where("u.org_unit_id IN ?", units)
	}
	var as []Assignment
	err := db.Preload("Targets").Where("id IN (?)", sub).Order("id").Find(&as).Error
	return as, err
}

// UsedVersion is a course version people in scope completed in a period.
type UsedVersion struct {
	CourseID, Version, ContentHash string
}

// VersionsCompletedIn returns the distinct course versions completed (not revoked) by people of the
// units (all: anyone) between from and to, ordered by course and version.
func (s *Store) VersionsCompletedIn(ctx context.Context, units []int64, all bool, from, to time.Time) ([]UsedVersion, error) {
	q := s.r.WithContext(ctx).Table("completions c").Select("DISTINCT c.course_id, c.version, c.content_hash").
		Joins("JOIN users u ON u.id = c.user_id").Where("c.revoked_at IS NULL AND c.completed_at >= ? AND c.completed_at <= ?", from.UTC(), to.UTC())
	if !all {
		if len(units) == 0 {
			return nil, nil
		}
		q = q.Where("u.org_unit_id IN ?", units)
	}
	var out []UsedVersion
	err := q.Order("c.course_id, c.version").Scan(&out).Error
	return out, err
}
