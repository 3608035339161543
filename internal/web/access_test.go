package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/webtest"
)

// infrastructure routes are registered without the session stack and are public by design.
var infrastructure = map[string]bool{"GET /healthz": true, "GET /readyz": true, "GET /static/*": true}

// TestEveryRouteDeclaresAnAccessRule fails when a route is added to the app without going through
// App.handle, which forces an access rule.
func TestEveryRouteDeclaresAnAccessRule(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	declared := map[string]bool{}
	for _, r := range env.App.Routes() {
		declared[r.Method+" "+r.Path] = true
	}
	for _, r := range env.App.API().Routes() { // the REST API's own table (internal/api, scopes instead of roles)
		declared[r.Method+" "+r.Path] = true
	}
	for _, r := range env.App.Fiber().GetRoutes(true) {
		key := r.Method + " " + r.Path
		if r.Method == http.MethodHead || r.Path == "/" && r.Method == "USE" || infrastructure[key] {
			continue
		}
		if r.Method == "USE" {
			continue // middleware, not a route
		}
		if !declared[key] {
			t.Errorf("route %s has no declared access rule: register it with a.handle in routes.go", key)
		}
	}
}

var param = regexp.MustCompile(`:[a-zA-Z]+(<[^>]+>)?|\*`)

// samplePath fills route parameters with values that exist in the test data where it matters.
func samplePath(p string) string {
	return param.ReplaceAllStringFunc(p, func(m string) string {
		switch {
		case strings.HasPrefix(m, ":course"):
			return "beispielkurs"
		case strings.HasPrefix(m, ":version"):
			return "1.0.0"
		case strings.HasPrefix(m, ":module"):
			return "erstes-modul"
		case m == "*":
			return "x"
		}
		return "1"
	})
}

// TestAuthorizationMatrix checks every declared route for anonymous visitors and each role:
// anonymous visitors of protected routes are sent to the login page (GET) or refused (POST); users
// without a required role get 403; users with it never do.
func TestAuthorizationMatrix(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	clients := map[string]*webtest.Client{"anonymous": env.Client(t)}
	for _, role := range store.AllRoles {
		env.CreateUser(t, role+"@stadt.example", pw, role)
		c := env.Client(t)
		c.Login(role+"@stadt.example", pw)
		clients[role] = c
	}
	// Routes that end the session: log in again after them.
	endsSession := map[string]bool{"/logout": true, "/account/sessions/revoke": true}
	for _, r := range env.App.Routes() {
		path := samplePath(r.Path)
		for who, c := range clients {
			// A fresh CSRF token, so POSTs reach the access rule.
			if who == "anonymous" {
				c.Get("/login")
			} else {
				c.Get("/account")
			}
			var resp *webtest.Response
			if r.Method == http.MethodGet {
				resp = c.Get(path)
			} else {
				resp = c.Post(path, nil)
			}
			if r.Access.Name == "launch-token" {
				// Package launches: no session counts, only a current launch token; a made-up
				// one is 404 for everybody (package_test.go covers real tokens).
				if resp.Status != http.StatusNotFound {
					t.Errorf("%s %s (launch-token) as %s: got %d, want 404", r.Method, path, who, resp.Status)
				}
				continue
			}
			allowed := r.Access.Name == "public" ||
				(who != "anonymous" && (len(r.Access.Roles) == 0 || contains(r.Access.Roles, who)))
			toLogin := resp.Status == http.StatusSeeOther && strings.HasPrefix(resp.Location(), "/login?next=")
			denied := resp.Status == http.StatusForbidden || resp.Status == http.StatusUnauthorized || toLogin
			switch {
			case allowed && denied && !(r.Path == "/login" && who != "anonymous"):
				t.Errorf("%s %s (%s) as %s: got %d %s, want access", r.Method, path, r.Access.Name, who, resp.Status, resp.Location())
			case !allowed && who == "anonymous" && !(toLogin || resp.Status == http.StatusUnauthorized):
				t.Errorf("%s %s (%s) as anonymous: got %d, want the login page or 401", r.Method, path, r.Access.Name, resp.Status)
			case !allowed && who != "anonymous" && resp.Status != http.StatusForbidden:
				t.Errorf("%s %s (%s) as %s: got %d, want 403", r.Method, path, r.Access.Name, who, resp.Status)
			}
			if endsSession[r.Path] && who != "anonymous" {
				c.Login(who+"@stadt.example", pw)
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
