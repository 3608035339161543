package store

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/ailit/ailit/internal/domain"
)

// Tx is one write transaction, for the writes outside the store that must happen together (the
// learning service records progress, a completion and its evidence at once). Its methods are the
// store's operations inside a transaction; the store's other methods each run on their own.
//
// Every time a transaction records (progress, completion, evidence, last activity) is its one
// instant, Now: a completion and the progress that led to it never differ by a few microseconds.
type Tx struct {
	s  *Store // a copy of the store whose clock stands still at the transaction's start
	db *gorm.DB
}

// InTx runs fn in one write transaction on the writer: all of fn's writes are stored, or none
// when fn returns an error (which InTx returns).
func (s *Store) InTx(ctx context.Context, fn func(tx *Tx) error) error {
	return s.inTx(ctx, func(db *gorm.DB) error {
		pinned := *s
		pinned.Clock = stoppedClock(s.Now())
		return fn(&Tx{s: &pinned, db: db})
	})
}

// inTx runs fn in one write transaction, for the store's own methods.
func (s *Store) inTx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return s.w.WithContext(ctx).Transaction(fn)
}

// stoppedClock always tells the same time.
type stoppedClock time.Time

func (c stoppedClock) Now() time.Time { return time.Time(c) }

// Now is the instant of the transaction, in UTC.
func (tx *Tx) Now() time.Time { return tx.s.Now() }

// RecordCompletion: see Store.recordCompletion.
func (tx *Tx) RecordCompletion(c *Completion) (created bool, err error) {
	return tx.s.recordCompletion(tx.db, c)
}

// CompleteMeasure: see Store.completeMeasure.
func (tx *Tx) CompleteMeasure(mc MeasureCompletion) (c *Completion, created bool, err error) {
	return tx.s.completeMeasure(tx.db, mc)
}

// CompletionFor returns the user's unrevoked completion of one course version, or nil.
func (tx *Tx) CompletionFor(userID int64, courseID, version string) (*Completion, error) {
	return completionFor(tx.db, userID, courseID, version)
}

// EnrollIn enrolls a learner (for example when passing a quiz enrolls them); created is false when
// they were enrolled already (e is then the stored enrollment).
func (tx *Tx) EnrollIn(e *Enrollment) (created bool, err error) {
	return tx.s.enrollIn(tx.db, e)
}

// EnrollmentForUpdate loads the user's enrollment in a course; ENOTFOUND when there is none.
func (tx *Tx) EnrollmentForUpdate(userID int64, courseID string) (*Enrollment, error) {
	e, err := enrollmentOf(tx.db, userID, courseID)
	if err == nil && e == nil {
		return nil, domain.Errorf(domain.ENOTFOUND, "you are not enrolled in this course")
	}
	return e, err
}

// TouchEnrollment records learning activity on an enrollment (its ID and CourseID are read).
func (tx *Tx) TouchEnrollment(e *Enrollment) error {
	return tx.s.touchEnrollment(tx.db, e)
}

// MoveEnrollment: see Store.moveEnrollment.
func (tx *Tx) MoveEnrollment(e *Enrollment, version, contentHash string, keep map[string]string) error {
	return tx.s.moveEnrollment(tx.db, e, version, contentHash, keep)
}

// MarkLessonDone records that the lesson of a module was read. Marking it again keeps the first
// time.
func (tx *Tx) MarkLessonDone(enrollmentID int64, moduleID, moduleHash string) error {
	return tx.s.markProgress(tx.db, enrollmentID, moduleID, moduleHash, "done_at")
}

// MarkQuizPassed records that the quiz of a module was passed. Passing it again keeps the first
// time.
func (tx *Tx) MarkQuizPassed(enrollmentID int64, moduleID, moduleHash string) error {
	return tx.s.markProgress(tx.db, enrollmentID, moduleID, moduleHash, "quiz_passed_at")
}

// ProgressOf returns the progress rows of one enrollment as the transaction sees them.
func (tx *Tx) ProgressOf(enrollmentID int64) ([]LessonProgress, error) {
	return progressOf(tx.db, enrollmentID)
}

// PackageAttemptOf returns the attempt of an enrollment at a module, or nil.
func (tx *Tx) PackageAttemptOf(enrollmentID int64, moduleID string) (*PackageAttempt, error) {
	return packageAttemptOf(tx.db, enrollmentID, moduleID)
}

// LaunchPackage: see Store.launchPackage.
func (tx *Tx) LaunchPackage(a *PackageAttempt, token string) error {
	return tx.s.launchPackage(tx.db, a, token)
}

// LockPackageAttempt reads the attempt of a token again inside the transaction, so two API calls
// of one launch never overwrite each other's values; nil when the token is unknown.
func (tx *Tx) LockPackageAttempt(token string) (*PackageAttempt, error) {
	return lockPackageAttempt(tx.db, token)
}

// SavePackageState stores the run-time data of an attempt and what it means for the learner.
func (tx *Tx) SavePackageState(a *PackageAttempt) error {
	return tx.s.savePackageState(tx.db, a)
}

// RefreshMemberFactsOf recomputes the member facts of a person on every assignment of a course's
// family: after a change to their enrollment in it or their completions of it.
func (tx *Tx) RefreshMemberFactsOf(userID int64, courseID string) error {
	return refreshMemberFactsOf(tx.db, userID, courseID)
}
