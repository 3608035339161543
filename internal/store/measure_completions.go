package store

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/measure"
)

// Measures other than courses complete an assignment through the same record a course does: a
// Completion whose CourseID is the measure's key ("policy:dienstanweisung-ki", see measure.Ref.Key).
// So the member facts, validity, recertification, exemptions, the status rules and the reports
// work unchanged for every kind of measure; a bare id is still a course.

// Measure is the measure the assignment requires; an unreadable key counts as a course id.
func (a *Assignment) Measure() measure.Ref {
	if r, err := measure.ParseKey(a.CourseID); err == nil {
		return r
	}
	return measure.Ref{Kind: measure.Course, ID: a.CourseID}
}

// SetMeasure makes the assignment require r.
func (a *Assignment) SetMeasure(r measure.Ref) { a.CourseID = r.Key() }

// Measure is the measure a completion records.
func (c *Completion) Measure() measure.Ref {
	if r, err := measure.ParseKey(c.CourseID); err == nil {
		return r
	}
	return measure.Ref{Kind: measure.Course, ID: c.CourseID}
}

// MeasureCompletion is a person having taken a measure other than an online course: attended a
// live session, confirmed a policy, had external evidence accepted.
type MeasureCompletion struct {
	UserID  int64
	Measure measure.Ref
	// Version tells which instance was taken: the policy's document version, the session date's
	// key, the evidence upload's key. One record per person, measure and version.
	Version string
	// ContentHash is what the person took: the policy's content hash, the SHA-256 of the accepted
	// file, the hash of the session's details.
	ContentHash string
	CompletedAt time.Time  // zero: now
	ValidUntil  *time.Time // nil: the assignment's validity decides
}

// completeMeasure records mc inside tx through recordCompletion: the completion, its evidence
// event and the member facts of every assignment of the measure, in the caller's transaction.
// created is false when the person already had this record (then c is the stored one).
func (s *Store) completeMeasure(tx *gorm.DB, mc MeasureCompletion) (c *Completion, created bool, err error) {
	if !mc.Measure.Kind.Valid() || mc.Measure.ID == "" || mc.Version == "" || mc.UserID == 0 {
		return nil, false, domain.Errorf(domain.EINVALID, "a measure completion needs a person, a measure and a version")
	}
	c = &Completion{UserID: mc.UserID, CourseID: mc.Measure.Key(), Version: mc.Version,
		ContentHash: mc.ContentHash, CompletedAt: mc.CompletedAt, ValidUntil: mc.ValidUntil}
	created, err = s.recordCompletion(tx, c)
	return c, created, err
}

// CompleteMeasureNow is CompleteMeasure in a transaction of its own.
func (s *Store) CompleteMeasureNow(ctx context.Context, mc MeasureCompletion) (c *Completion, created bool, err error) {
	err = s.inTx(ctx, func(tx *gorm.DB) error {
		c, created, err = s.completeMeasure(tx, mc)
		return err
	})
	return c, created, err
}

// MeasureCompletionsOf returns a person's completions of one measure, revoked ones included,
// newest first.
func (s *Store) MeasureCompletionsOf(ctx context.Context, userID int64, r measure.Ref) ([]Completion, error) {
	var cs []Completion
	err := s.r.WithContext(ctx).Where("user_id = ? AND course_id = ?", userID, r.Key()).
		Order("completed_at DESC, id DESC").Find(&cs).Error
	return cs, err
}
