package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// PackageAttempt is one learner's attempt at the package of a module (SCORM): the run-time data
// the package wrote, kept as JSON of internal/scorm.State, and the token of the current launch.
// The package's files and API are reached through /pkg/<token>/, so the token is the attempt's
// capability: only its SHA-256 is stored, and every launch replaces it.
type PackageAttempt struct {
	ID           int64      `gorm:"primaryKey"`
	UserID       int64      `gorm:"not null;index:idx_package_attempts_user_id"`
	EnrollmentID int64      `gorm:"not null;uniqueIndex:idx_package_attempts_enrollment_module,priority:1"`
	CourseID     string     `gorm:"not null"`
	Version      string     `gorm:"not null"`
	ModuleID     string     `gorm:"not null;uniqueIndex:idx_package_attempts_enrollment_module,priority:2"`
	ModuleHash   string     `gorm:"not null"`
	Kind         string     `gorm:"not null"`
	TokenHash    string     `gorm:"not null;uniqueIndex:idx_package_attempts_token_hash" json:"-"`
	State        string     `gorm:"not null"`
	Status       string     `gorm:"not null;default:''"` // as the package reported it, for the learner
	Score        *float64   // scaled 0–1, when the package reported one
	CompletedAt  *time.Time // when the package first reported completion (the module was marked done)
	LaunchedAt   time.Time  `gorm:"not null"`
	CreatedAt    time.Time  `gorm:"not null"`
	UpdatedAt    time.Time  `gorm:"not null"`
}

// HashToken is how a launch token is stored and looked up.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// packageAttemptOf returns the attempt of an enrollment at a module, or nil.
func packageAttemptOf(db *gorm.DB, enrollmentID int64, moduleID string) (*PackageAttempt, error) {
	var a PackageAttempt
	err := db.Where("enrollment_id = ? AND module_id = ?", enrollmentID, moduleID).First(&a).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	return &a, err
}

// launchPackage records a launch inside tx: it creates the attempt when there is none (with
// newState) or replaces the token of the existing one and stores its relaunched state. The old
// token stops working at once.
func (s *Store) launchPackage(tx *gorm.DB, a *PackageAttempt, token string) error {
	now := s.Now()
	a.TokenHash, a.LaunchedAt, a.UpdatedAt = HashToken(token), now, now
	if a.ID == 0 {
		a.CreatedAt = now
		return tx.Clauses(clause.OnConflict{DoNothing: true}).Create(a).Error
	}
	return tx.Model(&PackageAttempt{}).Where("id = ?", a.ID).
		Updates(map[string]any{"token_hash": a.TokenHash, "state": a.State, "launched_at": now, "updated_at": now}).Error
}

// PackageAttemptByToken finds the attempt whose current launch has the token, or nil.
func (s *Store) PackageAttemptByToken(ctx context.Context, token string) (*PackageAttempt, error) {
	var a PackageAttempt
	err := s.r.WithContext(ctx).Where("token_hash = ?", HashToken(token)).First(&a).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	return &a, err
}

// lockPackageAttempt reads the attempt of a token again inside a write transaction.
func lockPackageAttempt(tx *gorm.DB, token string) (*PackageAttempt, error) {
	var a PackageAttempt
	err := tx.Where("token_hash = ?", HashToken(token)).First(&a).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	return &a, err
}

// savePackageState stores the run-time data and what it means for the learner inside tx.
func (s *Store) savePackageState(tx *gorm.DB, a *PackageAttempt) error {
	a.UpdatedAt = s.Now()
	return tx.Model(&PackageAttempt{}).Where("id = ?", a.ID).Updates(map[string]any{
		"state": a.State, "status": a.Status, "score": a.Score, "completed_at": a.CompletedAt, "updated_at": a.UpdatedAt,
	}).Error
}
