package store

import (
	"context"
	"time"
)

// APICall is one request to the REST API: which token (nil when none was valid), what, the answer
// and when. The token itself is never stored, nor the query string (it may name people).
type APICall struct {
	ID         int64     `gorm:"primaryKey"`
	TokenID    *int64    `gorm:"index:idx_api_calls_token_called,priority:1"`
	Method     string    `gorm:"not null"`
	Path       string    `gorm:"not null"`
	Status     int       `gorm:"not null"`
	DurationMS int64     `gorm:"column:duration_ms;not null"`
	IP         string    `gorm:"column:ip;not null"`
	CalledAt   time.Time `gorm:"not null;index:idx_api_calls_token_called,priority:2;index:idx_api_calls_called_at"`
}

// LogAPICall appends one call to the call log.
func (s *Store) LogAPICall(ctx context.Context, c *APICall) error {
	if c.CalledAt.IsZero() {
		c.CalledAt = s.Now()
	}
	return s.w.WithContext(ctx).Create(c).Error
}

// APICallsOf returns the latest calls of a token, newest first (limit ≤ 0: 100).
func (s *Store) APICallsOf(ctx context.Context, tokenID int64, limit int) ([]APICall, error) {
	if limit <= 0 {
		limit = 100
	}
	var cs []APICall
	return cs, s.r.WithContext(ctx).Where("token_id = ?", tokenID).Order("id DESC").Limit(limit).Find(&cs).Error
}

// APITokenLastUse is when each token was last used (tokens never used are missing).
func (s *Store) APITokenLastUse(ctx context.Context) (map[int64]time.Time, error) {
	// MAX over a DATETIME column comes back from SQLite as text: find the latest call per token,
	// then read those rows.
	var ids []int64
	if err := s.r.WithContext(ctx).Model(&APICall{}).Select("MAX(id)").Where("token_id IS NOT NULL").Group("token_id").Pluck("MAX(id)", &ids).Error; err != nil {
		return nil, err
	}
	out := map[int64]time.Time{}
	if len(ids) == 0 {
		return out, nil
	}
	var calls []APICall
	if err := s.r.WithContext(ctx).Where("id IN ?", ids).Find(&calls).Error; err != nil {
		return nil, err
	}
	for _, c := range calls {
		out[*c.TokenID] = c.CalledAt
	}
	return out, nil
}
