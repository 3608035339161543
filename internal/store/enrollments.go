package store

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Enrollment sources.
const (
	SourceSelf       = "self"       // the learner enrolled
	SourceAssignment = "assignment" // an assignment to the learner's org unit enrolled them
)

// Enrollment says that a person learns a course, pinned to one version and its content hash, so
// the content never changes under them. One enrollment per person and course: switching to a newer
// version updates it.
type Enrollment struct {
	ID             int64     `gorm:"primaryKey"`
	UserID         int64     `gorm:"not null;uniqueIndex:idx_enrollments_user_course,priority:1"`
	CourseID       string    `gorm:"size:100;not null;uniqueIndex:idx_enrollments_user_course,priority:2;index:idx_enrollments_course_id"`
	Version        string    `gorm:"size:40;not null"`
	ContentHash    string    `gorm:"size:64;not null"`
	Source         string    `gorm:"size:20;not null"`
	EnrolledAt     time.Time `gorm:"not null"`
	LastActivityAt time.Time `gorm:"not null"` // for "continue where you left off"
}

// Enroll creates the enrollment of e.UserID in e.CourseID pinned to e.Version, or, when one exists
// already, leaves it unchanged and fills e with it. created reports which happened.
func (s *Store) Enroll(ctx context.Context, e *Enrollment) (created bool, err error) {
	err = s.inTx(ctx, func(tx *gorm.DB) error {
		created, err = s.enrollIn(tx, e)
		return err
	})
	return created, err
}

// enrollIn is Enroll inside tx (for example when passing a quiz enrolls a learner).
func (s *Store) enrollIn(tx *gorm.DB, e *Enrollment) (created bool, err error) {
	created, err = s.enroll(tx, e)
	if err != nil || !created {
		return created, err
	}
	return true, refreshMemberFactsOf(tx, e.UserID, e.CourseID)
}

// enroll is EnrollIn without updating the member facts, for callers that update them in bulk. The
// enrollment is looked up first: it exists at every quiz pass but the first, and the insert that
// does nothing on a conflict would need the same lookup after it.
func (s *Store) enroll(tx *gorm.DB, e *Enrollment) (created bool, err error) {
	var found Enrollment
	res := tx.Where("user_id = ? AND course_id = ?", e.UserID, e.CourseID).Limit(1).Find(&found)
	if res.Error != nil {
		return false, res.Error
	}
	if res.RowsAffected == 1 {
		*e = found
		return false, nil
	}
	now := s.Now()
	e.EnrolledAt, e.LastActivityAt = now, now
	if e.Source == "" {
		e.Source = SourceSelf
	}
	res = tx.Clauses(clause.OnConflict{DoNothing: true}).Create(e)
	if res.Error != nil {
		return false, res.Error
	}
	if res.RowsAffected == 1 {
		return true, nil
	}
	return false, tx.Where("user_id = ? AND course_id = ?", e.UserID, e.CourseID).First(e).Error
}

// EnrollmentOf returns the user's enrollment in a course, or nil when there is none.
func (s *Store) EnrollmentOf(ctx context.Context, userID int64, courseID string) (*Enrollment, error) {
	return enrollmentOf(s.r.WithContext(ctx), userID, courseID)
}

func enrollmentOf(db *gorm.DB, userID int64, courseID string) (*Enrollment, error) {
	var e Enrollment
	err := db.Where("user_id = ? AND course_id = ?", userID, courseID).First(&e).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	return &e, err
}

// EnrollmentsOfUser returns the user's enrollments, the most recently active first.
func (s *Store) EnrollmentsOfUser(ctx context.Context, userID int64) ([]Enrollment, error) {
	var es []Enrollment
	err := s.r.WithContext(ctx).Where("user_id = ?", userID).Order("last_activity_at DESC, id DESC").Find(&es).Error
	return es, err
}

// EnrollmentsInProgressAt returns the enrollments pinned to one version of a course that have no
// valid completion of it, for moving learners in progress to a new patch release.
func (s *Store) EnrollmentsInProgressAt(ctx context.Context, courseID, version string) ([]Enrollment, error) {
	var es []Enrollment
	err := s.r.WithContext(ctx).Where("course_id = ? AND version = ?", courseID, version).
		Where("NOT EXISTS (SELECT 1 FROM completions c WHERE c.user_id = enrollments.user_id AND c.course_id = enrollments.course_id AND c.version = enrollments.version AND c.revoked_at IS NULL)").
		Order("id").Find(&es).Error
	return es, err
}

// touchEnrollment records learning activity on enrollment e (its ID and CourseID are read).
//
// The member facts read the last activity twice: whether the learner started (last activity
// after the enrollment) and which enrollment of the course family was active last. When the
// enrollment had started already and stays started, and the family is the course alone (so the
// learner has no other enrollment in it), neither changes and the facts are not recomputed: the
// update's condition decides that inside the transaction. This is every step of a learner but the
// first.
func (s *Store) touchEnrollment(tx *gorm.DB, e *Enrollment) error {
	now := s.Now()
	fam, err := families(tx)
	if err != nil {
		return err
	}
	if len(fam.Of(e.CourseID)) == 1 {
		res := tx.Model(&Enrollment{}).Where("id = ? AND last_activity_at > enrolled_at AND enrolled_at < ?", e.ID, now).
			Update("last_activity_at", now)
		if res.Error != nil || res.RowsAffected == 1 {
			return res.Error
		}
	}
	if err := tx.Model(&Enrollment{}).Where("id = ?", e.ID).Update("last_activity_at", now).Error; err != nil {
		return err
	}
	return refreshMemberFactsWith(tx, fam, "user_id = (SELECT user_id FROM enrollments WHERE id = ?) AND assignment_id IN "+
		"(SELECT a.id FROM assignments a JOIN enrollments e ON e.course_id = a.course_id WHERE e.id = ?)", e.ID, e.ID)
}

// moveEnrollment pins an enrollment to another version of its course inside tx. keep maps the ids
// of modules whose progress carries over to their hash in the new version (progress.Carry decides
// which); progress on every other module is dropped.
func (s *Store) moveEnrollment(tx *gorm.DB, e *Enrollment, version, contentHash string, keep map[string]string) error {
	var rows []LessonProgress
	if err := tx.Where("enrollment_id = ?", e.ID).Find(&rows).Error; err != nil {
		return err
	}
	for _, p := range rows {
		newHash, ok := keep[p.ModuleID]
		var err error
		switch {
		case !ok:
			err = tx.Delete(&p).Error
		case newHash != p.ModuleHash:
			err = tx.Model(&p).Update("module_hash", newHash).Error
		}
		if err != nil {
			return err
		}
	}
	now := s.Now()
	e.Version, e.ContentHash, e.LastActivityAt = version, contentHash, now
	err := tx.Model(&Enrollment{}).Where("id = ?", e.ID).
		Updates(map[string]any{"version": version, "content_hash": contentHash, "last_activity_at": now}).Error
	if err != nil {
		return err
	}
	return refreshMemberFactsOf(tx, e.UserID, e.CourseID)
}
