package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/sso"
	"github.com/ailit/ailit/internal/store"
)

// Session keys of single sign-on: the OIDC login in progress (one-time) and the ID token of the
// login, kept for logout at the provider.
const (
	keyOIDCFlow    = "oidc_flow"
	keyOIDCIDToken = "oidc_id_token"
)

// ssoServices are the configured identity providers; each is nil when switched off.
type ssoServices struct {
	oidc      *sso.OIDC
	directory *sso.Directory
	mapping   *sso.Mapping
	provision *sso.Provisioner
}

// newSSO reads the mapping file (a mistake stops the start with line and column) and prepares the
// providers. OIDC discovery is tried once; a provider that is down does not block the start.
func newSSO(d Deps) (*ssoServices, error) {
	cfg := d.Config.SSO
	m, err := sso.LoadMapping(cfg.MappingFile)
	if err != nil {
		return nil, err
	}
	s := &ssoServices{mapping: m, provision: &sso.Provisioner{DB: d.Store, Mapping: m, Log: d.Log}}
	if cfg.OIDC.Enabled() {
		s.oidc = sso.NewOIDC(cfg.OIDC, d.Config.BaseURL, d.Log)
		if err := s.oidc.Discover(context.Background()); err != nil {
			d.Log.Warn("sso: starting without the OIDC provider; it is asked again on the next login", "err", err)
		}
	}
	if cfg.LDAP.Enabled() {
		if s.directory, err = sso.NewDirectory(cfg.LDAP, m.LDAP); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// ssoFormTargets are the origins the login and logout forms may redirect to: the OIDC issuer's,
// where providers such as Keycloak serve their login and end-session pages.
func (a *App) ssoFormTargets() []string {
	if a.sso.oidc == nil {
		return nil
	}
	u, err := url.Parse(a.cfg.SSO.OIDC.Issuer) // checked by the configuration
	if err != nil {
		return nil
	}
	return []string{u.Scheme + "://" + u.Host}
}

// ssoOptions are what the login page offers.
type ssoOptions struct {
	OIDC         bool // show "Mit Dienstkonto anmelden"
	Unavailable  bool // the provider cannot be reached right now
	PasswordForm bool // local accounts or the directory
	Directory    bool // passwords are checked against LDAP: the name field takes a user name too
}

func (a *App) ssoOptions() ssoOptions {
	o := ssoOptions{PasswordForm: a.cfg.SSO.LocalLogin || a.sso.directory != nil, Directory: a.sso.directory != nil}
	if a.sso.oidc != nil {
		o.OIDC = true
		o.Unavailable = !a.sso.oidc.Available()
	}
	return o
}

// ssoFailed shows the login page with a message that tells the person what happened, and logs the
// precise reason for IT. Errors that are not about the login (the database) go to the error page.
func (a *App) ssoFailed(c *fiber.Ctx, provider string, err error) error {
	status, key := http.StatusUnauthorized, "sso.failed"
	switch {
	case errors.Is(err, sso.ErrUnavailable):
		status, key = http.StatusServiceUnavailable, "sso.unavailable"
	case errors.Is(err, sso.ErrDenied):
		key = "sso.denied"
	case errors.Is(err, sso.ErrBadResponse):
	case errors.Is(err, sso.ErrNoEmail):
		key = "sso.no_email"
	case errors.Is(err, sso.ErrNoUnit), errors.Is(err, sso.ErrUnknownUnit):
		key = "sso.no_unit"
	case errors.Is(err, store.ErrAccountInactive):
		status, key = http.StatusForbidden, "sso.inactive"
	case errors.Is(err, store.ErrExternalEmailUsed), errors.Is(err, store.ErrIdentityConflict):
		status, key = http.StatusConflict, "sso.conflict"
	default:
		return err
	}
	a.log.Warn("sso: login refused", "provider", provider, "err", err.Error(), "ip", c.IP())
	page := loginPage{Next: "/", SSO: a.ssoOptions(), Message: i18n.T(lang(c), key)}
	return a.render(c, status, "login", page, nil)
}
