package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/config"
	"github.com/ailit/ailit/internal/web/webtest"
)

func TestAFailedLoginNamesWhomToTurnToWithoutTellingWhetherTheAccountExists(t *testing.T) {
	t.Parallel()
	env := webtest.New(t, webtest.Options{Configure: func(c *config.Config) { c.LoginHelp = "das IT-Service-Desk (Tel. 1234)" }})
	env.CreateUser(t, "anna@stadt.example", pw, "learner")
	gone := env.CreateUser(t, "bernd@stadt.example", pw, "learner")
	if err := env.Store.SetActive(context.Background(), gone.ID, false); err != nil {
		t.Fatal(err)
	}
	attempts := []struct{ name, email, password string }{
		{"wrong password", "anna@stadt.example", "falsch-falsch"},
		{"unknown address", "niemand@stadt.example", "falsch-falsch"},
		{"deactivated account, right password", "bernd@stadt.example", pw},
	}
	var bodies []string
	for _, a := range attempts {
		c := env.Client(t)
		c.Get("/login")
		r := c.Post("/login", url.Values{"email": {a.email}, "password": {a.password}})
		if r.Status != http.StatusUnauthorized {
			t.Fatalf("%s: status %d", a.name, r.Status)
		}
		for _, want := range []string{"E-Mail-Adresse oder Passwort ist nicht richtig.",
			"wenden Sie sich an das IT-Service-Desk (Tel. 1234)."} {
			if !strings.Contains(r.Body, want) {
				t.Errorf("%s: the page lacks %q", a.name, want)
			}
		}
		bodies = append(bodies, csrfValue.ReplaceAllString(strings.ReplaceAll(r.Body, a.email, ""), ""))
	}
	for i := 1; i < len(bodies); i++ {
		if bodies[i] != bodies[0] {
			t.Errorf("the page after %q differs from the page after %q", attempts[i].name, attempts[0].name)
		}
	}
}

func TestWithoutAConfiguredContactTheHintNamesTheAdministration(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.Client(t)
	c.Get("/login")
	r := c.Post("/login", url.Values{"email": {"niemand@stadt.example"}, "password": {"falsch-falsch"}})
	if !strings.Contains(r.Body, "wenden Sie sich an die Administration Ihrer Lernplattform.") {
		t.Errorf("no default hint:\n%s", r.Body)
	}
	first := env.Client(t).Get("/login")
	if strings.Contains(first.Body, "Zugangsdaten nicht mehr anmelden") {
		t.Error("the hint shows before any failed login")
	}
}
