package auth

import (
	"context"
	"errors"
	"time"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/store"
)

// Errors of Login. ErrInvalidCredentials is the same for an unknown email, a wrong password and a
// deactivated account, so the login form reveals nothing about which accounts exist.
var (
	ErrInvalidCredentials = errors.New("auth: invalid credentials")
	ErrThrottled          = errors.New("auth: too many failed attempts")
)

// Login checks credentials with throttling per IP address and per account, counted in the
// database so that several instances share the count.
type Login struct {
	db            *store.Store
	Window        time.Duration
	MaxPerAccount int
	MaxPerIP      int
}

// NewLogin returns a login service with the default limits: 5 failures per account and 20 per IP
// address within 15 minutes.
func NewLogin(db *store.Store) *Login {
	return &Login{db: db, Window: 15 * time.Minute, MaxPerAccount: 5, MaxPerIP: 20}
}

// Authenticate returns the active user with this email and password.
func (l *Login) Authenticate(ctx context.Context, email, password, ip string) (*store.User, error) {
	since := l.db.Now().Add(-l.Window)
	acctKey, ipKey := "acct:"+store.NormalizeEmail(email), "ip:"+ip
	acct, err := l.db.ThrottleFailures(ctx, acctKey, since)
	if err != nil {
		return nil, err
	}
	byIP, err := l.db.ThrottleFailures(ctx, ipKey, since)
	if err != nil {
		return nil, err
	}
	if acct >= l.MaxPerAccount || byIP >= l.MaxPerIP {
		return nil, ErrThrottled
	}
	u, err := l.db.UserByEmail(ctx, email)
	hash := dummyHash
	if err == nil {
		hash = u.PasswordHash
	} else if domain.ErrorCode(err) != domain.ENOTFOUND {
		return nil, err
	}
	ok, _ := CheckPassword(password, hash) // always hash, so timing does not tell whether the account exists
	if err != nil || !ok || !u.Active || u.PasswordHash == "" {
		if err := l.db.RecordFailure(ctx, since, acctKey, ipKey); err != nil {
			return nil, err
		}
		return nil, ErrInvalidCredentials
	}
	if err := l.db.ClearFailures(ctx, acctKey); err != nil {
		return nil, err
	}
	return u, nil
}
