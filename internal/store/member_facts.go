package store

import (
	"context"
	"strings"

	"gorm.io/gorm"
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
	memberEnrollment = `FROM enrollments e WHERE e.user_id = assignment_members.user_id AND e.course_id = ` + memberCourse
	memberCompletion = `FROM completions c WHERE c.user_id = assignment_members.user_id AND c.course_id = ` + memberCourse +
		` AND c.revoked_at IS NULL ORDER BY c.completed_at DESC, c.id DESC LIMIT 1`
)

var memberFactsSQL = strings.Join([]string{
	`exempted = EXISTS (SELECT 1 ` + memberExempt + `)`,
	`exemption_reason = COALESCE((SELECT x.reason ` + memberExempt + `), '')`,
	`enrolled_version = COALESCE((SELECT e.version ` + memberEnrollment + `), '')`,
	`enrolled_hash = COALESCE((SELECT e.content_hash ` + memberEnrollment + `), '')`,
	`started = EXISTS (SELECT 1 ` + memberEnrollment + ` AND e.last_activity_at > e.enrolled_at)`,
	`completed_version = COALESCE((SELECT c.version ` + memberCompletion + `), '')`,
	`completed_hash = COALESCE((SELECT c.content_hash ` + memberCompletion + `), '')`,
	`completed_at = (SELECT c.completed_at ` + memberCompletion + `)`,
	`valid_until = (SELECT c.valid_until ` + memberCompletion + `)`,
}, ",\n ")

// refreshMemberFacts recomputes the member facts of the assignment_members rows where cond holds.
func refreshMemberFacts(tx *gorm.DB, cond string, args ...any) error {
	return tx.Exec("UPDATE assignment_members SET "+memberFactsSQL+"\nWHERE "+cond, args...).Error
}

// RefreshMemberFactsOf recomputes, inside tx, the member facts of a person on every assignment of a
// course: after a change to their enrollment in it or their completions of it.
func RefreshMemberFactsOf(tx *gorm.DB, userID int64, courseID string) error {
	return refreshMemberFacts(tx, "user_id = ? AND assignment_id IN (SELECT id FROM assignments WHERE course_id = ?)", userID, courseID)
}

// refreshMembers recomputes the member facts of some people on one assignment (those who joined),
// a few hundred per statement to stay below the databases' limits on parameters.
func refreshMembers(tx *gorm.DB, assignmentID int64, userIDs []int64) error {
	const chunk = 500
	for len(userIDs) > 0 {
		n := min(chunk, len(userIDs))
		if err := refreshMemberFacts(tx, "assignment_id = ? AND user_id IN ?", assignmentID, userIDs[:n]); err != nil {
			return err
		}
		userIDs = userIDs[n:]
	}
	return nil
}

// RefreshAllMemberFacts recomputes the member facts of every row: the backfill, and the repair
// after data was written around the store (a bulk import straight into the tables).
func (s *Store) RefreshAllMemberFacts(ctx context.Context) error {
	return refreshMemberFacts(s.W.WithContext(ctx), "1 = 1")
}
