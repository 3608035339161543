package store

import (
	"context"
	"time"

	"gorm.io/gorm/clause"
)

// Job is one run of a scheduled job, keyed by job and day ("reminders:2026-03-01"), so that with
// several instances each run happens once: the instance whose UPDATE takes the lease runs it.
type Job struct {
	Key        string `gorm:"column:job_key;primaryKey;size:100"`
	Owner      string `gorm:"size:100;not null;default:''"`
	LeaseUntil *time.Time
	DoneAt     *time.Time
	CreatedAt  time.Time `gorm:"not null"`
}

// ClaimJob tries to take the run key for owner for lease. It returns true for exactly one of
// several instances trying at once; a run whose lease ran out (its instance died) can be claimed
// again, a finished run never.
func (s *Store) ClaimJob(ctx context.Context, key, owner string, lease time.Duration) (bool, error) {
	now := s.Now()
	db := s.w.WithContext(ctx)
	if err := db.Clauses(clause.OnConflict{DoNothing: true}).Create(&Job{Key: key, CreatedAt: now}).Error; err != nil {
		return false, err
	}
	until := now.Add(lease)
	res := db.Model(&Job{}).Where("job_key = ? AND done_at IS NULL AND (lease_until IS NULL OR lease_until < ?)", key, now).
		Updates(map[string]any{"owner": owner, "lease_until": until})
	return res.RowsAffected == 1, res.Error
}

// FinishJob marks a claimed run as done.
func (s *Store) FinishJob(ctx context.Context, key, owner string) error {
	return s.w.WithContext(ctx).Model(&Job{}).Where("job_key = ? AND owner = ?", key, owner).Update("done_at", s.Now()).Error
}

// JobByKey returns a run, for tests and the admin page.
func (s *Store) JobByKey(ctx context.Context, key string) (*Job, error) {
	var j Job
	err := s.r.WithContext(ctx).Where("job_key = ?", key).First(&j).Error
	return &j, notFound(err, "job")
}
