package store

import (
	"context"
	"time"

	"gorm.io/gorm/clause"
)

// OutboxMessage is an email waiting to be sent, or sent. Messages are written first and sent
// after, so a failed send is retried with backoff and never lost. DedupeKey makes enqueuing the
// same reminder twice (by two instances, or on two days) a no-op.
type OutboxMessage struct {
	ID            int64  `gorm:"primaryKey"`
	DedupeKey     string `gorm:"size:300;not null;uniqueIndex:idx_outbox_dedupe_key"`
	Kind          string `gorm:"size:40;not null"`
	UserID        *int64
	ToAddress     string    `gorm:"size:320;not null"`
	Subject       string    `gorm:"size:300;not null"`
	Body          string    `gorm:"not null"`
	Attempts      int       `gorm:"not null;default:0"`
	NextAttemptAt time.Time `gorm:"not null;index:idx_outbox_pending,priority:2"`
	LeaseUntil    *time.Time
	LastError     string     `gorm:"not null;default:''"`
	SentAt        *time.Time `gorm:"index:idx_outbox_pending,priority:1"`
	CreatedAt     time.Time  `gorm:"not null"`
}

// Enqueue stores a message unless one with the same DedupeKey exists; it reports whether it did.
func (s *Store) Enqueue(ctx context.Context, m *OutboxMessage) (bool, error) {
	now := s.Now()
	m.CreatedAt, m.NextAttemptAt = now, now
	res := s.w.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(m)
	return res.RowsAffected == 1, res.Error
}

// ClaimDueMessages takes up to limit unsent messages whose next attempt is due, leasing each to
// this caller for lease so another instance does not send it too.
func (s *Store) ClaimDueMessages(ctx context.Context, limit int, lease time.Duration) ([]OutboxMessage, error) {
	now := s.Now()
	var candidates []OutboxMessage
	err := s.r.WithContext(ctx).Where("sent_at IS NULL AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?)", now, now).
		Order("next_attempt_at, id").Limit(limit).Find(&candidates).Error
	if err != nil {
		return nil, err
	}
	var claimed []OutboxMessage
	for _, m := range candidates {
		res := s.w.WithContext(ctx).Model(&OutboxMessage{}).
			Where("id = ? AND sent_at IS NULL AND (lease_until IS NULL OR lease_until < ?)", m.ID, now).
			Update("lease_until", now.Add(lease))
		if res.Error != nil {
			return claimed, res.Error
		}
		if res.RowsAffected == 1 {
			claimed = append(claimed, m)
		}
	}
	return claimed, nil
}

// MarkSent records a successful send.
func (s *Store) MarkSent(ctx context.Context, id int64) error {
	now := s.Now()
	return s.w.WithContext(ctx).Model(&OutboxMessage{}).Where("id = ?", id).
		Updates(map[string]any{"sent_at": now, "lease_until": nil, "last_error": ""}).Error
}

// MarkFailed records a failed send; the message is tried again at next.
func (s *Store) MarkFailed(ctx context.Context, id int64, sendErr error, next time.Time) error {
	msg := sendErr.Error()
	if len(msg) > 1000 {
		msg = msg[:1000]
	}
	return s.w.WithContext(ctx).Model(&OutboxMessage{}).Where("id = ?", id).Updates(map[string]any{
		"attempts": clause.Expr{SQL: "attempts + 1"}, "last_error": msg, "next_attempt_at": next, "lease_until": nil}).Error
}

// FailedMessages lists unsent messages that failed at least once, oldest first, for the admin page.
func (s *Store) FailedMessages(ctx context.Context, limit int) ([]OutboxMessage, error) {
	var ms []OutboxMessage
	err := s.r.WithContext(ctx).Where("sent_at IS NULL AND attempts > 0").Order("created_at, id").Limit(limit).Find(&ms).Error
	return ms, err
}

// OutboxCounts returns how many messages are pending and how many were sent.
func (s *Store) OutboxCounts(ctx context.Context) (pending, sent int64, err error) {
	db := s.r.WithContext(ctx).Model(&OutboxMessage{})
	if err = db.Where("sent_at IS NULL").Count(&pending).Error; err != nil {
		return
	}
	err = s.r.WithContext(ctx).Model(&OutboxMessage{}).Where("sent_at IS NOT NULL").Count(&sent).Error
	return
}

// TableName keeps the table's short name.
func (OutboxMessage) TableName() string { return "outbox" }
