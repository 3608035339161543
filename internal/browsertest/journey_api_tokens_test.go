package browsertest

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ailit/ailit/internal/store"
)

// Issue 16: an admin creates a service token for the HR system on the admin page (a wrong form
// first), sees it once, the HR system's call with it works, and after the admin revokes it the
// same call is refused. Axe on every page.
func TestAdminCreatesAnAPITokenForTheHRSystemAndRevokesIt(t *testing.T) {
	srv := Start(t, Options{})
	srv.CreateUser(t, "alex.admin@example.org", "admin-password-1", store.RoleAdmin)
	tab := srv.NewTab(t)
	Login(t, tab, "alex.admin@example.org", "admin-password-1")
	ClickLink(t, tab, "Einstellungen")
	ClickLink(t, tab, "Zugänge für andere Systeme (REST-API)")
	AssertHeading(t, tab, "Zugänge für andere Systeme (REST-API)")
	AssertText(t, tab, "table", "Es gibt noch keinen Zugangsschlüssel.")
	AssertAccessible(t, tab, "api tokens, none yet")

	fillTextarea(t, tab, "Erlaubte Adressen", "10.20.0.300")
	ClickButton(t, tab, "Schlüssel anlegen")
	AssertText(t, tab, "#error-summary", "Bitte wählen Sie mindestens eine Berechtigung.")
	AssertText(t, tab, "#f-allow_ips-error", "Bereiche wie 10.20.0.0/16")
	AssertAccessible(t, tab, "api token form with errors")

	Fill(t, tab, "Bezeichnung", "Personalverwaltung – nächtlicher Abgleich")
	Check(t, tab, "Personen übernehmen")
	Check(t, tab, "Abschlüsse lesen")
	fillTextarea(t, tab, "Erlaubte Adressen", "127.0.0.1")
	ClickButton(t, tab, "Schlüssel anlegen")
	AssertText(t, tab, "#new-token", "Zugangsschlüssel „Personalverwaltung – nächtlicher Abgleich“ angelegt")
	AssertText(t, tab, "#new-token", "nur dieses eine Mal angezeigt")
	AssertText(t, tab, "table", "Personen übernehmen, Abschlüsse lesen")
	AssertAccessible(t, tab, "api token created")
	Screenshot(t, tab, "api-token-created")
	token := strings.TrimSpace(Texts(t, tab, "#token-secret")[0])
	if !strings.HasPrefix(token, "ailit_") {
		t.Fatalf("shown token %q", token)
	}
	if st := apiCall(t, srv.URL, token); st != http.StatusOK {
		t.Fatalf("the HR system's call with the new token: %d", st)
	}

	ClickButton(t, tab, "Widerrufen : Personalverwaltung – nächtlicher Abgleich") // the name is for screen readers

	AssertText(t, tab, "[role=status]", "widerrufen und funktioniert ab sofort nicht mehr")
	AssertText(t, tab, "table", "widerrufen")
	if strings.Contains(strings.Join(Texts(t, tab, "main"), ""), token) {
		t.Fatal("the token is shown again")
	}
	AssertAccessible(t, tab, "api token revoked")
	if st := apiCall(t, srv.URL, token); st != http.StatusUnauthorized {
		t.Fatalf("the call with the revoked token: %d", st)
	}
}

// fillTextarea is Fill for a text area, which may be empty (chromedp.Clear needs text in it).
func fillTextarea(t *testing.T, ctx context.Context, label, value string) {
	t.Helper()
	field := find(t, ctx, call(jsByLabel, label), fmt.Sprintf("text area labelled %q", label))
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[string](string(field)+`.value = ""`)); err != nil {
		t.Fatalf("clearing %q: %v", label, err)
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(field, value)); err != nil {
		t.Fatalf("typing into %q: %v", label, err)
	}
}

func apiCall(t *testing.T, base, token string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, base+"/api/v1/completions", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}
