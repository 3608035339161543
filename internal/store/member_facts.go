package store

import (
	"cmp"
	"context"
	"errors"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"gorm.io/gorm"

	"github.com/ailit/ailit/internal/progress"
)

// The member facts are the columns of assignment_members after left_at: copies of the exemption,
// the enrollment in the assignment's course and its latest unrevoked completion. Reports read them
// instead of joining four tables per row ("progress is computed on write; reports are indexed
// reads"). One statement computes them from the source tables, for the rows a condition selects; it
// runs in the transaction of every write that changes a source, and over every row as the backfill
// of migration 0007.
const (
	memberCourse = `(SELECT a.course_id FROM assignments a WHERE a.id = assignment_members.assignment_id)`
	memberExempt = `FROM assignment_exemptions x WHERE x.assignment_id = assignment_members.assignment_id
 AND x.user_id = assignment_members.user_id`
)

// memberFactsSQL is the SET list of the member facts. The enrollment and completion count in any
// course of the assignment's course family (course_families.go): the enrollment the person was
// last active in, the latest completion.
func memberFactsSQL(fam Families) string {
	memberEnrollment := `FROM enrollments e WHERE e.user_id = assignment_members.user_id AND ` + fam.inFamilySQL("e.course_id", memberCourse)
	memberLatestEnrollment := memberEnrollment + ` ORDER BY e.last_activity_at DESC, e.id DESC LIMIT 1`
	memberCompletion := `FROM completions c WHERE c.user_id = assignment_members.user_id AND ` + fam.inFamilySQL("c.course_id", memberCourse) +
		` AND c.revoked_at IS NULL ORDER BY c.completed_at DESC, c.id DESC LIMIT 1`
	return strings.Join([]string{
		`exempted = EXISTS (SELECT 1 ` + memberExempt + `)`,
		`exemption_reason = COALESCE((SELECT x.reason ` + memberExempt + `), '')`,
		`enrolled_version = COALESCE((SELECT e.version ` + memberLatestEnrollment + `), '')`,
		`enrolled_hash = COALESCE((SELECT e.content_hash ` + memberLatestEnrollment + `), '')`,
		`started = EXISTS (SELECT 1 ` + memberEnrollment + ` AND e.last_activity_at > e.enrolled_at)`,
		`completed_course = COALESCE((SELECT c.course_id ` + memberCompletion + `), '')`,
		`completed_version = COALESCE((SELECT c.version ` + memberCompletion + `), '')`,
		`completed_hash = COALESCE((SELECT c.content_hash ` + memberCompletion + `), '')`,
		`completed_at = (SELECT c.completed_at ` + memberCompletion + `)`,
		`valid_until = (SELECT c.valid_until ` + memberCompletion + `)`,
		`expires_at = (SELECT c.valid_until ` + memberCompletion + `)`, // the rest: memberExpiry
	}, ",\n ")
}

// refreshMemberFacts recomputes the member facts of the assignment_members rows where cond holds.
func refreshMemberFacts(tx *gorm.DB, cond string, args ...any) error {
	fam, err := families(tx)
	if err != nil {
		return err
	}
	return refreshMemberFactsWith(tx, fam, cond, args...)
}

// refreshMemberFactsWith is refreshMemberFacts with the course families read in tx already.
func refreshMemberFactsWith(tx *gorm.DB, fam Families, cond string, args ...any) error {
	if err := tx.Exec("UPDATE assignment_members SET "+memberFactsSQL(fam)+"\nWHERE "+cond, args...).Error; err != nil {
		return err
	}
	return refreshExpiry(tx, cond, args...)
}

// refreshExpiry sets expires_at of the completions without a valid-until of their own, from the
// assignment's validity. The calendar arithmetic (progress.ValidUntil) is Go's, not SQL's: those
// rows are rare (a course without validity made mandatory with one) and updated one by one.
func refreshExpiry(tx *gorm.DB, cond string, args ...any) error {
	var rows []AssignmentMember
	err := tx.Where("completed_at IS NOT NULL AND valid_until IS NULL AND (expires_at IS NOT NULL OR assignment_id IN "+
		"(SELECT id FROM assignments WHERE validity_months > 0)) AND ("+cond+")", args...).Find(&rows).Error
	if err != nil || len(rows) == 0 {
		return err
	}
	var as []Assignment
	if err := tx.Find(&as).Error; err != nil {
		return err
	}
	months := map[int64]int{}
	for _, a := range as {
		months[a.ID] = a.ValidityMonths
	}
	for _, m := range rows {
		expires := progress.ValidUntil(m.CompletedAt.UTC(), months[m.AssignmentID])
		if (expires == nil) == (m.ExpiresAt == nil) && (expires == nil || expires.Equal(*m.ExpiresAt)) {
			continue
		}
		err := tx.Model(&AssignmentMember{}).Where("assignment_id = ? AND user_id = ?", m.AssignmentID, m.UserID).
			Update("expires_at", expires).Error
		if err != nil {
			return err
		}
	}
	return nil
}

// refreshMemberFactsOf recomputes, inside tx, the member facts of a person on every assignment of a
// course's family: after a change to their enrollment in it or their completions of it.
func refreshMemberFactsOf(tx *gorm.DB, userID int64, courseID string) error {
	fam, err := families(tx)
	if err != nil {
		return err
	}
	return refreshMemberFactsWith(tx, fam, "user_id = ? AND assignment_id IN (SELECT id FROM assignments WHERE course_id IN ?)", userID, fam.Of(courseID))
}

// refreshMembers recomputes the member facts of some people (those who joined an assignment of
// the course and were enrolled in it) on every assignment of the course, a few hundred per
// statement to stay below the databases' limits on parameters.
func refreshMembers(tx *gorm.DB, courseID string, userIDs []int64) error {
	const chunk = 500
	for len(userIDs) > 0 {
		n := min(chunk, len(userIDs))
		err := refreshMemberFacts(tx, "assignment_id IN (SELECT id FROM assignments WHERE course_id = ?) AND user_id IN ?", courseID, userIDs[:n])
		if err != nil {
			return err
		}
		userIDs = userIDs[n:]
	}
	return nil
}

// refreshFamilyMembers recomputes the member facts on every assignment of a course family: after
// a course joined it (its first version with translation_of was recorded).
func refreshFamilyMembers(tx *gorm.DB, courseID string) error {
	fam, err := families(tx)
	if err != nil {
		return err
	}
	return refreshMemberFactsWith(tx, fam, "assignment_id IN (SELECT id FROM assignments WHERE course_id IN ?)", fam.Of(courseID))
}

// RefreshAllMemberFacts recomputes the member facts of every row: the backfill, and the repair
// after data was written around the store (a bulk import straight into the tables).
func (s *Store) RefreshAllMemberFacts(ctx context.Context) error {
	return refreshMemberFacts(s.w.WithContext(ctx), "1 = 1")
}

// SQLExpr is a piece of SQL with its parameters.
type SQLExpr struct {
	SQL  string
	Args []any
}

// UnitCounts is one row of CountMembersByUnit: a unit (0: none) and its aggregates, in order.
type UnitCounts struct {
	OrgUnitID int64
	Values    []int64
}

// CountMembersByUnit counts the current members of the filter per unit of the person, from the
// member facts alone, in two steps: per person, then per unit. status is an expression over the
// member row m that says where the member stands (it depends on the catalog and the clock, so the
// caller writes it); it is a small integer (the caller's code of a state: integers compare much
// faster than text, and every aggregate compares it). keep is a condition over m, or "" for every
// row; state, when not 0, keeps the rows of that status only. Each aggregate is an expression over
// the rows of one person, with the columns st (the status), mo (month, an integer expression over
// m, e.g. the month of the completion, computed once per row; "" for none) and assignment_id (e.g.
// "COUNT(*)", "MAX(CASE WHEN st = 5 THEN 1 ELSE 0 END)", "1" for the person); the values of a unit
// are its people's values added up, or, when perUnit is given, perUnit's aggregates over the
// people of the unit, with the columns a0, a1, … (the person's aggregates in order); they must be
// sums (SUM(…)), as the people are counted in parts that are added up. A person belongs to one unit, so counting per person first
// needs no COUNT(DISTINCT …), which builds a temporary index per aggregate and per unit. AsOf,
// WithResults and Unordered do not apply.
func (s *Store) CountMembersByUnit(ctx context.Context, f ReportFilter, status, month, keep SQLExpr, state int, aggregates, perUnit []SQLExpr) ([]UnitCounts, error) {
	if !f.AllUnits && len(f.Units) == 0 {
		return nil, nil
	}
	var b strings.Builder
	var args []any
	b.WriteString("SELECT COALESCE(unit, 0)")
	if perUnit == nil {
		for i := range aggregates {
			perUnit = append(perUnit, SQLExpr{SQL: "SUM(a" + strconv.Itoa(i) + ")"})
		}
	}
	for _, a := range perUnit {
		b.WriteString(",\n " + a.SQL)
		args = append(args, a.Args...)
	}
	b.WriteString("\nFROM (SELECT unit, user_id")
	for i, a := range aggregates {
		b.WriteString(",\n " + a.SQL + " AS a" + strconv.Itoa(i))
		args = append(args, a.Args...)
	}
	b.WriteString("\nFROM (SELECT u.org_unit_id AS unit, m.user_id, m.assignment_id, " + status.SQL + " AS st")
	args = append(args, status.Args...)
	if month.SQL == "" {
		month.SQL = "NULL"
	}
	b.WriteString(", " + month.SQL + " AS mo")
	args = append(args, month.Args...)
	b.WriteString("\n FROM users u JOIN assignment_members m ON m.user_id = u.id\n WHERE m.left_at IS NULL AND u.active = ?")
	args = append(args, true)
	if !f.AllUnits {
		b.WriteString(" AND u.org_unit_id IN ?")
		args = append(args, f.Units)
	}
	if f.CourseID != "" {
		b.WriteString(" AND m.assignment_id IN (SELECT id FROM assignments WHERE course_id = ?)")
		args = append(args, f.CourseID)
	}
	if f.AssignmentID != 0 {
		b.WriteString(" AND m.assignment_id = ?")
		args = append(args, f.AssignmentID)
	}
	if keep.SQL != "" {
		b.WriteString(" AND (" + keep.SQL + ")")
		args = append(args, keep.Args...)
	}
	// The people are split into parts by id, counted at once on the reader connections and
	// added up: every value of a unit is a sum over its people (SQLite runs one query on one core).
	parts := 1
	if s.Dialect == SQLite {
		parts = min(max(runtime.GOMAXPROCS(0), 1), 4)
	}
	b.WriteString(" AND u.id % ? = ?")
	part := len(args)
	args = append(args, parts, 0)
	// Without a fence the database may copy the status expression into every aggregate that reads
	// st and evaluate it many times per row: SQLite does not flatten a subquery with a LIMIT into an
	// aggregate, PostgreSQL does not pull up one with an OFFSET.
	if s.Dialect == SQLite {
		b.WriteString(" LIMIT -1")
	} else {
		b.WriteString(" OFFSET 0")
	}
	b.WriteString(") r")
	if state != 0 {
		b.WriteString(" WHERE st = ?")
		args = append(args, state)
	}
	// The person first: the sort that groups the rows compares the person's id and rarely the
	// unit (each person is in one unit), instead of the unit and then, for most pairs, the person.
	b.WriteString("\n GROUP BY user_id, unit) p\nGROUP BY unit")
	results := make([][]UnitCounts, parts)
	errs := make([]error, parts)
	var wg sync.WaitGroup
	for k := range parts {
		partArgs := slices.Clone(args)
		partArgs[part+1] = k
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[k], errs[k] = s.countMembers(ctx, b.String(), partArgs, len(perUnit))
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	byUnit := map[int64]int{}
	var out []UnitCounts
	for _, r := range results {
		for _, c := range r {
			i, ok := byUnit[c.OrgUnitID]
			if !ok {
				byUnit[c.OrgUnitID] = len(out)
				out = append(out, c)
				continue
			}
			for j, v := range c.Values {
				out[i].Values[j] += v
			}
		}
	}
	slices.SortFunc(out, func(a, b UnitCounts) int { return cmp.Compare(a.OrgUnitID, b.OrgUnitID) })
	return out, nil
}

// countMembers runs one part of CountMembersByUnit.
func (s *Store) countMembers(ctx context.Context, sql string, args []any, values int) ([]UnitCounts, error) {
	rows, err := s.r.WithContext(ctx).Raw(sql, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []UnitCounts
	for rows.Next() {
		c := UnitCounts{Values: make([]int64, values)}
		dest := []any{&c.OrgUnitID}
		for i := range c.Values {
			dest = append(dest, &c.Values[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
