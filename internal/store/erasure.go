package store

import (
	"context"
	"errors"
	"strconv"
	"time"

	"gorm.io/gorm"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/erasure"
	"github.com/ailit/ailit/internal/report"
)

// LegalHold suspends deleting one person's data, or that of everybody in an org unit and the units
// below it, e.g. during a dispute. Released holds stay for the record.
type LegalHold struct {
	ID         int64  `gorm:"primaryKey"`
	UserID     *int64 `gorm:"index:idx_legal_holds_user_id"`
	OrgUnitID  *int64 `gorm:"index:idx_legal_holds_org_unit_id"`
	Reason     string `gorm:"not null"`
	CreatedBy  int64  `gorm:"not null"`
	CreatedAt  time.Time
	ReleasedAt *time.Time
	ReleasedBy *int64
}

// Evidence events of the data lifecycle.
const (
	EventPersonDeleted    = "person.deleted"
	EventLegalHoldPlaced  = "legal_hold.placed"
	EventLegalHoldRelease = "legal_hold.released"
)

// tombstonePayload replaces the payload of an evidence entry about a deleted person.
const tombstonePayload = `{"tombstone":true}`

// markDeactivation keeps deactivated_at: set when an account becomes inactive, cleared when it is
// active again (the retention clock of people who left starts anew).
func markDeactivation(tx *gorm.DB, ids []int64, active bool, now time.Time) error {
	if active {
		return tx.Model(&User{}).Where("id IN ?", ids).Update("deactivated_at", nil).Error
	}
	return tx.Model(&User{}).Where("id IN ? AND deactivated_at IS NULL", ids).Update("deactivated_at", now).Error
}

// ActiveHolds returns the holds not yet released, oldest first.
func (s *Store) ActiveHolds(ctx context.Context) ([]LegalHold, error) {
	var hs []LegalHold
	err := s.r.WithContext(ctx).Where("released_at IS NULL").Order("id").Find(&hs).Error
	return hs, err
}

// PlaceHold records a legal hold on a person or a unit (exactly one of them), with its reason.
func (s *Store) PlaceHold(ctx context.Context, h *LegalHold) error {
	if (h.UserID == nil) == (h.OrgUnitID == nil) || h.Reason == "" {
		return domain.Errorf(domain.EINVALID, "a legal hold names one person or one unit, and a reason")
	}
	h.CreatedAt, h.ReleasedAt, h.ReleasedBy = s.Now(), nil, nil
	return s.inTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(h).Error; err != nil {
			return err
		}
		_, err := s.appendEvidence(tx, EventLegalHoldPlaced, h.UserID, holdPayload(h))
		return err
	})
}

// ReleaseHold ends a hold; deletion of the people it covered resumes with the next run.
func (s *Store) ReleaseHold(ctx context.Context, id, by int64) error {
	return s.inTx(ctx, func(tx *gorm.DB) error {
		var h LegalHold
		if err := tx.Where("id = ? AND released_at IS NULL", id).First(&h).Error; err != nil {
			return notFound(err, "legal hold")
		}
		now := s.Now()
		if err := tx.Model(&h).Updates(map[string]any{"released_at": now, "released_by": by}).Error; err != nil {
			return err
		}
		p := holdPayload(&h)
		p["released_by"] = by
		_, err := s.appendEvidence(tx, EventLegalHoldRelease, h.UserID, p)
		return err
	})
}

func holdPayload(h *LegalHold) map[string]any {
	p := map[string]any{"id": h.ID, "reason": h.Reason, "by": h.CreatedBy}
	if h.OrgUnitID != nil {
		p["org_unit_id"] = *h.OrgUnitID
	}
	return p
}

// ErrOnHold is returned when a legal hold suspends deleting the person.
var ErrOnHold = errors.New("store: a legal hold suspends deleting this person")

// HoldOf returns the hold that suspends deleting the user, or nil.
func (s *Store) HoldOf(ctx context.Context, userID int64) (*LegalHold, error) {
	return s.holdOf(s.r.WithContext(ctx), userID)
}

func (s *Store) holdOf(tx *gorm.DB, userID int64) (*LegalHold, error) {
	var holds []LegalHold
	if err := tx.Where("released_at IS NULL").Order("id").Find(&holds).Error; err != nil || len(holds) == 0 {
		return nil, err
	}
	var u User
	if err := tx.Select("id", "org_unit_id").Where("id = ?", userID).First(&u).Error; err != nil {
		return nil, notFound(err, "user")
	}
	units, err := unitAndAncestors(tx, u.OrgUnitID)
	if err != nil {
		return nil, err
	}
	pure := make([]erasure.Hold, len(holds))
	for i, h := range holds {
		pure[i] = erasure.Hold{ID: h.ID, UserID: h.UserID, OrgUnitID: h.OrgUnitID, Reason: h.Reason, CreatedAt: h.CreatedAt}
	}
	if b := erasure.Blocking(pure, userID, units); b != nil {
		for i := range holds {
			if holds[i].ID == b.ID {
				return &holds[i], nil
			}
		}
	}
	return nil, nil
}

// unitAndAncestors lists a unit and the units above it, nearest first.
func unitAndAncestors(tx *gorm.DB, id *int64) ([]int64, error) {
	var out []int64
	for id != nil && len(out) < 100 { // the tree has no cycles (org.Tree); 100 bounds a broken one
		var u OrgUnit
		if err := tx.Select("id", "parent_id").Where("id = ?", *id).First(&u).Error; err != nil {
			return nil, notFound(err, "org unit")
		}
		out = append(out, u.ID)
		id = u.ParentID
	}
	return out, nil
}

// ErasePerson deletes a person's data (reason erasure.ReasonLeft or erasure.ReasonRequest): the
// account keeps its id and unit, everything that names or describes the person is removed or
// replaced by the report pseudonym, and the evidence entries about them become tombstones. It
// refuses with ErrOnHold while a legal hold covers the person.
func (s *Store) ErasePerson(ctx context.Context, userID int64, reason string, by *int64) error {
	key, err := s.PseudonymKey(ctx)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *gorm.DB) error { return s.erasePerson(tx, key, userID, reason, by) })
}

func (s *Store) erasePerson(tx *gorm.DB, key []byte, userID int64, reason string, by *int64) error {
	var u User
	if err := tx.Where("id = ?", userID).First(&u).Error; err != nil {
		return notFound(err, "user")
	}
	if u.DeletedAt != nil {
		return nil // deleted before: nothing left to delete
	}
	if h, err := s.holdOf(tx, userID); err != nil {
		return err
	} else if h != nil {
		return ErrOnHold
	}
	now := s.Now()
	pseudonym := report.Pseudonym(key, strconv.FormatInt(userID, 10))
	err := tx.Model(&User{}).Where("id = ?", userID).Updates(map[string]any{
		"email": erasure.Email(pseudonym), "display_name": erasure.DisplayName(pseudonym), "password_hash": "",
		"personnel_number": nil, "language": "", "active": false, "deleted_at": now, "updated_at": now,
		"deactivated_at": gorm.Expr("COALESCE(deactivated_at, ?)", now)}).Error
	if err != nil {
		return err
	}
	for _, step := range erasureSteps {
		if err := tx.Exec(step.sql, map[string]any{"user": userID, "email": "%" + u.Email + "%", "actor": erasure.Email(pseudonym)}).Error; err != nil {
			return err
		}
	}
	var seqs []int64
	if err := tx.Model(&EvidenceEvent{}).Where("subject_user_id = ? AND tombstoned_at IS NULL", userID).Order("seq").Pluck("seq", &seqs).Error; err != nil {
		return err
	}
	if len(seqs) > 0 {
		err := tx.Model(&EvidenceEvent{}).Where("seq IN ?", seqs).Updates(map[string]any{"payload": tombstonePayload, "tombstoned_at": now}).Error
		if err != nil {
			return err
		}
	}
	payload := map[string]any{"pseudonym": pseudonym, "reason": reason, "tombstoned": seqs}
	if by != nil {
		payload["by"] = *by
	}
	_, err = s.appendEvidence(tx, EventPersonDeleted, nil, payload)
	return err
}

// erasureSteps are what deleting a person removes or blanks besides the account row, per table
// (named parameters: @user, @email as a LIKE pattern, @actor). What stays, tied to the
// pseudonymised account: enrollments, lesson progress, attempt results, completions, assignment
// membership and its facts, so past figures and issued records do not change.
// TestErasureCoversEveryTableWithAPerson holds this list to the models.
var erasureSteps = []struct{ table, sql string }{
	{"user_roles", "DELETE FROM user_roles WHERE user_id = @user"},
	{"web_sessions", "DELETE FROM web_sessions WHERE user_id = @user"},
	{"user_identities", "DELETE FROM user_identities WHERE user_id = @user"},
	{"auth_throttles", "DELETE FROM auth_throttles WHERE throttle_key LIKE @email"},
	{"quiz_answers", "DELETE FROM quiz_answers WHERE attempt_id IN (SELECT id FROM quiz_attempts WHERE user_id = @user)"},
	{"package_attempts", "DELETE FROM package_attempts WHERE user_id = @user"}, // what a package stored (suspend data, comments); progress stays
	{"quiz_time_extensions", "DELETE FROM quiz_time_extensions WHERE user_id = @user"},
	{"manager_units", "DELETE FROM manager_units WHERE user_id = @user"},
	{"outbox", "DELETE FROM outbox WHERE user_id = @user"},
	{"assignment_exemptions", "UPDATE assignment_exemptions SET reason = '' WHERE user_id = @user"}, // free text may say why (health, leave)
	{"assignment_members", "UPDATE assignment_members SET exemption_reason = '' WHERE user_id = @user"},
	{"report_exports", "UPDATE report_exports SET actor = @actor WHERE user_id = @user"},
	// uploaded certificates carry the name: the file goes (evidencefile.Dir.Keep), the hash stays
	{"external_evidence", "UPDATE external_evidence SET stored_name = '', file_name = '' WHERE user_id = @user"},
	{"ai_system_holders", "DELETE FROM ai_system_holders WHERE user_id = @user"}, // roles for AI systems
	// xAPI: the queue rows (and with them what was sent); statements already in the LRS stay there
	{"xapi_statements", "DELETE FROM xapi_statements WHERE user_id = @user"},
}

// Kept are the tables with a person's id that deleting the person keeps, pseudonymised through the
// account (see erasureSteps).
var erasureKeeps = []string{"users", "enrollments", "lesson_progress", "quiz_attempts", "completions",
	"assignment_targets", "evidence_events", "legal_holds", "session_registrations"}
