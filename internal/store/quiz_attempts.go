package store

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/ailit/ailit/internal/domain"
)

// Quiz attempt states.
const (
	AttemptInProgress = "in_progress"
	AttemptSubmitted  = "submitted"
)

// QuizAttempt is one attempt of one learner at the quiz of one module. A quiz is identified by
// course id and module id (module ids are never reused), so the attempts of a learner count across
// versions of the course; Version and ContentHash record which version was taken. Layout is the
// quiz.Layout drawn from Seed, as JSON, so the attempt shows the same questions after a restart.
type QuizAttempt struct {
	ID            int64        `gorm:"primaryKey"`
	UserID        int64        `gorm:"not null;index:idx_quiz_attempts_user_quiz,priority:1"`
	CourseID      string       `gorm:"size:100;not null;index:idx_quiz_attempts_user_quiz,priority:2;index:idx_quiz_attempts_course_module,priority:1"`
	Version       string       `gorm:"size:40;not null"`
	ContentHash   string       `gorm:"size:64;not null"`
	ModuleID      string       `gorm:"size:100;not null;index:idx_quiz_attempts_user_quiz,priority:3;index:idx_quiz_attempts_course_module,priority:2"`
	Seed          int64        `gorm:"not null"`
	Layout        string       `gorm:"not null"`
	Status        string       `gorm:"size:20;not null;index:idx_quiz_attempts_course_module,priority:3"`
	StartedAt     time.Time    `gorm:"not null"`
	SubmittedAt   *time.Time   // nil while in progress
	Deadline      *time.Time   // nil when the quiz has no time limit; includes the learner's extension
	AutoSubmitted bool         `gorm:"not null;default:false"` // closed by the server after the deadline
	Score         float64      `gorm:"not null;default:0"`
	Max           float64      `gorm:"not null;default:0"`
	Percent       float64      `gorm:"not null;default:0"`
	Passed        bool         `gorm:"not null;default:false"`
	Answers       []QuizAnswer `gorm:"foreignKey:AttemptID;constraint:OnDelete:CASCADE"`
}

// Open reports whether the attempt can still be answered (ignoring its deadline).
func (a *QuizAttempt) Open() bool { return a.Status == AttemptInProgress }

// Answer returns the saved answer to a question, or nil.
func (a *QuizAttempt) Answer(questionID string) *QuizAnswer {
	for i := range a.Answers {
		if a.Answers[i].QuestionID == questionID {
			return &a.Answers[i]
		}
	}
	return nil
}

// QuizAnswer is the answer to one question of an attempt: the quiz.Response as JSON, and once the
// attempt is graded its points. QuestionHash ties it to exactly the question that was asked.
type QuizAnswer struct {
	AttemptID    int64     `gorm:"primaryKey;autoIncrement:false"`
	QuestionID   string    `gorm:"primaryKey;size:100"`
	QuestionHash string    `gorm:"size:64;not null"`
	Response     string    `gorm:"not null"`
	Score        float64   `gorm:"not null;default:0"`
	Max          float64   `gorm:"not null;default:0"`
	UpdatedAt    time.Time `gorm:"not null"`
}

// QuizTimeExtension gives one person more time in every timed quiz, in percent of the time limit
// (WCAG 2.2.1: time limits must be adjustable). Administrators set it; SetBy and Reason record who
// and why.
type QuizTimeExtension struct {
	UserID    int64     `gorm:"primaryKey;autoIncrement:false"`
	Percent   int       `gorm:"not null"`
	SetBy     int64     `gorm:"not null"`
	Reason    string    `gorm:"not null;default:''"`
	UpdatedAt time.Time `gorm:"not null"`
}

// CreateQuizAttempt stores a new attempt.
func (s *Store) CreateQuizAttempt(ctx context.Context, a *QuizAttempt) error {
	a.Status = AttemptInProgress
	return s.w.WithContext(ctx).Create(a).Error
}

// StartQuizAttempt stores a new attempt if allow, given the learner's attempts at the same quiz as
// read inside the transaction, returns nil. Starts of one learner are serialized (the user's row
// is locked on PostgreSQL; SQLite write transactions are exclusive), so a double click cannot
// start two attempts or exceed the number allowed.
func (s *Store) StartQuizAttempt(ctx context.Context, a *QuizAttempt, allow func(history []QuizAttempt) error) error {
	return s.inTx(ctx, func(tx *gorm.DB) error {
		var u User
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Select("id").First(&u, a.UserID).Error; err != nil {
			return notFound(err, "user")
		}
		var history []QuizAttempt
		err := tx.Where("user_id = ? AND course_id = ? AND module_id = ?", a.UserID, a.CourseID, a.ModuleID).
			Order("started_at, id").Find(&history).Error
		if err != nil {
			return err
		}
		if err := allow(history); err != nil {
			return err
		}
		a.Status = AttemptInProgress
		return tx.Create(a).Error
	})
}

// QuizAttemptOfUser loads an attempt with its answers. An attempt of another user is reported as
// not found, so attempt ids reveal nothing.
func (s *Store) QuizAttemptOfUser(ctx context.Context, id, userID int64) (*QuizAttempt, error) {
	var a QuizAttempt
	err := s.r.WithContext(ctx).Preload("Answers").Where("id = ? AND user_id = ?", id, userID).First(&a).Error
	return &a, notFound(err, "quiz attempt")
}

// QuizAttemptsOfUser returns a learner's attempts at the quiz of a module, oldest first, without
// their answers.
func (s *Store) QuizAttemptsOfUser(ctx context.Context, userID int64, courseID, moduleID string) ([]QuizAttempt, error) {
	var as []QuizAttempt
	err := s.r.WithContext(ctx).Where("user_id = ? AND course_id = ? AND module_id = ?", userID, courseID, moduleID).
		Order("started_at, id").Find(&as).Error
	return as, err
}

// SaveQuizAnswers stores answers of an open attempt of the user, replacing earlier answers to the
// same questions. It fails with ECONFLICT when the attempt was submitted meanwhile, so a late save
// never changes a graded attempt.
func (s *Store) SaveQuizAnswers(ctx context.Context, attemptID, userID int64, answers []QuizAnswer) error {
	return s.inTx(ctx, func(tx *gorm.DB) error {
		a, err := lockAttempt(tx, attemptID, userID)
		if err != nil {
			return err
		}
		if !a.Open() {
			return domain.Keyed(domain.ECONFLICT, "store.attempt.submitted", "the attempt has been submitted already")
		}
		return upsertAnswers(tx, attemptID, answers, s.Now())
	})
}

// QuizGrade is the graded attempt as SubmitQuizAttempt stores it: the totals and every question's
// answer with its points (unanswered questions too, with an empty response).
type QuizGrade struct {
	Score, Max, Percent float64
	Passed              bool
	Answers             []QuizAnswer
}

// SubmitQuizAttempt grades and closes an open attempt of the user in one transaction: grade gets
// the attempt with its saved answers as read inside the transaction, and afterGrade (may be nil)
// runs in the same transaction with the graded attempt, for progress and completion. An attempt
// that was submitted already is returned unchanged with graded false: a replayed submit never
// grades twice. auto marks an attempt closed by the server after its deadline.
func (s *Store) SubmitQuizAttempt(ctx context.Context, attemptID, userID int64, auto bool,
	grade func(a *QuizAttempt) (QuizGrade, error), afterGrade func(tx *Tx, a *QuizAttempt) error,
) (attempt *QuizAttempt, graded bool, err error) {
	err = s.InTx(ctx, func(t *Tx) error {
		tx := t.db
		a, err := lockAttempt(tx, attemptID, userID)
		if err != nil {
			return err
		}
		attempt = a
		if !a.Open() {
			return nil
		}
		if err := tx.Where("attempt_id = ?", a.ID).Find(&a.Answers).Error; err != nil {
			return err
		}
		g, err := grade(a)
		if err != nil {
			return err
		}
		now := t.Now().Truncate(time.Microsecond)
		res := tx.Model(&QuizAttempt{}).Where("id = ? AND status = ?", a.ID, AttemptInProgress).Updates(map[string]any{
			"status": AttemptSubmitted, "submitted_at": now, "auto_submitted": auto,
			"score": g.Score, "max": g.Max, "percent": g.Percent, "passed": g.Passed,
		})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return domain.Keyed(domain.ECONFLICT, "store.attempt.submitted", "the attempt has been submitted already")
		}
		if err := upsertAnswers(tx, a.ID, g.Answers, now); err != nil {
			return err
		}
		a.Status, a.SubmittedAt, a.AutoSubmitted = AttemptSubmitted, &now, auto
		a.Score, a.Max, a.Percent, a.Passed = g.Score, g.Max, g.Percent, g.Passed
		a.Answers = g.Answers
		graded = true
		if afterGrade != nil {
			return afterGrade(t, a)
		}
		return nil
	})
	if err != nil {
		return nil, false, err
	}
	return attempt, graded, nil
}

// lockAttempt reads an attempt of the user inside a transaction, locking its row on PostgreSQL
// (SQLite write transactions are exclusive already).
func lockAttempt(tx *gorm.DB, attemptID, userID int64) (*QuizAttempt, error) {
	var a QuizAttempt
	err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ? AND user_id = ?", attemptID, userID).First(&a).Error
	return &a, notFound(err, "quiz attempt")
}

func upsertAnswers(tx *gorm.DB, attemptID int64, answers []QuizAnswer, now time.Time) error {
	if len(answers) == 0 {
		return nil
	}
	for i := range answers {
		answers[i].AttemptID = attemptID
		answers[i].UpdatedAt = now
	}
	return tx.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "attempt_id"}, {Name: "question_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"question_hash", "response", "score", "max", "updated_at"}),
	}).Create(&answers).Error
}

// QuizAnswerRecord is one graded answer with the totals of its attempt, for item statistics. It
// carries no user data.
type QuizAnswerRecord struct {
	QuestionID   string
	QuestionHash string
	Response     string
	Score        float64
	Max          float64
	AttemptScore float64
	AttemptMax   float64
}

// CountGradedAttempts counts how many of the given attempt ids are stored as submitted and graded
// (the load test checks with it that every acknowledged submit was kept).
func (s *Store) CountGradedAttempts(ctx context.Context, ids []int64) (int, error) {
	found := 0
	for start := 0; start < len(ids); start += 500 {
		var n int64
		err := s.r.WithContext(ctx).Model(&QuizAttempt{}).
			Where("id IN ? AND status = ? AND submitted_at IS NOT NULL AND max > 0", ids[start:min(start+500, len(ids))], AttemptSubmitted).
			Count(&n).Error
		if err != nil {
			return found, err
		}
		found += int(n)
	}
	return found, nil
}

// QuizAnswerRecords returns every answer of every submitted attempt at the quiz of a module, in all
// versions of the course.
func (s *Store) QuizAnswerRecords(ctx context.Context, courseID, moduleID string) ([]QuizAnswerRecord, error) {
	var rs []QuizAnswerRecord
	err := s.r.WithContext(ctx).Table("quiz_answers AS an").
		Select("an.question_id, an.question_hash, an.response, an.score, an.max, at.score AS attempt_score, at.max AS attempt_max").
		Joins("JOIN quiz_attempts AS at ON at.id = an.attempt_id").
		Where("at.course_id = ? AND at.module_id = ? AND at.status = ?", courseID, moduleID, AttemptSubmitted).
		Order("an.question_id, an.question_hash").
		Scan(&rs).Error
	return rs, err
}

// QuizTimeExtensionOf returns a user's time extension; the zero value (0 %) when none is set.
func (s *Store) QuizTimeExtensionOf(ctx context.Context, userID int64) (QuizTimeExtension, error) {
	var e QuizTimeExtension
	err := s.r.WithContext(ctx).Where("user_id = ?", userID).Limit(1).Find(&e).Error
	return e, err
}

// SetQuizTimeExtension stores a user's time extension; 0 % removes it.
func (s *Store) SetQuizTimeExtension(ctx context.Context, e QuizTimeExtension) error {
	if e.Percent < 0 {
		return domain.Keyed(domain.EINVALID, "store.attempt.extension", "the extension cannot be negative")
	}
	db := s.w.WithContext(ctx)
	if e.Percent == 0 {
		return db.Where("user_id = ?", e.UserID).Delete(&QuizTimeExtension{}).Error
	}
	e.UpdatedAt = s.Now()
	return db.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "user_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"percent", "set_by", "reason", "updated_at"}),
	}).Create(&e).Error
}
