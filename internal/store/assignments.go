package store

import (
	"context"
	"slices"
	"time"

	"gorm.io/gorm"

	"github.com/ailit/ailit/internal/assign"
	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/measure"
)

// Audience kinds of an assignment target.
const (
	TargetUnit     = "unit"      // the people of one unit
	TargetUnitTree = "unit_tree" // the people of a unit and every unit below it
	TargetRole     = "role"      // everybody holding a role
	TargetUser     = "user"      // one person
)

// Assignment makes a measure mandatory for an audience, with a due rule and, optionally,
// recertification every ValidityMonths. CourseID holds the measure's key (measure.Ref.Key): a bare
// course id, or "policy:…", "session:…", "external:…"; see Measure and SetMeasure.
type Assignment struct {
	ID             int64  `gorm:"primaryKey"`
	CourseID       string `gorm:"size:100;not null"`
	Title          string `gorm:"size:200;not null"`
	DueKind        string `gorm:"size:20;not null"`
	DueDate        *time.Time
	DueDays        int                `gorm:"not null;default:0"`
	ValidityMonths int                `gorm:"not null;default:0"`
	WindowDays     int                `gorm:"not null;default:0"`
	CreatedBy      int64              `gorm:"not null"`
	CreatedAt      time.Time          `gorm:"not null"`
	UpdatedAt      time.Time          `gorm:"not null"`
	Targets        []AssignmentTarget `gorm:"foreignKey:AssignmentID;constraint:OnDelete:CASCADE"`
}

// AssignmentTarget is one part of an assignment's audience.
type AssignmentTarget struct {
	ID           int64  `gorm:"primaryKey"`
	AssignmentID int64  `gorm:"not null;index:idx_assignment_targets_assignment_id"`
	Kind         string `gorm:"size:20;not null"`
	OrgUnitID    *int64 `gorm:"index:idx_assignment_targets_org_unit_id"`
	Role         string `gorm:"size:20;not null;default:''"`
	UserID       *int64
}

// AssignmentMember is a person in an assignment's audience. People who leave the audience keep
// their row with LeftAt set; rejoining starts a new JoinedAt.
//
// The fields after LeftAt are copies, kept up to date on every write (see refreshMemberFacts), of
// what the person's status depends on: the exemption, the enrollment in the assignment's course and
// the latest unrevoked completion of it. Reports read them without joining those tables.
type AssignmentMember struct {
	AssignmentID int64     `gorm:"primaryKey;autoIncrement:false"`
	UserID       int64     `gorm:"primaryKey;autoIncrement:false;index:idx_assignment_members_user_id"`
	JoinedAt     time.Time `gorm:"not null"`
	LeftAt       *time.Time

	Exempted         bool   `gorm:"not null;default:false"`
	ExemptionReason  string `gorm:"not null;default:''"`
	EnrolledVersion  string `gorm:"not null;default:''"`
	EnrolledHash     string `gorm:"not null;default:''"`
	Started          bool   `gorm:"not null;default:false"` // enrolled and active since
	CompletedCourse  string `gorm:"not null;default:''"`    // the course of the family completed (a translation, or the assigned course)
	CompletedVersion string `gorm:"not null;default:''"`    // "": no unrevoked completion
	CompletedHash    string `gorm:"not null;default:''"`
	CompletedAt      *time.Time
	ValidUntil       *time.Time // as recorded on the completion
	ExpiresAt        *time.Time // ValidUntil, else the assignment's validity from CompletedAt; nil: never
}

// AssignmentExemption frees one person from an assignment, with a reason.
type AssignmentExemption struct {
	AssignmentID int64     `gorm:"primaryKey;autoIncrement:false"`
	UserID       int64     `gorm:"primaryKey;autoIncrement:false"`
	Reason       string    `gorm:"size:500;not null"`
	CreatedBy    int64     `gorm:"not null"`
	CreatedAt    time.Time `gorm:"not null"`
}

// Rule returns the assignment as the pure status rules see it.
func (a *Assignment) Rule() assign.Rule {
	r := assign.Rule{CreatedAt: a.CreatedAt, DueKind: a.DueKind, DueDays: a.DueDays,
		ValidityMonths: a.ValidityMonths, WindowDays: a.WindowDays}
	if a.DueDate != nil {
		r.DueDate = *a.DueDate
	}
	return r
}

// SaveAssignment creates (ID 0) or updates an assignment with its targets.
func (s *Store) SaveAssignment(ctx context.Context, a *Assignment) error {
	now := s.Now()
	a.UpdatedAt = now
	return s.inTx(ctx, func(tx *gorm.DB) error {
		targets := a.Targets
		changed := false // the course or the validity: what the member facts depend on
		a.Targets = nil
		if a.ID == 0 {
			a.CreatedAt = now
			if err := tx.Create(a).Error; err != nil {
				return err
			}
		} else {
			var old []Assignment
			if err := tx.Where("id = ?", a.ID).Find(&old).Error; err != nil {
				return err
			}
			changed = len(old) == 1 && (old[0].CourseID != a.CourseID || old[0].ValidityMonths != a.ValidityMonths)
			res := tx.Model(&Assignment{}).Where("id = ?", a.ID).Updates(map[string]any{
				"course_id": a.CourseID, "title": a.Title, "due_kind": a.DueKind, "due_date": a.DueDate,
				"due_days": a.DueDays, "validity_months": a.ValidityMonths, "window_days": a.WindowDays, "updated_at": now})
			if res.Error != nil {
				return res.Error
			} else if res.RowsAffected == 0 {
				return domain.Errorf(domain.ENOTFOUND, "assignment not found")
			}
			if err := tx.Where("assignment_id = ?", a.ID).Delete(&AssignmentTarget{}).Error; err != nil {
				return err
			}
		}
		for i := range targets {
			targets[i].ID, targets[i].AssignmentID = 0, a.ID
			if err := tx.Create(&targets[i]).Error; err != nil {
				return err
			}
		}
		a.Targets = targets
		if !changed {
			return nil
		}
		return refreshMemberFacts(tx, "assignment_id = ?", a.ID)
	})
}

// Assignments returns every assignment with its targets, newest first.
func (s *Store) Assignments(ctx context.Context) ([]Assignment, error) {
	var as []Assignment
	err := s.r.WithContext(ctx).Preload("Targets").Order("created_at DESC, id DESC").Find(&as).Error
	return as, err
}

// AssignmentByID loads one assignment with its targets.
func (s *Store) AssignmentByID(ctx context.Context, id int64) (*Assignment, error) {
	var a Assignment
	err := s.r.WithContext(ctx).Preload("Targets").First(&a, id).Error
	return &a, notFound(err, "assignment")
}

// audienceIDs returns the ids of the active people an assignment's targets describe.
func (s *Store) audienceIDs(tx *gorm.DB, a *Assignment) ([]int64, error) {
	if len(a.Targets) == 0 {
		return nil, nil
	}
	q := tx.Model(&User{}).Where("active = ?", true)
	cond := tx.Where("1 = 0")
	for _, t := range a.Targets {
		switch t.Kind {
		case TargetUnit:
			cond = cond.Or("org_unit_id = ?", t.OrgUnitID)
		case TargetUnitTree:
			cond = cond.Or("org_unit_id IN (?)", tx.Table("org_units AS sub").Select("sub.id").
				Where("sub.path LIKE (SELECT path FROM org_units WHERE id = ?) || '%'", t.OrgUnitID))
		case TargetRole:
			cond = cond.Or("id IN (?)", tx.Model(&UserRole{}).Select("user_id").Where("role = ?", t.Role))
		case TargetUser:
			cond = cond.Or("id = ?", t.UserID)
		}
	}
	var ids []int64
	err := q.Where(cond).Order("id").Pluck("id", &ids).Error
	return ids, err
}

// PinFunc names the version and content hash a new member of an assignment is enrolled in; ok is
// false when the course is not published (then nobody is enrolled).
type PinFunc func(courseID string) (version, hash string, ok bool)

// SyncAssignment brings the members of an assignment in line with its audience: newcomers join
// (and are enrolled with source "assignment" when pin names a version), people who left get LeftAt,
// people who come back join again. It returns the ids of the people who joined.
func (s *Store) SyncAssignment(ctx context.Context, a *Assignment, pin PinFunc) ([]int64, error) {
	now := s.Now()
	var joined []int64
	err := s.inTx(ctx, func(tx *gorm.DB) error {
		audience, err := s.audienceIDs(tx, a)
		if err != nil {
			return err
		}
		var members []AssignmentMember
		if err := tx.Where("assignment_id = ?", a.ID).Find(&members).Error; err != nil {
			return err
		}
		current := map[int64]AssignmentMember{}
		for _, m := range members {
			current[m.UserID] = m
		}
		for _, id := range audience {
			m, ok := current[id]
			switch {
			case !ok:
				err = tx.Create(&AssignmentMember{AssignmentID: a.ID, UserID: id, JoinedAt: now}).Error
			case m.LeftAt != nil:
				err = tx.Model(&AssignmentMember{}).Where("assignment_id = ? AND user_id = ?", a.ID, id).
					Updates(map[string]any{"joined_at": now, "left_at": nil}).Error
			default:
				continue
			}
			if err != nil {
				return err
			}
			joined = append(joined, id)
			if err := s.enrollMember(tx, a.CourseID, id, pin); err != nil {
				return err
			}
		}
		if err := refreshMembers(tx, a.CourseID, joined); err != nil {
			return err
		}
		for _, m := range members {
			if m.LeftAt == nil && !slices.Contains(audience, m.UserID) {
				if err := tx.Model(&AssignmentMember{}).Where("assignment_id = ? AND user_id = ?", a.ID, m.UserID).
					Update("left_at", now).Error; err != nil {
					return err
				}
			}
		}
		return nil
	})
	return joined, err
}

func (s *Store) enrollMember(tx *gorm.DB, courseID string, userID int64, pin PinFunc) error {
	if pin == nil || !measure.IsCourseKey(courseID) {
		return nil // only online courses have enrollments; other measures are taken elsewhere
	}
	// A person who takes a translation of the course (enrolled in another course of its family)
	// is not enrolled in the original as well: the translation counts for the assignment.
	family, err := familyIDs(tx, courseID)
	if err != nil {
		return err
	}
	if len(family) > 1 {
		var n int64
		if err := tx.Model(&Enrollment{}).Where("user_id = ? AND course_id IN ? AND course_id <> ?", userID, family, courseID).Count(&n).Error; err != nil || n > 0 {
			return err
		}
	}
	version, hash, ok := pin(courseID)
	if !ok {
		return nil
	}
	_, err = s.enroll(tx, &Enrollment{UserID: userID, CourseID: courseID, Version: version, ContentHash: hash, Source: SourceAssignment})
	return err
}

// SyncAllAssignments runs SyncAssignment for every assignment (after an import, a change of a
// person, and once a day) and returns how many people joined.
func (s *Store) SyncAllAssignments(ctx context.Context, pin PinFunc) (int, error) {
	as, err := s.Assignments(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	for i := range as {
		joined, err := s.SyncAssignment(ctx, &as[i], pin)
		if err != nil {
			return n, err
		}
		n += len(joined)
	}
	return n, nil
}

// SetExemption frees a person from an assignment with a reason (replacing an earlier reason).
func (s *Store) SetExemption(ctx context.Context, e AssignmentExemption) error {
	e.CreatedAt = s.Now()
	return s.inTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("assignment_id = ? AND user_id = ?", e.AssignmentID, e.UserID).Delete(&AssignmentExemption{}).Error; err != nil {
			return err
		}
		if err := tx.Create(&e).Error; err != nil {
			return err
		}
		return refreshMemberFacts(tx, "assignment_id = ? AND user_id = ?", e.AssignmentID, e.UserID)
	})
}

// RemoveExemption ends an exemption.
func (s *Store) RemoveExemption(ctx context.Context, assignmentID, userID int64) error {
	return s.inTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("assignment_id = ? AND user_id = ?", assignmentID, userID).Delete(&AssignmentExemption{}).Error; err != nil {
			return err
		}
		return refreshMemberFacts(tx, "assignment_id = ? AND user_id = ?", assignmentID, userID)
	})
}

// ExemptionsOf returns the exemptions of an assignment by user id.
func (s *Store) ExemptionsOf(ctx context.Context, assignmentID int64) (map[int64]AssignmentExemption, error) {
	var es []AssignmentExemption
	err := s.r.WithContext(ctx).Where("assignment_id = ?", assignmentID).Find(&es).Error
	out := map[int64]AssignmentExemption{}
	for _, e := range es {
		out[e.UserID] = e
	}
	return out, err
}

// VersionsFirstSeen returns when each version of a course was first published (first loaded).
func (s *Store) VersionsFirstSeen(ctx context.Context, courseID string) (map[string]time.Time, error) {
	var rows []CourseVersionHash
	err := s.r.WithContext(ctx).Where("course_id = ?", courseID).Find(&rows).Error
	out := map[string]time.Time{}
	for _, r := range rows {
		out[r.Version] = r.FirstSeenAt
	}
	return out, err
}
