package store

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"gorm.io/gorm"

	"github.com/ailit/ailit/internal/domain"
)

// ReportExport records one report view or export: who, when, which filters, how many rows, which
// format and integrity hash. Admins read the list; the staff council may ask for it.
type ReportExport struct {
	ID        int64     `gorm:"primaryKey"`
	UserID    *int64    // nil: the command line
	Actor     string    `gorm:"not null"` // email of the user, or "cli"
	Kind      string    `gorm:"not null"` // view, dashboard, export, evidence
	Format    string    `gorm:"not null"` // html, csv, xlsx, pdf, json
	Filters   string    `gorm:"not null"` // JSON object
	RowCount  int64     `gorm:"not null"`
	Hash      string    `gorm:"not null"`
	Integrity string    `gorm:"not null;default:''"` // CSV: the integrity file (JSON), else empty
	CreatedAt time.Time `gorm:"not null;index:idx_report_exports_created_at"`

	// IntegrityFor, when set, makes the integrity file once the export's evidence entry is known
	// (inside LogReport's transaction), so the file can name that entry.
	IntegrityFor func(evidenceSeq int64, evidenceHash string) string `gorm:"-"`
}

// Kinds of report access.
const (
	ReportView      = "view"
	ReportDashboard = "dashboard"
	ReportExported  = "export"
	ReportEvidence  = "evidence"
)

// EventReportExported is appended to the evidence log for every file leaving the platform.
const EventReportExported = "report.exported"

// LogReport stores a report access. Files (every kind but view and dashboard) are also appended to
// the evidence log, in the same transaction.
func (s *Store) LogReport(ctx context.Context, e *ReportExport, filters map[string]string) error {
	b, err := json.Marshal(filters)
	if err != nil {
		return err
	}
	e.Filters, e.CreatedAt = string(b), s.Now()
	return s.inTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(e).Error; err != nil {
			return err
		}
		if e.Kind == ReportView || e.Kind == ReportDashboard {
			return nil
		}
		ev, err := s.appendEvidence(tx, EventReportExported, nil, map[string]any{
			"export_id": e.ID, "user_id": e.UserID, "actor": e.Actor, "kind": e.Kind, "format": e.Format,
			"filters": filters, "rows": e.RowCount, "hash": e.Hash})
		if err != nil || e.IntegrityFor == nil {
			return err
		}
		e.Integrity = e.IntegrityFor(ev.Seq, ev.Hash)
		return tx.Model(&ReportExport{}).Where("id = ?", e.ID).Update("integrity", e.Integrity).Error
	})
}

// ReportExportByID is one entry of the log (ENOTFOUND if there is none).
func (s *Store) ReportExportByID(ctx context.Context, id int64) (*ReportExport, error) {
	var e ReportExport
	err := s.r.WithContext(ctx).Where("id = ?", id).Take(&e).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, domain.Errorf(domain.ENOTFOUND, "report export not found")
	}
	return &e, err
}

// ReportFilesWithIntegrity are a user's latest exports that have an integrity file, newest first.
func (s *Store) ReportFilesWithIntegrity(ctx context.Context, userID int64, limit int) ([]ReportExport, error) {
	var out []ReportExport
	err := s.r.WithContext(ctx).Where("user_id = ? AND integrity <> ''", userID).
		Order("created_at DESC, id DESC").Limit(limit).Find(&out).Error
	return out, err
}

// ReportExports lists the log, newest first, a page at a time.
func (s *Store) ReportExports(ctx context.Context, offset, limit int) ([]ReportExport, int64, error) {
	var n int64
	if err := s.r.WithContext(ctx).Model(&ReportExport{}).Count(&n).Error; err != nil {
		return nil, 0, err
	}
	var out []ReportExport
	err := s.r.WithContext(ctx).Order("created_at DESC, id DESC").Offset(offset).Limit(limit).Find(&out).Error
	return out, n, err
}
