package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/api"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/webtest"
)

var shownToken = regexp.MustCompile(`id="token-secret">(ailit_[a-z2-7]+)<`)

// TestAdminCreatesATokenSeesItOnceAndRevokesIt walks the admin page: a bad form comes back with
// messages next to the fields; a good one shows the token once; the token works on the API until
// it is revoked; both are in the evidence log, which never holds the token.
func TestAdminCreatesATokenSeesItOnceAndRevokesIt(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	env.CreateUser(t, "admin@stadt.example", pw, store.RoleAdmin)
	c := env.Client(t)
	c.Login("admin@stadt.example", pw)
	if r := c.Get("/admin/api-tokens"); r.Status != http.StatusOK || !strings.Contains(r.Body, "Es gibt noch keinen Zugangsschlüssel") {
		t.Fatalf("empty page: %d", r.Status)
	}
	r := c.Post("/admin/api-tokens", url.Values{"name": {""}, "allow_ips": {"10.0.0.300"}, "expires": {"01.01.2020"}})
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Bitte geben Sie eine Bezeichnung") ||
		!strings.Contains(r.Body, "mindestens eine Berechtigung") || !strings.Contains(r.Body, "10.20.0.0/16 ein, eine je Zeile") ||
		!strings.Contains(r.Body, "in der Zukunft") || !strings.Contains(r.Body, ">10.0.0.300</textarea>") {
		t.Fatalf("bad form: %d\n%s", r.Status, r.Body)
	}
	r = c.Post("/admin/api-tokens", url.Values{"name": {"Personalverwaltung"}, "scopes": {"people:write", "completions:read"},
		"allow_ips": {"0.0.0.0\n192.0.2.0/24"}, "expires": {"2099-12-31"}, "rate": {"30"}})
	m := shownToken.FindStringSubmatch(r.Body)
	if r.Status != http.StatusOK || m == nil || r.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("created: %d %q\n%s", r.Status, r.Header.Get("Cache-Control"), r.Body)
	}
	secret := m[1]
	if !strings.Contains(r.Body, "Personen übernehmen, Abschlüsse lesen") || !strings.Contains(r.Body, "192.0.2.0/24") {
		t.Errorf("the list does not show the new token's scopes and addresses")
	}
	page := c.Get("/admin/api-tokens")
	if strings.Contains(page.Body, secret) || !strings.Contains(page.Body, secret[:12]+"…") {
		t.Fatalf("the token is shown again, or its beginning is not")
	}
	if st := apiStatus(t, env, secret); st != http.StatusOK {
		t.Fatalf("the new token on the API: %d", st)
	}
	tok, err := env.Store.APITokenByHash(context.Background(), api.HashSecret(secret))
	if err != nil || tok.RatePerMinute != 30 || tok.ExpiresAt == nil || tok.ExpiresAt.Format("2006-01-02T15") != "2099-12-31T23" {
		t.Fatalf("stored token: %+v %v", tok, err)
	}
	c.Get("/admin/api-tokens")
	if r := c.Post("/admin/api-tokens/"+strconv.FormatInt(tok.ID, 10)+"/revoke", nil); r.Status != http.StatusSeeOther {
		t.Fatalf("revoke: %d", r.Status)
	}
	if page := c.Get("/admin/api-tokens"); !strings.Contains(page.Body, "widerrufen und funktioniert ab sofort nicht mehr") {
		t.Errorf("no confirmation after revoking")
	}
	if st := apiStatus(t, env, secret); st != http.StatusUnauthorized {
		t.Fatalf("the revoked token on the API: %d", st)
	}
	var events []store.EvidenceEvent
	env.Store.TestReader().Where("type LIKE ?", "api.token.%").Order("seq").Find(&events)
	if len(events) != 2 || events[0].Type != store.EventAPITokenCreated || events[1].Type != store.EventAPITokenRevoked ||
		!strings.Contains(events[0].Payload, `"name":"Personalverwaltung"`) || strings.Contains(events[0].Payload, secret[6:]) {
		t.Fatalf("evidence: %+v", events)
	}
}

func apiStatus(t *testing.T, env *webtest.Env, token string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, "/api/v1/completions", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := env.App.Fiber().Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestTheAPIIgnoresLoginSessions: a logged-in admin's browser gets 401 on the API, with no
// cookie set or renewed there; the session middleware does not run under /api/v1.
func TestTheAPIIgnoresLoginSessions(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	env.CreateUser(t, "admin@stadt.example", pw, store.RoleAdmin)
	c := env.Client(t)
	c.Login("admin@stadt.example", pw)
	r := c.Get("/api/v1/completions")
	if r.Status != http.StatusUnauthorized || r.Header.Get("Content-Type") != "application/problem+json" || r.Header.Get("Set-Cookie") != "" {
		t.Fatalf("with a session cookie: %d %q %q\n%s", r.Status, r.Header.Get("Content-Type"), r.Header.Get("Set-Cookie"), r.Body)
	}
	if r := c.Post("/api/v1/org-units", nil); r.Status != http.StatusUnauthorized {
		t.Fatalf("a form post with session and CSRF token: %d", r.Status)
	}
	if r := c.Get("/admin/api-tokens"); r.Status != http.StatusOK {
		t.Fatalf("the session still works on the pages: %d", r.Status)
	}
}
