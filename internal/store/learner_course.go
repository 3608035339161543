package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// learnerCourseQuery reads the enrollment of a learner's course and lesson pages with the valid
// completion of its pinned version (at most one: completions are unique per person, course and
// version); learnerProgressQuery its lesson progress. Two statements, not one join: the driver
// converts every column of every row, and the join repeated the enrollment's twelve in each
// progress row.
const (
	learnerCourseQuery = `SELECT e.id, e.version, e.content_hash, e.source, e.enrolled_at, e.last_activity_at,
 c.id, c.record_id, c.content_hash, c.completed_at, c.valid_until, c.revoke_reason
FROM enrollments e
LEFT JOIN completions c ON c.user_id = e.user_id AND c.course_id = e.course_id AND c.version = e.version AND c.revoked_at IS NULL
WHERE e.user_id = ? AND e.course_id = ?`
	learnerProgressQuery = `SELECT module_id, module_hash, done_at, quiz_passed_at FROM lesson_progress WHERE enrollment_id = ? ORDER BY module_id`
)

// LearnerCourse is a person's enrollment in a course as their pages show it.
type LearnerCourse struct {
	Enrollment *Enrollment      // nil: not enrolled (then the rest is empty)
	Completion *Completion      // the valid completion of the pinned version, or nil
	Progress   []LessonProgress // of the enrollment, by module id
}

// LearnerCourseOf reads the user's enrollment in a course with its completion and progress, with
// two prepared statements on the reader pool (every course and lesson page view runs them).
func (s *Store) LearnerCourseOf(ctx context.Context, userID int64, courseID string) (LearnerCourse, error) {
	var lc LearnerCourse
	row, err := s.queryRow(ctx, &s.prepared.learnerCourse, userID, courseID)
	if err != nil {
		return lc, err
	}
	var (
		e                       = Enrollment{UserID: userID, CourseID: courseID}
		cID                     sql.NullInt64
		cRecord, cHash, cReason sql.NullString
		cCompleted, cValidUntil sql.NullTime
	)
	err = row.Scan(&e.ID, &e.Version, &e.ContentHash, &e.Source, &e.EnrolledAt, &e.LastActivityAt,
		&cID, &cRecord, &cHash, &cCompleted, &cValidUntil, &cReason)
	if errors.Is(err, sql.ErrNoRows) {
		return lc, nil
	}
	if err != nil {
		return lc, err
	}
	lc.Enrollment = &e
	if cID.Valid {
		lc.Completion = &Completion{ID: cID.Int64, RecordID: cRecord.String, UserID: userID, CourseID: courseID,
			Version: e.Version, ContentHash: cHash.String, CompletedAt: cCompleted.Time,
			ValidUntil: timeOrNil(cValidUntil), RevokeReason: cReason.String}
	}
	rows, err := s.query(ctx, &s.prepared.learnerProgress, e.ID)
	if err != nil {
		return lc, err
	}
	defer rows.Close()
	for rows.Next() {
		p := LessonProgress{EnrollmentID: e.ID}
		var done, passed sql.NullTime
		if err := rows.Scan(&p.ModuleID, &p.ModuleHash, &done, &passed); err != nil {
			return lc, err
		}
		p.DoneAt, p.QuizPassedAt = timeOrNil(done), timeOrNil(passed)
		lc.Progress = append(lc.Progress, p)
	}
	return lc, rows.Err()
}

func timeOrNil(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	return &t.Time
}
