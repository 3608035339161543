package web_test

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/config"
	"github.com/ailit/ailit/internal/sso/ssotest"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web"
	"github.com/ailit/ailit/internal/web/webtest"
)

const ssoMapping = `roles:
  "/ailit/trainer": [trainer]
  "/ailit/admins": [admin]
org_unit:
  match: path
  required: true
`

func writeMapping(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "sso.yaml")
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// oidcEnv starts an identity provider and the app configured for it, with two units.
func oidcEnv(t *testing.T, configure ...func(*config.Config)) (*webtest.Env, *ssotest.Provider, map[string]int64) {
	t.Helper()
	p := ssotest.StartProvider(t, "ailit", "s3cret")
	mapping := writeMapping(t, ssoMapping)
	env := webtest.New(t, webtest.Options{Configure: func(c *config.Config) {
		c.SSO.OIDC = config.OIDC{Issuer: p.URL, ClientID: "ailit", ClientSecret: "s3cret", Scopes: []string{"openid", "profile", "email"}}
		c.SSO.MappingFile = mapping
		for _, f := range configure {
			f(c)
		}
	}})
	ctx := context.Background()
	root, err := env.Store.CreateOrgUnit(ctx, nil, "Stadtverwaltung")
	if err != nil {
		t.Fatal(err)
	}
	units := map[string]int64{}
	for _, name := range []string{"Bauamt", "Ordnungsamt"} {
		u, err := env.Store.CreateOrgUnit(ctx, &root.ID, name)
		if err != nil {
			t.Fatal(err)
		}
		units[name] = u.ID
	}
	return env, p, units
}

func annaClaims() map[string]any {
	return map[string]any{"sub": "kc-anna", "email": "anna.schmidt@stadt.example", "name": "Anna Schmidt",
		"personnel_number": "004711", "groups": []string{"/ailit/trainer"}, "org_unit": "Stadtverwaltung/Bauamt"}
}

// startOIDC opens the login page and presses "Mit Dienstkonto anmelden"; it returns the provider URL.
func startOIDC(t *testing.T, c *webtest.Client) string {
	t.Helper()
	if r := c.Get("/login"); !strings.Contains(r.Body, "Mit Dienstkonto anmelden") {
		t.Fatalf("login page without SSO button:\n%s", r.Body)
	}
	r := c.Post("/auth/oidc/login", url.Values{"next": {"/courses"}})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("start: %d\n%s", r.Status, r.Body)
	}
	return r.Location()
}

// oidcLogin runs the whole redirect flow and returns the app's answer to the callback.
func oidcLogin(t *testing.T, c *webtest.Client, p *ssotest.Provider) (*webtest.Response, string) {
	t.Helper()
	back := p.Follow(t, startOIDC(t, c))
	return c.Get(back.RequestURI()), back.RequestURI()
}

func countAccounts(t *testing.T, env *webtest.Env) (users, identities int64) {
	t.Helper()
	if err := env.Store.TestReader().Model(&store.User{}).Count(&users).Error; err != nil {
		t.Fatal(err)
	}
	if err := env.Store.TestReader().Model(&store.UserIdentity{}).Count(&identities).Error; err != nil {
		t.Fatal(err)
	}
	return users, identities
}

func TestOIDCLoginCreatesTheAccountAndFollowsClaimChangesAtTheNextLogin(t *testing.T) {
	t.Parallel()
	env, p, units := oidcEnv(t)
	p.SetClaims(annaClaims())
	c := env.Client(t)
	r, _ := oidcLogin(t, c, p)
	if r.Status != http.StatusSeeOther || r.Location() != "/courses" {
		t.Fatalf("callback: %d %s\n%s", r.Status, r.Location(), r.Body)
	}
	if home := c.Get("/"); home.Status != http.StatusOK || !strings.Contains(home.Body, "Anna Schmidt") {
		t.Fatalf("start page after SSO login: %d\n%s", home.Status, home.Body)
	}
	if data := c.Get("/account/data"); !strings.Contains(data.Body, "kein Passwort gespeichert") {
		t.Fatal("My data of an SSO-only account must not claim a stored password")
	}
	u, err := env.Store.UserByEmail(context.Background(), "anna.schmidt@stadt.example")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(u.RoleNames(), []string{store.RoleLearner, store.RoleTrainer}) || *u.OrgUnitID != units["Bauamt"] || *u.PersonnelNumber != "004711" {
		t.Fatalf("after first login: roles %v unit %v", u.RoleNames(), *u.OrgUnitID)
	}

	// Anna moves to the Ordnungsamt and leaves the trainer group; she becomes an admin.
	claims := annaClaims()
	claims["groups"], claims["org_unit"] = []string{"/ailit/admins"}, "Stadtverwaltung/Ordnungsamt"
	p.SetClaims(claims)
	if r, _ := oidcLogin(t, env.Client(t), p); r.Status != http.StatusSeeOther {
		t.Fatalf("second login: %d\n%s", r.Status, r.Body)
	}
	again, _ := env.Store.UserByID(context.Background(), u.ID)
	if !slices.Equal(again.RoleNames(), []string{store.RoleLearner, store.RoleAdmin}) || *again.OrgUnitID != units["Ordnungsamt"] {
		t.Fatalf("after second login: roles %v unit %v", again.RoleNames(), *again.OrgUnitID)
	}
	if users, ids := countAccounts(t, env); users != 1 || ids != 1 {
		t.Fatalf("%d users, %d identities; want one of each", users, ids)
	}
}

func TestOIDCLoginLinksTheAccountFromTheHRImport(t *testing.T) {
	t.Parallel()
	env, p, _ := oidcEnv(t)
	number := "004711"
	hr := &store.User{Email: "a.schmidt@stadt.example", DisplayName: "Schmidt, Anna", Active: true, PersonnelNumber: &number}
	if err := env.Store.CreateUser(context.Background(), hr, []string{store.RoleLearner}); err != nil {
		t.Fatal(err)
	}
	p.SetClaims(annaClaims())
	if r, _ := oidcLogin(t, env.Client(t), p); r.Status != http.StatusSeeOther {
		t.Fatalf("login: %d\n%s", r.Status, r.Body)
	}
	if users, ids := countAccounts(t, env); users != 1 || ids != 1 {
		t.Fatalf("%d users, %d identities; the HR account must be linked, not duplicated", users, ids)
	}
	if ids, _ := env.Store.IdentitiesOf(context.Background(), hr.ID); len(ids) != 1 || ids[0].Subject != "kc-anna" {
		t.Fatalf("identities of the HR account: %+v", ids)
	}
}

func TestOIDCBadAnswersFailWithAMessageAndCreateNothing(t *testing.T) {
	t.Parallel()
	without := func(key string) func(p *ssotest.Provider) {
		return func(p *ssotest.Provider) { c := annaClaims(); delete(c, key); p.SetClaims(c) }
	}
	mutate := func(key string, value any) func(p *ssotest.Provider) {
		return func(p *ssotest.Provider) { p.Mutate = func(c map[string]any) { c[key] = value } }
	}
	cases := []struct {
		name   string
		setup  func(p *ssotest.Provider)
		status int
		want   string
	}{
		{"wrong issuer", mutate("iss", "https://login.boese.example"), 401, "Die Anmeldung mit Dienstkonto ist nicht gelungen."},
		{"wrong audience", mutate("aud", "anderer-client"), 401, "Die Anmeldung mit Dienstkonto ist nicht gelungen."},
		{"expired token", mutate("exp", time.Now().Add(-time.Hour).Unix()), 401, "Die Anmeldung mit Dienstkonto ist nicht gelungen."},
		{"mismatched nonce", mutate("nonce", "fremd"), 401, "Die Anmeldung mit Dienstkonto ist nicht gelungen."},
		{"tampered token", func(p *ssotest.Provider) {
			p.Tamper = func(tok string) string {
				parts := strings.Split(tok, ".")
				parts[1] = strings.TrimRight(parts[1], "=") + "A"
				return strings.Join(parts, ".")
			}
		}, 401, "Die Anmeldung mit Dienstkonto ist nicht gelungen."},
		{"no email", without("email"), 401, "keine E-Mail-Adresse"},
		{"no unit", without("org_unit"), 401, "keiner Organisationseinheit zugeordnet"},
		{"unknown unit", func(p *ssotest.Provider) {
			c := annaClaims()
			c["org_unit"] = "Stadtverwaltung/Gibtsnicht"
			p.SetClaims(c)
		}, 401, "keiner Organisationseinheit zugeordnet"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env, p, _ := oidcEnv(t)
			p.SetClaims(annaClaims())
			tc.setup(p)
			c := env.Client(t)
			r, _ := oidcLogin(t, c, p)
			if r.Status != tc.status || !strings.Contains(r.Body, tc.want) {
				t.Fatalf("status %d, want %d with %q\n%s", r.Status, tc.status, tc.want, r.Body)
			}
			if users, ids := countAccounts(t, env); users != 0 || ids != 0 {
				t.Fatalf("%d users, %d identities after a failed login", users, ids)
			}
			if home := c.Get("/"); home.Status != http.StatusSeeOther {
				t.Fatalf("not logged in after a failed login: %d", home.Status)
			}
		})
	}
}

func TestOIDCCallbackCannotBeReplayedOrForged(t *testing.T) {
	t.Parallel()
	env, p, _ := oidcEnv(t)
	p.SetClaims(annaClaims())
	c := env.Client(t)
	if r, callback := oidcLogin(t, c, p); r.Status != http.StatusSeeOther {
		t.Fatalf("login: %d", r.Status)
	} else {
		// The same answer again, in the same session and in a fresh one: the state was used up.
		for _, replay := range []*webtest.Client{c, env.Client(t)} {
			if r := replay.Get(callback); r.Status != http.StatusUnauthorized || !strings.Contains(r.Body, "nicht gelungen") {
				t.Fatalf("replayed callback: %d\n%s", r.Status, r.Body)
			}
		}
	}
	// A state that belongs to another session's login.
	victim, attacker := env.Client(t), env.Client(t)
	startOIDC(t, attacker)
	back := p.Follow(t, startOIDC(t, victim))
	if r := attacker.Get(back.RequestURI()); r.Status != http.StatusUnauthorized {
		t.Fatalf("state of another session: %d", r.Status)
	}
	// The provider says no (the person cancelled): the state matches, the error is explained.
	c2 := env.Client(t)
	auth, _ := url.Parse(startOIDC(t, c2))
	r := c2.Get("/auth/oidc/callback?error=access_denied&state=" + url.QueryEscape(auth.Query().Get("state")))
	if r.Status != http.StatusUnauthorized || !strings.Contains(r.Body, "abgebrochen oder abgelehnt") {
		t.Fatalf("denied: %d\n%s", r.Status, r.Body)
	}
	if users, ids := countAccounts(t, env); users != 1 || ids != 1 {
		t.Fatalf("%d users, %d identities", users, ids)
	}
}

func TestOIDCLogoutEndsTheProviderSessionToo(t *testing.T) {
	t.Parallel()
	env, p, _ := oidcEnv(t)
	p.SetClaims(annaClaims())
	c := env.Client(t)
	oidcLogin(t, c, p)
	c.Get("/account")
	r := c.Post("/logout", nil)
	end, err := url.Parse(r.Location())
	if err != nil || r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location(), p.URL+"/logout?") {
		t.Fatalf("logout: %d %s", r.Status, r.Location())
	}
	if end.Query().Get("id_token_hint") == "" || end.Query().Get("post_logout_redirect_uri") != env.Config.BaseURL+"/login" {
		t.Fatalf("end-session request: %s", end.RawQuery)
	}
	if home := c.Get("/"); home.Status != http.StatusSeeOther {
		t.Fatalf("still logged in after logout: %d", home.Status)
	}
}

func TestLoginPageSaysSSOIsUnavailableWhileTheProviderIsDown(t *testing.T) {
	t.Parallel()
	env := webtest.New(t, webtest.Options{Configure: func(c *config.Config) {
		c.SSO.OIDC = config.OIDC{Issuer: "http://127.0.0.1:1", ClientID: "ailit", Scopes: []string{"openid"}}
	}})
	c := env.Client(t)
	r := c.Get("/login")
	if r.Status != http.StatusOK || !strings.Contains(r.Body, "vorübergehend nicht möglich") || !strings.Contains(r.Body, `id="f-password"`) {
		t.Fatalf("login page with the provider down: %d\n%s", r.Status, r.Body)
	}
	if r := c.Post("/auth/oidc/login", nil); r.Status != http.StatusServiceUnavailable {
		t.Fatalf("starting a login with the provider down: %d", r.Status)
	}
}

func TestWithoutLocalLoginTheLoginPageOffersOnlySSO(t *testing.T) {
	t.Parallel()
	env, _, _ := oidcEnv(t, func(c *config.Config) { c.SSO.LocalLogin = false })
	env.CreateUser(t, "lokal@stadt.example", pw, "admin")
	c := env.Client(t)
	r := c.Get("/login")
	if !strings.Contains(r.Body, "Mit Dienstkonto anmelden") || strings.Contains(r.Body, `id="f-password"`) {
		t.Fatalf("login page without local login:\n%s", r.Body)
	}
	if r := c.Post("/login", url.Values{"email": {"lokal@stadt.example"}, "password": {pw}}); r.Status != http.StatusForbidden {
		t.Fatalf("local login while switched off: %d", r.Status)
	}
}

func TestAMistakeInTheMappingFileStopsTheStartWithLineAndColumn(t *testing.T) {
	t.Parallel()
	path := writeMapping(t, "roles:\n  admins: [admin]\norg_unit:\n  matsch: path\n")
	cfg := config.Defaults()
	cfg.DataDir, cfg.SessionKey, cfg.SSO.MappingFile = t.TempDir(), make([]byte, 64), path
	env := webtest.New(t)
	_, err := web.New(web.Deps{Config: cfg, Store: env.Store, Library: env.Library, Version: "test"})
	if err == nil || !strings.Contains(err.Error(), "[4:3]") || !strings.Contains(err.Error(), "matsch") {
		t.Fatalf("error = %v", err)
	}
}
