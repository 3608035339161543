package store

import "time"

// Roles a person can hold; several at once.
const (
	RoleLearner = "learner"
	RoleTrainer = "trainer"
	RoleManager = "manager"
	RoleAdmin   = "admin"
)

// AllRoles in display order.
var AllRoles = []string{RoleLearner, RoleTrainer, RoleManager, RoleAdmin}

// User is a person with an account. People who leave are deactivated; after the retention period
// (or on request) their data is deleted and the row stays pseudonymised, so figures and records hold.
type User struct {
	ID                int64  `gorm:"primaryKey"`
	Email             string `gorm:"size:320;not null;uniqueIndex"` // stored lower-case
	DisplayName       string `gorm:"size:200;not null"`
	PasswordHash      string `gorm:"size:200;not null;default:''"`
	Active            bool   `gorm:"not null;default:true"`
	Language          string `gorm:"size:5;not null;default:''"` // preferred UI language, "" = browser
	PasswordChangedAt *time.Time
	DeactivatedAt     *time.Time // when Active last became false: the retention clock of people who left
	DeletedAt         *time.Time // the person's data was deleted; the row stays pseudonymised (store/erasure.go)
	OrgUnitID         *int64     `gorm:"index:idx_users_org_unit_id"`                    // nil: not placed in the organisation
	PersonnelNumber   *string    `gorm:"size:40;uniqueIndex:idx_users_personnel_number"` // from the HR export; text, leading zeros kept
	CreatedAt         time.Time  `gorm:"not null"`
	UpdatedAt         time.Time  `gorm:"not null"`
	Roles             []UserRole `gorm:"foreignKey:UserID;constraint:OnDelete:CASCADE"`
}

// UserRole grants one role to one user.
type UserRole struct {
	UserID int64  `gorm:"primaryKey;autoIncrement:false"`
	Role   string `gorm:"primaryKey;size:20"`
}

// WebSession is a server-side login session. The cookie carries "id.secret"; only the SHA-256 of
// the secret is stored, so a leaked database does not leak usable cookies.
type WebSession struct {
	ID         string `gorm:"primaryKey;size:64"`
	SecretHash []byte `gorm:"not null"`
	UserID     *int64 `gorm:"index;constraint:OnDelete:CASCADE"`
	Data       []byte
	UserAgent  string    `gorm:"size:300;not null;default:''"`
	IP         string    `gorm:"size:64;not null;default:''"`
	CreatedAt  time.Time `gorm:"not null"`
	LastSeenAt time.Time `gorm:"not null"`
	ExpiresAt  time.Time `gorm:"not null;index"`
}

// AuthThrottle counts failed logins per key (an IP address or an account) in a time window.
// It lives in the database so that several instances share it.
type AuthThrottle struct {
	Key         string    `gorm:"column:throttle_key;primaryKey;size:400"`
	Failures    int       `gorm:"not null"`
	WindowStart time.Time `gorm:"not null"`
}

// CourseVersionHash records the content hash of a published course version the first time it was
// loaded; a later load with another hash is refused, so a version never changes under a learner.
type CourseVersionHash struct {
	CourseID    string    `gorm:"primaryKey;size:100"`
	Version     string    `gorm:"primaryKey;size:40"`
	Hash        string    `gorm:"size:64;not null"`
	FirstSeenAt time.Time `gorm:"not null"`
	// TranslationOf is the course this version translates (course_families.go), "" for an original.
	TranslationOf string `gorm:"size:100;not null;default:''"`
}

// AllModels lists every model, for the migration drift test.
func AllModels() []any {
	return []any{&User{}, &UserRole{}, &WebSession{}, &AuthThrottle{}, &CourseVersionHash{},
		&Enrollment{}, &LessonProgress{}, &Completion{}, &EvidenceEvent{},
		&QuizAttempt{}, &QuizAnswer{}, &QuizTimeExtension{},
		&OrgUnit{}, &ManagerUnit{}, &Assignment{}, &AssignmentTarget{}, &AssignmentMember{},
		&AssignmentExemption{}, &Job{}, &OutboxMessage{},
		&UserIdentity{}, &Setting{}, &ReportExport{}, &LegalHold{},
		&HealthProbe{}, // the readiness write probe (health.go)
		// measures beyond online courses (sessions_live.go, external_evidence.go)
		&SessionSeries{}, &SessionDate{}, &SessionRegistration{}, &ExternalEvidence{},
		// AI inventory (ai_systems.go)
		&AISystem{}, &AISystemUnit{}, &AISystemHolder{}, &AISystemRule{},
		// REST API v1: service tokens, their rate windows and the call log (api_tokens.go, api_calls.go)
		&APIToken{}, &APIRateWindow{}, &APICall{},
		// xAPI statements for the learning record store (xapi_statements.go)
		&XAPIStatement{},
		// Package modules: SCORM run-time data per learner and attempt (package_attempts.go).
		&PackageAttempt{},
	}
}
