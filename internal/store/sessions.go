package store

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// SessionByID loads a session that has not expired. It reads from the reader pool: every request
// does this, and a revocation is committed before it returns, so a reader sees it at once.
func (s *Store) SessionByID(ctx context.Context, id string) (*WebSession, error) {
	var ws WebSession
	err := s.r.WithContext(ctx).Where("id = ? AND expires_at > ?", id, s.Now()).First(&ws).Error
	return &ws, notFound(err, "session")
}

// CreateSession inserts a new session and returns the revocation counter as of the insert, to
// cache the session under (auth_generation.go).
func (s *Store) CreateSession(ctx context.Context, ws *WebSession) (generation int64, err error) {
	err = s.inTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(ws).Error; err != nil {
			return err
		}
		generation, err = s.authGenerationIn(tx)
		return err
	})
	return generation, err
}

// UpdateSessionValues stores a session's values and user and records activity, and returns the
// revocation counter as of the update. A session that has ended or expired meanwhile is not
// brought back: that is an ENOTFOUND error.
func (s *Store) UpdateSessionValues(ctx context.Context, id string, data []byte, userID *int64, now time.Time) (generation int64, err error) {
	err = s.inTx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&WebSession{}).Where("id = ? AND expires_at > ?", id, now).
			Updates(map[string]any{"data": data, "user_id": userID, "last_seen_at": now})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return notFound(gorm.ErrRecordNotFound, "session")
		}
		generation, err = s.authGenerationIn(tx)
		return err
	})
	return generation, err
}

// DeleteSession ends one session.
func (s *Store) DeleteSession(ctx context.Context, id string) error {
	return s.w.WithContext(ctx).Where("id = ?", id).Delete(&WebSession{}).Error
}

// RecordSessionActivity records activity, at most once a minute per session to keep writes rare,
// and reports whether it set the session's last activity to now (false: it was within the minute
// already, or the session is gone). It asks a reader first whether there is anything to update: on
// SQLite an UPDATE that matches nothing still queues behind every write in progress, and a page
// view should not write at all (issue 23).
func (s *Store) RecordSessionActivity(ctx context.Context, id string, lastSeen, now time.Time) (bool, error) {
	if !lastSeen.IsZero() && !lastSeen.Before(now.Add(-time.Minute)) {
		return false, nil // the session as loaded for this request was seen within the minute
	}
	var due int64
	err := s.r.WithContext(ctx).Model(&WebSession{}).
		Where("id = ? AND last_seen_at < ?", id, now.Add(-time.Minute)).Count(&due).Error
	if err != nil || due == 0 {
		return false, err
	}
	res := s.w.WithContext(ctx).Model(&WebSession{}).
		Where("id = ? AND last_seen_at < ?", id, now.Add(-time.Minute)).
		Update("last_seen_at", now)
	return res.RowsAffected > 0, res.Error
}

// SessionsOfUser lists a user's active sessions, newest first.
func (s *Store) SessionsOfUser(ctx context.Context, userID int64) ([]WebSession, error) {
	var out []WebSession
	err := s.r.WithContext(ctx).Where("user_id = ? AND expires_at > ?", userID, s.Now()).
		Order("last_seen_at DESC").Find(&out).Error
	return out, err
}

// DeleteSessionsOfUser ends every session of a user except keepID ("" ends all), and returns how
// many were ended.
func (s *Store) DeleteSessionsOfUser(ctx context.Context, userID int64, keepID string) (int64, error) {
	res := s.w.WithContext(ctx).Where("user_id = ? AND id <> ?", userID, keepID).Delete(&WebSession{})
	return res.RowsAffected, res.Error
}

// DeleteExpiredSessions removes sessions past their expiry or idle for longer than idle.
func (s *Store) DeleteExpiredSessions(ctx context.Context, idle time.Duration) (int64, error) {
	now := s.Now()
	res := s.w.WithContext(ctx).Where("expires_at <= ? OR last_seen_at < ?", now, now.Add(-idle)).Delete(&WebSession{})
	return res.RowsAffected, res.Error
}

// ThrottleFailures returns the failures counted for key in the window that started after since.
func (s *Store) ThrottleFailures(ctx context.Context, key string, since time.Time) (int, error) {
	n, _, err := s.ThrottleWindow(ctx, key, since)
	return n, err
}

// ThrottleWindow returns the failures counted for key in the window that started after since, and
// when that window started (zero when there is none).
func (s *Store) ThrottleWindow(ctx context.Context, key string, since time.Time) (int, time.Time, error) {
	var t AuthThrottle
	err := s.w.WithContext(ctx).Where("throttle_key = ? AND window_start > ?", key, since).First(&t).Error
	if err == gorm.ErrRecordNotFound {
		return 0, time.Time{}, nil
	}
	return t.Failures, t.WindowStart, err
}

// RecordFailure counts one failed login for each key; a window older than since starts anew.
func (s *Store) RecordFailure(ctx context.Context, since time.Time, keys ...string) error {
	now := s.Now()
	return s.inTx(ctx, func(tx *gorm.DB) error {
		for _, key := range keys {
			var t AuthThrottle
			err := tx.Where("throttle_key = ?", key).First(&t).Error
			switch {
			case err == gorm.ErrRecordNotFound:
				err = tx.Create(&AuthThrottle{Key: key, Failures: 1, WindowStart: now}).Error
			case err != nil:
			case t.WindowStart.Before(since) || t.WindowStart.Equal(since):
				err = tx.Model(&t).Updates(map[string]any{"failures": 1, "window_start": now}).Error
			default:
				err = tx.Model(&t).Update("failures", gorm.Expr("failures + 1")).Error
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// ClearFailures forgets the failures of a key after a successful login.
func (s *Store) ClearFailures(ctx context.Context, key string) error {
	return s.w.WithContext(ctx).Where("throttle_key = ?", key).Delete(&AuthThrottle{}).Error
}
