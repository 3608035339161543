package store

import (
	"context"
	"database/sql"
)

// learnerCourseQuery reads what a learner's course and lesson pages need in one statement: the
// enrollment, the valid completion of its pinned version (at most one: completions are unique per
// person, course and version) and the lesson progress of the enrollment, one row per progress row.
// One statement, although it repeats the enrollment's columns in every progress row: two
// statements (enrollment, then progress) took as long on SQLite and 1.7 times as long on
// PostgreSQL, where each is a round trip (BenchmarkLearnerCourseOf, six lessons read).
const learnerCourseQuery = `SELECT e.id, e.version, e.content_hash, e.source, e.enrolled_at, e.last_activity_at,
 c.id, c.record_id, c.content_hash, c.completed_at, c.valid_until, c.revoke_reason,
 p.module_id, p.module_hash, p.done_at, p.quiz_passed_at
FROM enrollments e
LEFT JOIN completions c ON c.user_id = e.user_id AND c.course_id = e.course_id AND c.version = e.version AND c.revoked_at IS NULL
LEFT JOIN lesson_progress p ON p.enrollment_id = e.id
WHERE e.user_id = ? AND e.course_id = ?
ORDER BY p.module_id`

// LearnerCourse is a person's enrollment in a course as their pages show it.
type LearnerCourse struct {
	Enrollment *Enrollment      // nil: not enrolled (then the rest is empty)
	Completion *Completion      // the valid completion of the pinned version, or nil
	Progress   []LessonProgress // of the enrollment, by module id
}

// LearnerCourseOf reads the user's enrollment in a course with its completion and progress, in one
// prepared query on the reader pool (every course and lesson page view runs it).
func (s *Store) LearnerCourseOf(ctx context.Context, userID int64, courseID string) (LearnerCourse, error) {
	var lc LearnerCourse
	rows, err := s.query(ctx, &s.prepared.learnerCourse, userID, courseID)
	if err != nil {
		return lc, err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			e                       = Enrollment{UserID: userID, CourseID: courseID}
			cID                     sql.NullInt64
			cRecord, cHash, cReason sql.NullString
			cCompleted, cValidUntil sql.NullTime
			pModule, pHash          sql.NullString
			pDone, pPassed          sql.NullTime
		)
		if err := rows.Scan(&e.ID, &e.Version, &e.ContentHash, &e.Source, &e.EnrolledAt, &e.LastActivityAt,
			&cID, &cRecord, &cHash, &cCompleted, &cValidUntil, &cReason,
			&pModule, &pHash, &pDone, &pPassed); err != nil {
			return lc, err
		}
		if lc.Enrollment == nil {
			lc.Enrollment = &e
			if cID.Valid {
				lc.Completion = &Completion{ID: cID.Int64, RecordID: cRecord.String, UserID: userID, CourseID: courseID,
					Version: e.Version, ContentHash: cHash.String, CompletedAt: cCompleted.Time,
					ValidUntil: timePtr(cValidUntil), RevokeReason: cReason.String}
			}
		}
		if pModule.Valid {
			lc.Progress = append(lc.Progress, LessonProgress{EnrollmentID: e.ID, ModuleID: pModule.String,
				ModuleHash: pHash.String, DoneAt: timePtr(pDone), QuizPassedAt: timePtr(pPassed)})
		}
	}
	return lc, rows.Err()
}
