package web

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/auth"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/web/form"
)

// loginSubmit checks the credentials, renews the session and redirects to where the user wanted to go.
func (a *App) loginSubmit(c *fiber.Ctx) error {
	f := form.NewLogin(formValues(c))
	l := lang(c)
	page := loginPage{Email: f.Email, Next: safeNext(f.Next), SSO: a.ssoOptions()}
	if errs := f.Validate(); len(errs) > 0 {
		return a.render(c, fiber.StatusUnprocessableEntity, "login", page, errs.Translate(tr(l)))
	}
	u, err := a.passwordLogin(c, f.Email, f.Password)
	switch {
	case errors.Is(err, auth.ErrThrottled):
		return a.loginThrottled(c, page, err)
	case errors.Is(err, auth.ErrInvalidCredentials):
		// The same words for an unknown address, a wrong password and a deactivated account.
		page.Message, page.Hint = i18n.T(l, "login.failed"), a.loginHelp(l)
		return a.render(c, fiber.StatusUnauthorized, "login", page, nil)
	case err != nil:
		return a.passwordLoginFailed(c, page, err)
	}
	ws := webSession(c)
	if err := ws.login(c.UserContext(), u); err != nil {
		return err
	}
	a.rememberDevice(c, u.ID)
	a.log.Info("login", "user_id", u.ID)
	return c.Redirect(page.Next, fiber.StatusSeeOther)
}

// loginHelp says whom to turn to when a login fails: the contact from AILIT_LOGIN_HELP, else the
// platform's administration. It never depends on the account, so it reveals nothing about it.
func (a *App) loginHelp(l string) string {
	contact := a.cfg.LoginHelp
	if contact == "" {
		contact = i18n.T(l, "loginhelp.default")
	}
	return i18n.T(l, "loginhelp.hint", contact)
}

// tr binds a language to the translate function.
func tr(lang string) func(string, ...any) string {
	return func(key string, args ...any) string { return i18n.T(lang, key, args...) }
}
