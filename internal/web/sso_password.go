package web

import (
	"context"
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/auth"
	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/sso"
	"github.com/ailit/ailit/internal/store"
)

// errLocalLoginOff: the password form is switched off (AILIT_LOCAL_LOGIN=false without LDAP).
var errLocalLoginOff = errors.New("web: local login is switched off")

// passwordLogin checks the login form: against the directory when LDAP is on, then against local
// accounts when they are on (for people the directory does not know, such as an emergency admin,
// and while the directory is down).
func (a *App) passwordLogin(c *fiber.Ctx, name, password string) (*store.User, error) {
	ctx := c.UserContext()
	at := auth.Attempt{Name: name, Password: password, IP: c.IP(), Device: c.Cookies(auth.DeviceCookie)}
	if a.sso.directory != nil {
		u, err := a.ldapLogin(ctx, at)
		fallBack := errors.Is(err, sso.ErrNotInDirectory) || errors.Is(err, sso.ErrDirectoryDown)
		if !fallBack || !a.cfg.SSO.LocalLogin {
			return u, err
		}
		u, localErr := a.login.Authenticate(ctx, at)
		if localErr != nil && errors.Is(err, sso.ErrDirectoryDown) {
			return nil, err // say that the directory is down rather than "wrong password"
		}
		return u, localErr
	}
	if !a.cfg.SSO.LocalLogin {
		return nil, errLocalLoginOff
	}
	return a.login.Authenticate(ctx, at)
}

// ldapLogin checks the password at the directory, with the same throttling as local logins (a
// guessing attack must not lock the person's directory account). A person the directory no longer
// knows, or has disabled, cannot log in, and the account linked to them is deactivated; records stay.
func (a *App) ldapLogin(ctx context.Context, at auth.Attempt) (*store.User, error) {
	name := at.Name
	local, err := a.db.UserByEmail(ctx, name) // its device cookie exempts the owner's browser
	if err != nil && domain.ErrorCode(err) != domain.ENOTFOUND {
		return nil, err
	}
	gate, err := a.login.Gate(ctx, at, local)
	if err != nil {
		return nil, err
	}
	entry, err := a.sso.directory.Authenticate(ctx, name, at.Password)
	switch {
	case errors.Is(err, sso.ErrDirectoryDown):
		a.log.Error("sso: directory login impossible", "err", err.Error())
		return nil, err
	case errors.Is(err, sso.ErrNotInDirectory), errors.Is(err, sso.ErrDisabled):
		subject := ""
		if entry != nil {
			subject = entry.Subject
		}
		if id, derr := a.db.DeactivateExternal(ctx, sso.ProviderLDAP, subject, name); derr != nil {
			return nil, derr
		} else if id != 0 {
			a.log.Warn("sso: account deactivated: the directory no longer knows or has disabled the person", "user_id", id, "err", err.Error())
		}
		a.log.Info("sso: directory login refused", "err", err.Error())
		if errors.Is(err, sso.ErrNotInDirectory) && a.cfg.SSO.LocalLogin {
			return nil, err // the local accounts are asked next; they count the failure
		}
	case errors.Is(err, sso.ErrWrongPassword):
		a.log.Info("sso: directory login refused", "err", err.Error())
	case err != nil:
		return nil, err
	}
	if err != nil {
		if rerr := gate.Failed(ctx); rerr != nil {
			return nil, rerr
		}
		return nil, auth.ErrInvalidCredentials
	}
	if err := gate.Succeeded(ctx); err != nil {
		return nil, err
	}
	prof, err := a.sso.mapping.Profile(a.sso.mapping.LDAP, entry.Attrs)
	if err != nil {
		return nil, err
	}
	return a.sso.provision.Login(ctx, sso.ProviderLDAP, entry.Subject, name, prof)
}

// passwordLoginFailed explains a refused password login that is not about a wrong password.
func (a *App) passwordLoginFailed(c *fiber.Ctx, page loginPage, err error) error {
	switch {
	case errors.Is(err, sso.ErrDirectoryDown):
		page.Message = i18n.T(lang(c), "sso.directory_down")
		return a.render(c, fiber.StatusServiceUnavailable, "login", page, nil)
	case errors.Is(err, errLocalLoginOff):
		page.Message = i18n.T(lang(c), "sso.local_off")
		return a.render(c, fiber.StatusForbidden, "login", page, nil)
	}
	return a.ssoFailed(c, sso.ProviderLDAP, err)
}
