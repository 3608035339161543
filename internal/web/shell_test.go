package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/config"
	"github.com/ailit/ailit/internal/web/webtest"
)

func TestSecurityHeadersOnEveryPageType(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	env.CreateUser(t, "alex@stadt.example", pw, "admin")
	c := env.Client(t)
	c.Login("alex@stadt.example", pw)
	for _, path := range []string{"/login", "/", "/account", "/admin/users", "/barrierefreiheit", "/gibt-es-nicht", "/healthz"} {
		r := c.Get(path)
		csp := r.Header.Get("Content-Security-Policy")
		if csp == "" || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "script-src 'self'") {
			t.Errorf("%s: CSP %q", path, csp)
		}
		for header, want := range map[string]string{"Referrer-Policy": "same-origin", "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY"} {
			if got := r.Header.Get(header); got != want {
				t.Errorf("%s: %s = %q, want %q", path, header, got, want)
			}
		}
	}
}

func TestSessionCookieIsHttpOnlyLaxAndSecureBehindHTTPS(t *testing.T) {
	t.Parallel()
	for _, base := range []string{"http://localhost:8080", "https://lernen.stadt.example"} {
		env := webtest.New(t, webtest.Options{Configure: func(c *config.Config) { c.BaseURL = base }})
		r := env.Client(t).Get("/login")
		cookie := r.Header.Get("Set-Cookie")
		if !strings.Contains(cookie, "HttpOnly") || !strings.Contains(cookie, "SameSite=Lax") {
			t.Errorf("%s: cookie %q", base, cookie)
		}
		if secure := strings.Contains(cookie, "Secure"); secure != strings.HasPrefix(base, "https") {
			t.Errorf("%s: Secure flag = %v in %q", base, secure, cookie)
		}
		if hsts := r.Header.Get("Strict-Transport-Security"); (hsts != "") != strings.HasPrefix(base, "https") {
			t.Errorf("%s: HSTS = %q", base, hsts)
		}
	}
}

func TestUnknownPageShowsFriendlyNotFound(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	r := env.Client(t).Get("/gibt-es-nicht")
	if r.Status != http.StatusNotFound || !strings.Contains(r.Body, "Seite nicht gefunden") || !strings.Contains(r.Body, `href="/"`) {
		t.Fatalf("status %d\n%s", r.Status, r.Body)
	}
}

func TestHealthAndReadiness(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.Client(t)
	if r := c.Get("/healthz"); r.Status != http.StatusOK || r.Body != "ok" {
		t.Errorf("healthz: %d %q", r.Status, r.Body)
	}
	if r := c.Get("/readyz"); r.Status != http.StatusOK {
		t.Errorf("readyz with a working database: %d", r.Status)
	}
	env.Store.Close()
	if r := c.Get("/readyz"); r.Status != http.StatusServiceUnavailable {
		t.Errorf("readyz with a closed database: %d, want 503", r.Status)
	}
}

var stylesheet = regexp.MustCompile(`href="(/static/app\.[0-9a-f]{8}\.css)"`)

func TestStaticFilesAreFingerprintedAndCachedForAYear(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.Client(t)
	m := stylesheet.FindStringSubmatch(c.Get("/login").Body)
	if m == nil {
		t.Fatal("the page does not link a fingerprinted app.css")
	}
	r := c.Get(m[1])
	if r.Status != http.StatusOK || !strings.Contains(r.Header.Get("Cache-Control"), "immutable") || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/css") {
		t.Fatalf("%s: %d %v", m[1], r.Status, r.Header)
	}
	if r := c.Get("/static/../go.mod"); r.Status != http.StatusNotFound {
		t.Fatalf("path traversal on static: %d", r.Status)
	}
}

func TestLanguageSwitchChangesTheInterface(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.Client(t)
	if r := c.Get("/login"); !strings.Contains(r.Body, `<html lang="de">`) || !strings.Contains(r.Body, "Anmelden") {
		t.Fatal("German is not the default")
	}
	r := c.Post("/language", map[string][]string{"lang": {"en"}, "next": {"/login"}})
	if r.Status != http.StatusSeeOther || r.Location() != "/login" {
		t.Fatalf("switch: %d %s", r.Status, r.Location())
	}
	if r := c.Get("/login"); !strings.Contains(r.Body, `<html lang="en">`) || !strings.Contains(r.Body, "Log in") {
		t.Fatal("the page is not in English after switching")
	}
	// An open redirect through "next" is not possible.
	if r := c.Post("/language", map[string][]string{"lang": {"de"}, "next": {"//evil.example/"}}); r.Location() != "/" {
		t.Fatalf("next=//evil.example redirected to %q", r.Location())
	}
}

func TestOperatorReplacesLegalPageText(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.Client(t)
	if r := c.Get("/impressum"); r.Status != http.StatusOK || !strings.Contains(r.Body, "Hinweis für den Betrieb") {
		t.Fatalf("default imprint: %d", r.Status)
	}
	writeFile(t, env.Config.DataDir+"/pages/impressum.de.md", "# Impressum\n\nStadt Jena, Am Anger 15, 07743 Jena\n")
	if r := c.Get("/impressum"); !strings.Contains(r.Body, "Am Anger 15") || strings.Contains(r.Body, "Hinweis für den Betrieb") {
		t.Fatal("the operator's imprint did not replace the default")
	}
}
