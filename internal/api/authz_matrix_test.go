package api_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/ailit/ailit/internal/api"
	"github.com/ailit/ailit/internal/config"
	"github.com/ailit/ailit/internal/web/webtest"
)

// sampleCall is a request each route answers with 200 when the token may make it.
type sampleCall struct {
	query string
	body  any
}

var samples = map[string]sampleCall{
	"GET /api/v1/openapi.json": {},
	"POST /api/v1/people": {query: "?dry_run=true&mode=add-update", body: map[string]any{"people": []map[string]any{
		{"personnel_number": "1001", "last_name": "Berg", "first_name": "Anna", "email": "anna.berg@stadt.example", "org_unit": "Stadt/Bauamt"}}}},
	"POST /api/v1/org-units":         {query: "?dry_run=true", body: map[string]any{"units": []map[string]string{{"path": "Stadt/Bauamt"}}}},
	"GET /api/v1/assignments/status": {query: "?email=admin@stadt.example"},
	"GET /api/v1/completions":        {},
	"GET /api/v1/reports/evidence":   {},
	"GET /api/v1/reports/persons":    {},
}

// TestAuthorizationMatrixCoversEveryEndpointAndScope calls every route of the API's route table
// with no token, with a token of each scope, and with a token from a foreign address: the right
// scope gets 200, every other scope 403, no token 401, a foreign address 403, always as a problem.
func TestAuthorizationMatrixCoversEveryEndpointAndScope(t *testing.T) {
	env := newEnv(t)
	env.CreateUser(t, "admin@stadt.example", "geheim-geheim-1", "admin")
	tokens := map[api.Scope]string{}
	for _, sc := range api.AllScopes {
		tokens[sc] = newToken(t, env, scoped(sc))
	}
	all := newToken(t, env, api.TokenSpec{Scopes: scopeNames(api.AllScopes), AllowIPs: []string{"192.0.2.0/24"}})
	routes := env.App.API().Routes()
	if len(routes) < 7 {
		t.Fatalf("only %d routes", len(routes))
	}
	for _, rt := range routes {
		key := rt.Method + " " + rt.Path
		s, ok := samples[key]
		if !ok {
			t.Errorf("%s has no sample request in the matrix: add one to samples", key)
			continue
		}
		send := func(token string) *response { return call(t, env, rt.Method, rt.Path+s.query, token, s.body) }
		if rt.Scope == "" {
			if r := send(""); r.Status != http.StatusOK {
				t.Errorf("%s is public but answers %d", key, r.Status)
			}
			continue
		}
		if r := send(""); r.Status != http.StatusUnauthorized {
			t.Errorf("%s without a token: %d, want 401", key, r.Status)
		} else {
			r.problem(t)
		}
		for _, sc := range api.AllScopes {
			r := send(tokens[sc])
			switch {
			case sc == rt.Scope && r.Status != http.StatusOK:
				t.Errorf("%s with its scope %s: %d, want 200\n%s", key, sc, r.Status, r.Body)
			case sc != rt.Scope && r.Status != http.StatusForbidden:
				t.Errorf("%s with scope %s: %d, want 403", key, sc, r.Status)
			case sc != rt.Scope && r.problem(t).Type != "urn:ailit:problem:scope-missing":
				t.Errorf("%s with scope %s: problem %s", key, sc, r.Body)
			}
		}
		// The test requests come from 0.0.0.0, outside the allow list.
		if r := send(all); r.Status != http.StatusForbidden || r.problem(t).Type != "urn:ailit:problem:ip-not-allowed" {
			t.Errorf("%s from an address outside the allow list: %d %s", key, r.Status, r.Body)
		}
	}
}

func scopeNames(scopes []api.Scope) []string {
	var out []string
	for _, s := range scopes {
		out = append(out, string(s))
	}
	return out
}

// TestAllowListUsesTheClientAddressBehindTrustedProxiesOnly: X-Forwarded-For counts only when
// the request comes from a proxy named in AILIT_TRUSTED_PROXIES, as for the pages.
func TestAllowListUsesTheClientAddressBehindTrustedProxiesOnly(t *testing.T) {
	for _, tc := range []struct {
		name, forwarded string
		proxies         []string
		want            int
	}{
		{"trusted proxy", "198.51.100.7", []string{"0.0.0.0"}, http.StatusOK},
		{"IPv6 client", "2001:db8::1", []string{"0.0.0.0"}, http.StatusOK},
		{"no trusted proxy", "198.51.100.7", nil, http.StatusForbidden},
		// The proxy appends what it saw: an allowed address put first by the client is no key.
		{"client-supplied first address", "198.51.100.7, 203.0.113.9", []string{"0.0.0.0"}, http.StatusForbidden},
		{"two trusted proxies", "203.0.113.9, 198.51.100.7, 10.0.0.2", []string{"0.0.0.0", "10.0.0.0/8"}, http.StatusOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := newEnv(t, webtestOptions(tc.proxies))
			tok := newToken(t, env, api.TokenSpec{Scopes: []string{"completions:read"}, AllowIPs: []string{"198.51.100.7", "2001:db8::/32"}})
			r := call(t, env, http.MethodGet, "/api/v1/completions", tok, nil, "X-Forwarded-For", tc.forwarded)
			if r.Status != tc.want {
				t.Fatalf("status %d, want %d\n%s", r.Status, tc.want, r.Body)
			}
		})
	}
}

func webtestOptions(proxies []string) webtest.Options {
	return webtest.Options{Configure: func(c *config.Config) { c.TrustedProxies = slices.Clone(proxies) }}
}
