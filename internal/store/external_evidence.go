package store

import (
	"context"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/evidencefile"
	"github.com/ailit/ailit/internal/measure"
)

// External evidence is a certificate or confirmation from outside (an external course, a
// conference), uploaded by the person and accepted or rejected by a manager of their unit or an
// admin. Accepting completes the measure "external:<MeasureID>": the completion's version names the
// upload and its content hash is the file's SHA-256.

// States of an upload.
const (
	EvidencePending  = "pending"
	EvidenceAccepted = "accepted"
	EvidenceRejected = "rejected"
)

// EventEvidenceRejected records a rejected upload in the evidence log (an accepted one is a
// completion.recorded event).
const EventEvidenceRejected = "external_evidence.rejected"

// ExternalEvidence is one uploaded file with what the person says it shows.
type ExternalEvidence struct {
	ID          int64     `gorm:"primaryKey"`
	UserID      int64     `gorm:"not null;index:idx_external_evidence_user_id"`
	MeasureID   string    `gorm:"not null"`
	Title       string    `gorm:"not null"`
	Issuer      string    `gorm:"not null"`
	IssuedOn    time.Time `gorm:"not null"`
	FileName    string    `gorm:"not null"` // as uploaded, for display only
	StoredName  string    `gorm:"not null"` // the random name in the data directory
	ContentType string    `gorm:"not null"`
	SizeBytes   int64     `gorm:"not null"`
	SHA256      string    `gorm:"column:sha256;not null"`
	Status      string    `gorm:"not null;index:idx_external_evidence_status"`
	DecidedBy   *int64
	DecidedAt   *time.Time
	Reason      string    `gorm:"not null;default:''"`
	CreatedAt   time.Time `gorm:"not null"`
}

// TableName keeps the name of the migration.
func (ExternalEvidence) TableName() string { return "external_evidence" }

// Measure is the measure the upload is evidence for.
func (e *ExternalEvidence) Measure() measure.Ref {
	return measure.Ref{Kind: measure.External, ID: e.MeasureID}
}

// Version is the version the accepted upload is recorded under.
func (e *ExternalEvidence) Version() string { return "evidence-" + strconv.FormatInt(e.ID, 10) }

// SubmitEvidence stores a new upload, pending a decision.
func (s *Store) SubmitEvidence(ctx context.Context, e *ExternalEvidence) error {
	e.ID, e.Status, e.CreatedAt = 0, EvidencePending, s.Now()
	e.IssuedOn = e.IssuedOn.UTC()
	return s.w.WithContext(ctx).Create(e).Error
}

// EvidenceUploadsOf lists a person's uploads, newest first.
func (s *Store) EvidenceUploadsOf(ctx context.Context, userID int64) ([]ExternalEvidence, error) {
	var out []ExternalEvidence
	err := s.r.WithContext(ctx).Where("user_id = ?", userID).Order("created_at DESC, id DESC").Find(&out).Error
	return out, err
}

// EvidenceUpload is an upload with its owner, for the reviewer's list.
type EvidenceUpload struct {
	ExternalEvidence
	DisplayName string
}

// EvidenceInScope lists the uploads of the people a scope may see (pending first, then newest);
// status "" lists every state.
func (s *Store) EvidenceInScope(ctx context.Context, sc Scope, status string) ([]EvidenceUpload, error) {
	q := s.r.WithContext(ctx).Table("external_evidence AS x").Select("x.*, users.display_name").
		Joins("JOIN users ON users.id = x.user_id")
	q = s.scopeUsers(q, sc, "users.")
	if status != "" {
		q = q.Where("x.status = ?", status)
	}
	var out []EvidenceUpload
	err := q.Order("CASE WHEN x.status = 'pending' THEN 0 ELSE 1 END, x.created_at DESC, x.id DESC").Scan(&out).Error
	return out, err
}

// EvidenceForReview loads an upload if the scope may see its owner; otherwise it is not found.
func (s *Store) EvidenceForReview(ctx context.Context, sc Scope, id int64) (*ExternalEvidence, error) {
	q := s.r.WithContext(ctx).Model(&ExternalEvidence{}).Joins("JOIN users ON users.id = external_evidence.user_id").
		Where("external_evidence.id = ?", id)
	var e ExternalEvidence
	err := s.scopeUsers(q, sc, "users.").First(&e).Error
	return &e, notFound(err, "evidence")
}

// DecideEvidence accepts or rejects a pending upload the scope may see, with a reason (required to
// reject). Accepting completes the measure for the person, dated when the certificate was issued.
func (s *Store) DecideEvidence(ctx context.Context, sc Scope, id, by int64, accept bool, reason string) (*ExternalEvidence, error) {
	reason = strings.TrimSpace(reason)
	if !accept && reason == "" {
		return nil, domain.Keyed(domain.EINVALID, "store.evidence.reason", "a rejection needs a reason")
	}
	e, err := s.EvidenceForReview(ctx, sc, id)
	if err != nil {
		return nil, err
	}
	if e.UserID == by {
		return nil, domain.Errorf(domain.EFORBIDDEN, "nobody decides on their own evidence")
	}
	err = s.inTx(ctx, func(tx *gorm.DB) error {
		now := s.Now()
		status := EvidenceRejected
		if accept {
			status = EvidenceAccepted
		}
		res := tx.Model(&ExternalEvidence{}).Where("id = ? AND status = ?", id, EvidencePending).
			Updates(map[string]any{"status": status, "decided_by": by, "decided_at": now, "reason": reason})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return domain.Keyed(domain.ECONFLICT, "store.evidence.decided", "the evidence was decided already")
		}
		e.Status, e.DecidedBy, e.DecidedAt, e.Reason = status, &by, &now, reason
		if !accept {
			_, err := s.appendEvidence(tx, EventEvidenceRejected, &e.UserID, map[string]any{
				"evidence_id": e.ID, "measure": e.Measure().Key(), "sha256": e.SHA256, "reason": reason, "decided_by": by})
			return err
		}
		_, _, err := s.completeMeasure(tx, MeasureCompletion{UserID: e.UserID, Measure: e.Measure(), Version: e.Version(),
			ContentHash: e.SHA256, CompletedAt: e.IssuedOn})
		return err
	})
	return e, err
}

// EvidenceFileHashes maps every stored file name to its recorded SHA-256, for the backup check.
func (s *Store) EvidenceFileHashes(ctx context.Context) (map[string]string, error) {
	var rows []ExternalEvidence
	if err := s.r.WithContext(ctx).Select("stored_name", "sha256").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, r := range rows {
		out[r.StoredName] = r.SHA256
	}
	return out, nil
}

// RemoveUnreferencedEvidenceFiles deletes the uploaded files no row points at any more (after a
// person's data was deleted or an upload's retention period passed) from dataDir's evidence folder.
func (s *Store) RemoveUnreferencedEvidenceFiles(ctx context.Context, dataDir string) (int, error) {
	keep, err := s.EvidenceFileHashes(ctx)
	if err != nil {
		return 0, err
	}
	return evidencefile.In(dataDir).Keep(keep)
}
