package store

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/measure"
)

// Completion is the record of participation: one person completed one version of a course. It is
// never deleted; a wrong record is revoked with a reason. RecordID is the public, random id used
// in verification URLs, so record numbers cannot be guessed or counted.
type Completion struct {
	ID           int64      `gorm:"primaryKey"`
	RecordID     string     `gorm:"size:40;not null;uniqueIndex:idx_completions_record_id"`
	UserID       int64      `gorm:"not null;uniqueIndex:idx_completions_user_course_version,priority:1"`
	CourseID     string     `gorm:"size:100;not null;uniqueIndex:idx_completions_user_course_version,priority:2;index:idx_completions_course_id"`
	Version      string     `gorm:"size:40;not null;uniqueIndex:idx_completions_user_course_version,priority:3"`
	ContentHash  string     `gorm:"size:64;not null"`
	CompletedAt  time.Time  `gorm:"not null"`
	ValidUntil   *time.Time // nil: never expires
	RevokedAt    *time.Time
	RevokeReason string `gorm:"not null;default:''"`
}

// Evidence event types for completions.
const (
	EventCompletionRecorded = "completion.recorded"
	EventCompletionRevoked  = "completion.revoked"
)

// Valid reports whether the completion counts at now: not revoked and not expired.
func (c *Completion) Valid(now time.Time) bool {
	return c.RevokedAt == nil && (c.ValidUntil == nil || now.Before(*c.ValidUntil))
}

// recordCompletion stores c inside tx and appends a completion.recorded evidence event in the same
// transaction. It is idempotent: when the user already completed this course version, c is filled
// with the stored record and created is false. RecordID and CompletedAt are set when empty.
func (s *Store) recordCompletion(tx *gorm.DB, c *Completion) (created bool, err error) {
	if c.RecordID == "" {
		c.RecordID = newRecordID()
	}
	if c.CompletedAt.IsZero() {
		c.CompletedAt = s.Now()
	}
	c.CompletedAt = c.CompletedAt.UTC().Truncate(time.Microsecond)
	// Looked up first: a completed learner who passes a quiz again completes the version again,
	// and the insert that does nothing on a conflict would need the same lookup after it.
	var found Completion
	res := tx.Where("user_id = ? AND course_id = ? AND version = ?", c.UserID, c.CourseID, c.Version).Limit(1).Find(&found)
	if res.Error != nil {
		return false, res.Error
	}
	if res.RowsAffected == 1 {
		*c = found
		return false, nil
	}
	res = tx.Clauses(clause.OnConflict{DoNothing: true}).Create(c)
	if res.Error != nil {
		return false, res.Error
	}
	if res.RowsAffected == 0 {
		err := tx.Where("user_id = ? AND course_id = ? AND version = ?", c.UserID, c.CourseID, c.Version).First(c).Error
		return false, err
	}
	if _, err = s.appendEvidence(tx, EventCompletionRecorded, &c.UserID, completionPayload(c)); err != nil {
		return true, err
	}
	return true, refreshMemberFactsOf(tx, c.UserID, c.CourseID)
}

// RevokeCompletion marks a completion as revoked with a reason (for example recorded by mistake)
// and appends a completion.revoked evidence event. The record stays.
func (s *Store) RevokeCompletion(ctx context.Context, id int64, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return domain.Keyed(domain.EINVALID, "store.completion.reason", "a revocation needs a reason")
	}
	return s.inTx(ctx, func(tx *gorm.DB) error {
		var c Completion
		if err := tx.First(&c, id).Error; err != nil {
			return notFound(err, "completion")
		}
		if c.RevokedAt != nil {
			return domain.Keyed(domain.ECONFLICT, "store.completion.revoked", "the completion is revoked already")
		}
		return s.revokeCompletion(tx, &c, reason)
	})
}

// revokeCompletion revokes c inside tx with its evidence event and the member facts.
func (s *Store) revokeCompletion(tx *gorm.DB, c *Completion, reason string) error {
	now := s.Now().Truncate(time.Microsecond)
	err := tx.Model(c).Updates(map[string]any{"revoked_at": now, "revoke_reason": reason}).Error
	if err != nil {
		return err
	}
	payload := completionPayload(c)
	payload["revoke_reason"] = reason
	if _, err = s.appendEvidence(tx, EventCompletionRevoked, &c.UserID, payload); err != nil {
		return err
	}
	return refreshMemberFactsOf(tx, c.UserID, c.CourseID)
}

func completionPayload(c *Completion) map[string]any {
	p := map[string]any{
		"record_id":    c.RecordID,
		"course_id":    c.CourseID,
		"version":      c.Version,
		"content_hash": c.ContentHash,
		"completed_at": c.CompletedAt.UTC().Format(time.RFC3339Nano),
		"valid_until":  nil,
	}
	if kind := measure.KindOfKey(c.CourseID); kind != measure.Course {
		p["measure_kind"] = string(kind) // course records keep the payload they always had
	}
	if c.ValidUntil != nil {
		p["valid_until"] = c.ValidUntil.UTC().Format(time.RFC3339Nano)
	}
	return p
}

// CompletionByID loads a completion by its number (the record number of the short code).
func (s *Store) CompletionByID(ctx context.Context, id int64) (*Completion, error) {
	var c Completion
	err := s.r.WithContext(ctx).Where("id = ?", id).First(&c).Error
	return &c, notFound(err, "completion")
}

// CompletionByRecordID loads a completion by its public record id (for the verification page).
func (s *Store) CompletionByRecordID(ctx context.Context, recordID string) (*Completion, error) {
	var c Completion
	err := s.r.WithContext(ctx).Where("record_id = ?", recordID).First(&c).Error
	return &c, notFound(err, "completion")
}

// CompletionsOfUser returns all completions of a user, revoked ones included, newest first.
func (s *Store) CompletionsOfUser(ctx context.Context, userID int64) ([]Completion, error) {
	var cs []Completion
	err := s.r.WithContext(ctx).Where("user_id = ?", userID).Order("completed_at DESC, id DESC").Find(&cs).Error
	return cs, err
}

// completionFor returns the user's unrevoked completion of one course version, read inside db (a
// transaction or s.r), or nil when there is none.
func completionFor(db *gorm.DB, userID int64, courseID, version string) (*Completion, error) {
	var c Completion
	err := db.Where("user_id = ? AND course_id = ? AND version = ? AND revoked_at IS NULL", userID, courseID, version).First(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	return &c, err
}

// LatestCompletion returns the user's newest unrevoked completion of a course (any version), or
// nil when there is none.
func (s *Store) LatestCompletion(ctx context.Context, userID int64, courseID string) (*Completion, error) {
	var c Completion
	err := s.r.WithContext(ctx).Where("user_id = ? AND course_id = ? AND revoked_at IS NULL", userID, courseID).
		Order("completed_at DESC, id DESC").First(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	return &c, err
}

// newRecordID returns 120 random bits as 24 lower-case base32 letters and digits: URL-safe, easy
// to read aloud, impossible to guess.
func newRecordID() string {
	b := make([]byte, 15)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b))
}

// CompletionFor returns the user's unrevoked completion of one course version, or nil.
func (s *Store) CompletionFor(ctx context.Context, userID int64, courseID, version string) (*Completion, error) {
	return completionFor(s.r.WithContext(ctx), userID, courseID, version)
}

// AddCompletion is RecordCompletion in a transaction of its own (for the command line and tests
// that record a completion without the learning workflow).
func (s *Store) AddCompletion(ctx context.Context, c *Completion) (created bool, err error) {
	err = s.inTx(ctx, func(tx *gorm.DB) (err error) {
		created, err = s.recordCompletion(tx, c)
		return err
	})
	return created, err
}
