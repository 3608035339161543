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

// Login checks credentials, slowing down guessing instead of locking people out; the counters
// live in the database so that several instances share them (docs/operations.md, "Anmeldung").
//
//   - per account and address (or known device): 3 free failures, then each attempt waits 2, 4,
//     8, ... seconds, and after 10 failures the rest of the window;
//   - per address, whatever the account: 10 free failures, then the same doubling, and after 20
//     failures the rest of the window;
//   - per account from all addresses: a ceiling of 30 failures per window, which a browser in
//     which the account logged in before (device cookie) is exempt from.
//
// So wrong passwords sent from one address slow that address down and never refuse the owner's
// right password from another address or from the owner's own device.
type Login struct {
	db             *store.Store
	Devices        *Devices
	Window         time.Duration
	PerSource      Limit
	PerIP          Limit
	AccountCeiling int
}

// NewLogin returns a login service with the default limits within a 15-minute window; deviceKey
// signs device cookies (the session key).
func NewLogin(db *store.Store, sessionKey []byte) *Login {
	dummyHash() // made now, so the first unknown name takes no longer than the others
	return &Login{db: db, Devices: NewDevices(sessionKey), Window: 15 * time.Minute,
		PerSource: Limit{Free: 3, Ceiling: 10}, PerIP: Limit{Free: 10, Ceiling: 20}, AccountCeiling: 30}
}

// Attempt is one login try: the name typed, the client address and the device cookie sent.
type Attempt struct {
	Name, Password, IP, Device string
}

// Authenticate returns the active user with this email and password.
func (l *Login) Authenticate(ctx context.Context, at Attempt) (*store.User, error) {
	u, err := l.db.UserByEmail(ctx, at.Name)
	if err != nil && domain.ErrorCode(err) != domain.ENOTFOUND {
		return nil, err
	}
	g, gerr := l.Gate(ctx, at, u)
	if gerr != nil {
		return nil, gerr
	}
	hash := dummyHash()
	if err == nil {
		hash = u.PasswordHash
	}
	ok, _ := CheckPassword(at.Password, hash) // always hash, so timing does not tell whether the account exists
	if err != nil || !ok || !u.Active || u.PasswordHash == "" {
		if err := g.Failed(ctx); err != nil {
			return nil, err
		}
		return nil, ErrInvalidCredentials
	}
	if err := g.Succeeded(ctx); err != nil {
		return nil, err
	}
	return u, nil
}

// Gate checks the throttle for an attempt before any password is checked; u is the local account
// of that name, if there is one (its device cookie counts only for it). The returned gate counts
// the attempt's outcome.
func (l *Login) Gate(ctx context.Context, at Attempt, u *store.User) (*Gate, error) {
	device := ""
	if u != nil && u.ID != 0 {
		device = l.Devices.DeviceID(at.Device, u.ID)
	}
	return l.check(ctx, at.Name, at.IP, device)
}
