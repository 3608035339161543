package browsertest

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/config"
	"github.com/ailit/ailit/internal/sso/ssotest"
	"github.com/ailit/ailit/internal/store"
)

// ssoMapping gives the trainer role to members of the provider's trainer group.
const ssoMapping = `roles:
  "/ailit/trainer": [trainer]
`

// startSSO starts an OpenID Connect provider on loopback and the app configured for it.
func startSSO(t *testing.T, localLogin bool) (*Server, *ssotest.Provider) {
	t.Helper()
	p := ssotest.StartProvider(t, "ailit", "s3cret")
	mapping := filepath.Join(t.TempDir(), "sso.yaml")
	if err := os.WriteFile(mapping, []byte(ssoMapping), 0o600); err != nil {
		t.Fatal(err)
	}
	srv := Start(t, Options{Configure: func(c *config.Config) {
		c.SSO.LocalLogin = localLogin
		c.SSO.MappingFile = mapping
		c.SSO.OIDC = config.OIDC{Issuer: p.URL, ClientID: "ailit", ClientSecret: "s3cret", Scopes: []string{"openid", "profile", "email"}}
	}})
	return srv, p
}

func TestSSOLoginCreatesTheAccountAndLogoutEndsTheProviderSession(t *testing.T) {
	srv, p := startSSO(t, true)
	p.SetClaims(map[string]any{"sub": "kc-anna", "email": "anna.schmidt@stadt.example", "name": "Anna Schmidt",
		"groups": []string{"/ailit/trainer"}})
	tab := srv.NewTab(t)

	Open(t, tab, "/login")
	AssertHeading(t, tab, "Anmelden")
	AssertText(t, tab, "button", "Mit Dienstkonto anmelden")
	AssertText(t, tab, "h2", "Oder mit einem Konto der Lernplattform")
	AssertVisible(t, tab, "#f-password")
	AssertAccessible(t, tab, "login page with service account (German)")
	Screenshot(t, tab, "sso-login-de")

	ClickButton(t, tab, "English")
	AssertText(t, tab, "button", "Log in with your work account")
	AssertAccessible(t, tab, "login page with service account (English)")
	Screenshot(t, tab, "sso-login-en")
	ClickButton(t, tab, "Deutsch")

	if status := ClickButton(t, tab, "Mit Dienstkonto anmelden"); status != 200 {
		t.Fatalf("back from the identity provider: status %d on %s", status, Path(t, tab))
	}
	if got := Path(t, tab); got != "/" {
		t.Fatalf("after the login at the identity provider the browser is on %s, want /", got)
	}
	AssertHeading(t, tab, "Willkommen, Anna Schmidt")
	AssertVisible(t, tab, siteNav)
	AssertAccessible(t, tab, "dashboard after service account login")
	Screenshot(t, tab, "sso-dashboard")

	ctx := context.Background()
	u, err := srv.Store.UserByEmail(ctx, "anna.schmidt@stadt.example")
	if err != nil {
		t.Fatalf("no account after the service account login: %v", err)
	}
	if want := []string{store.RoleLearner, store.RoleTrainer}; !slices.Equal(u.RoleNames(), want) || u.DisplayName != "Anna Schmidt" {
		t.Errorf("account: name %q roles %v, want Anna Schmidt with %v", u.DisplayName, u.RoleNames(), want)
	}
	ids, err := srv.Store.IdentitiesOf(ctx, u.ID)
	if err != nil || len(ids) != 1 || ids[0].Provider != "oidc" || ids[0].Subject != "kc-anna" {
		t.Fatalf("identity links: %+v (err %v), want one oidc link to kc-anna", ids, err)
	}

	Open(t, tab, "/account/data")
	AssertHeading(t, tab, "Meine Daten")
	AssertText(t, tab, "table caption", "Verknüpfte Dienstkonten")
	AssertText(t, tab, "table td", "OpenID Connect")
	AssertText(t, tab, "table td", "kc-anna")
	AssertAccessible(t, tab, "my data with a linked service account")
	Screenshot(t, tab, "sso-mydata")

	Logout(t, tab) // fails unless the browser ends on /login
	if len(p.Logouts) != 1 {
		t.Fatalf("the identity provider saw %d logout requests, want 1", len(p.Logouts))
	}
	if q := p.Logouts[0]; q.Get("id_token_hint") == "" || q.Get("post_logout_redirect_uri") != srv.URL+"/login" {
		t.Errorf("logout at the provider: %v, want an id_token_hint and the way back to %s/login", q, srv.URL)
	}
	AssertHeading(t, tab, "Anmelden")
	AssertAccessible(t, tab, "login page after logout")
	Open(t, tab, "/")
	if got := Path(t, tab); !strings.HasPrefix(got, "/login?") {
		t.Errorf("after logout the start page is %s, want the login page", got)
	}
}

func TestSSOWithoutLocalLoginTheLoginPageOffersOnlyTheServiceAccount(t *testing.T) {
	srv, _ := startSSO(t, false)
	tab := srv.NewTab(t)

	Open(t, tab, "/login")
	AssertHeading(t, tab, "Anmelden")
	AssertText(t, tab, "button", "Mit Dienstkonto anmelden")
	AssertNotVisible(t, tab, "input[type=password], #f-email, form[action='/login']")
	AssertNotVisible(t, tab, "h2")
	for _, text := range Texts(t, tab, "main p") {
		if strings.Contains(text, "Passwort") {
			t.Errorf("the login page without passwords speaks of a password: %q", text)
		}
	}
	AssertAccessible(t, tab, "login page with only the service account (German)")
	Screenshot(t, tab, "sso-only-login-de")

	ClickButton(t, tab, "English")
	AssertText(t, tab, "button", "Log in with your work account")
	AssertNotVisible(t, tab, "input[type=password]")
	AssertAccessible(t, tab, "login page with only the service account (English)")
}
