package store

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"

	"github.com/ailit/ailit/internal/domain"
)

// Evidence events for service tokens of the REST API.
const (
	EventAPITokenCreated = "api.token.created"
	EventAPITokenRevoked = "api.token.revoked"
)

// APIToken is a service token of the REST API (/api/v1). Only the SHA-256 of the secret is kept:
// a leaked database does not leak usable tokens. Hint is the start of the token, so an admin can
// tell tokens apart without seeing them.
type APIToken struct {
	ID            int64      `gorm:"primaryKey"`
	Name          string     `gorm:"not null"`
	Hint          string     `gorm:"not null"`
	SecretHash    []byte     `gorm:"not null;uniqueIndex:idx_api_tokens_secret_hash"`
	Scopes        string     `gorm:"not null"`            // space-separated, e.g. "people:write reports:read"
	AllowIPs      string     `gorm:"not null;default:''"` // comma-separated CIDRs; "" allows every address
	RatePerMinute int        `gorm:"not null"`
	ExpiresAt     *time.Time // nil: does not expire
	CreatedBy     *int64     // nil: the command line
	CreatedAt     time.Time  `gorm:"not null"`
	RevokedAt     *time.Time
}

// APIRateWindow counts one token's calls in the current fixed window (a minute, numbered from the
// Unix epoch). One row per token; the database counts, so every instance sees the same number.
type APIRateWindow struct {
	TokenID      int64 `gorm:"primaryKey;autoIncrement:false"`
	WindowNumber int64 `gorm:"not null"`
	Calls        int   `gorm:"not null"`
}

// Usable reports why a token may not be used at now: "" when it may, else "revoked" or "expired".
func (t *APIToken) Usable(now time.Time) string {
	switch {
	case t.RevokedAt != nil:
		return "revoked"
	case t.ExpiresAt != nil && !now.Before(*t.ExpiresAt):
		return "expired"
	}
	return ""
}

// CreateAPIToken stores a new token and records its creation (name, scopes, allow list, expiry,
// never the secret) in the evidence log, in one transaction.
func (s *Store) CreateAPIToken(ctx context.Context, t *APIToken) error {
	t.CreatedAt = s.Now()
	return s.inTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(t).Error; err != nil {
			return err
		}
		payload := map[string]any{"token_id": t.ID, "name": t.Name, "scopes": t.Scopes, "allow_ips": t.AllowIPs,
			"rate_per_minute": t.RatePerMinute, "created_by": t.CreatedBy}
		if t.ExpiresAt != nil {
			payload["expires_at"] = t.ExpiresAt.UTC().Format(time.RFC3339)
		}
		_, err := s.appendEvidence(tx, EventAPITokenCreated, nil, payload)
		return err
	})
}

// RevokeAPIToken ends a token at once, on every instance, and records it in the evidence log.
// Revoking a revoked token is a conflict; an unknown id is not found.
func (s *Store) RevokeAPIToken(ctx context.Context, id int64, by *int64) error {
	return s.inTx(ctx, func(tx *gorm.DB) error {
		var t APIToken
		if err := tx.First(&t, id).Error; err != nil {
			return notFound(err, "API token")
		}
		if t.RevokedAt != nil {
			return domain.Keyed(domain.ECONFLICT, "store.token.revoked", "the token is revoked already")
		}
		now := s.Now()
		if err := tx.Model(&t).Update("revoked_at", now).Error; err != nil {
			return err
		}
		_, err := s.appendEvidence(tx, EventAPITokenRevoked, nil, map[string]any{"token_id": t.ID, "name": t.Name, "revoked_by": by})
		return err
	})
}

// APITokens lists every token, newest first, revoked ones included.
func (s *Store) APITokens(ctx context.Context) ([]APIToken, error) {
	var ts []APIToken
	return ts, s.r.WithContext(ctx).Order("id DESC").Find(&ts).Error
}

// APITokenByHash finds the token whose secret has this SHA-256; ENOTFOUND when none has.
func (s *Store) APITokenByHash(ctx context.Context, hash []byte) (*APIToken, error) {
	var t APIToken
	if err := s.r.WithContext(ctx).Where("secret_hash = ?", hash).First(&t).Error; err != nil {
		return nil, notFound(err, "API token")
	}
	return &t, nil
}

// CountAPICall counts one call of a token in the window numbered window and returns the calls in
// that window so far, this one included. A new window starts again at 1. It is one statement, so
// two instances counting at once never lose a call.
func (s *Store) CountAPICall(ctx context.Context, tokenID, window int64) (int, error) {
	var calls int
	err := s.w.WithContext(ctx).Raw(`INSERT INTO api_rate_windows (token_id, window_number, calls) VALUES (?, ?, 1)
		ON CONFLICT (token_id) DO UPDATE SET
			calls = CASE WHEN api_rate_windows.window_number = excluded.window_number THEN api_rate_windows.calls + 1 ELSE 1 END,
			window_number = excluded.window_number
		RETURNING calls`, tokenID, window).Scan(&calls).Error
	if err != nil {
		return 0, err
	}
	if calls == 0 {
		return 0, errors.New("counting an API call returned no row")
	}
	return calls, nil
}
