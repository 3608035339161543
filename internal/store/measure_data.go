package store

import (
	"context"
)

// measureDataOf adds what the measures beyond online courses keep about the person to their
// personal data: every session registration (cancelled ones included) and every upload.
func (s *Store) measureDataOf(ctx context.Context, d *PersonalData) error {
	var regs []SessionRegistration
	db := s.r.WithContext(ctx)
	if err := db.Where("user_id = ?", d.User.ID).Order("registered_at, id").Find(&regs).Error; err != nil {
		return err
	}
	var err error
	if d.SessionRegistrations, err = withDates(db, regs); err != nil {
		return err
	}
	d.EvidenceUploads, err = s.EvidenceUploadsOf(ctx, d.User.ID)
	return err
}
