package store

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// LessonProgress is what a learner did in one module of the version they are enrolled in: read the
// lesson (DoneAt) and passed its quiz (QuizPassedAt). ModuleHash is the module's content hash when
// it was recorded, so progress carries over to another version only for unchanged modules.
type LessonProgress struct {
	EnrollmentID int64  `gorm:"primaryKey;autoIncrement:false"`
	ModuleID     string `gorm:"primaryKey;size:100"`
	ModuleHash   string `gorm:"size:64;not null"`
	DoneAt       *time.Time
	QuizPassedAt *time.Time
}

// TableName keeps the table name singular, as "progress" has no plural.
func (LessonProgress) TableName() string { return "lesson_progress" }

// markProgress sets column (done_at or quiz_passed_at) of the module's progress row to now unless
// it is set, creating the row with moduleHash when there is none: one statement, which changes
// nothing when the step was recorded before.
func (s *Store) markProgress(tx *gorm.DB, enrollmentID int64, moduleID, moduleHash, column string) error {
	now := s.Now()
	row := LessonProgress{EnrollmentID: enrollmentID, ModuleID: moduleID, ModuleHash: moduleHash}
	if column == "done_at" {
		row.DoneAt = &now
	} else {
		row.QuizPassedAt = &now
	}
	return tx.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "enrollment_id"}, {Name: "module_id"}},
		DoUpdates: clause.AssignmentColumns([]string{column}),
		Where:     clause.Where{Exprs: []clause.Expression{clause.Expr{SQL: "lesson_progress." + column + " IS NULL"}}},
	}).Create(&row).Error
}

// progressOf returns the progress rows of one enrollment, read inside db (a transaction or s.r).
func progressOf(db *gorm.DB, enrollmentID int64) ([]LessonProgress, error) {
	var rows []LessonProgress
	err := db.Where("enrollment_id = ?", enrollmentID).Order("module_id").Find(&rows).Error
	return rows, err
}

// ProgressOfEnrollments returns the progress rows of several enrollments, by enrollment id, in one
// query (the dashboard).
func (s *Store) ProgressOfEnrollments(ctx context.Context, enrollmentIDs []int64) (map[int64][]LessonProgress, error) {
	out := map[int64][]LessonProgress{}
	if len(enrollmentIDs) == 0 {
		return out, nil
	}
	var rows []LessonProgress
	if err := s.r.WithContext(ctx).Where("enrollment_id IN ?", enrollmentIDs).Find(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.EnrollmentID] = append(out[r.EnrollmentID], r)
	}
	return out, nil
}

// ProgressOf is ProgressOf on the reader pool.
func (s *Store) ProgressOf(ctx context.Context, enrollmentID int64) ([]LessonProgress, error) {
	return progressOf(s.r.WithContext(ctx), enrollmentID)
}
