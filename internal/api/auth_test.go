package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/api"
)

func TestTokensThatCannotAuthenticateGet401WithAProblem(t *testing.T) {
	env := newEnv(t)
	ctx := context.Background()
	good := newToken(t, env, scoped(api.ScopeCompletionsRead))
	soon := env.Store.Now().Add(time.Hour)
	expiring := newToken(t, env, api.TokenSpec{Name: "kurz", Scopes: []string{"completions:read"}, ExpiresAt: &soon})
	revoked := newToken(t, env, scoped(api.ScopeCompletionsRead))
	tok, err := env.Store.APITokenByHash(ctx, api.HashSecret(revoked))
	if err != nil {
		t.Fatal(err)
	}
	if err := env.Store.RevokeAPIToken(ctx, tok.ID, nil); err != nil {
		t.Fatal(err)
	}
	env.Store.Clock = &clock{t: soon.Add(time.Second)} // the expiring token is past its end now

	cases := []struct{ name, header, detail string }{
		{"missing", "", "needs a service token"},
		{"not bearer", "Basic " + good, "not \"Bearer\""},
		{"malformed", "Bearer ailit_short", "not \"Bearer\""},
		{"unknown", "Bearer " + api.NewSecret(), "not known"},
		{"revoked", "Bearer " + revoked, "revoked"},
		{"expired", "Bearer " + expiring, "expired"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := call(t, env, http.MethodGet, "/api/v1/completions", "", nil, "Authorization", tc.header)
			if r.Status != http.StatusUnauthorized {
				t.Fatalf("status %d, want 401\n%s", r.Status, r.Body)
			}
			p := r.problem(t)
			if !strings.Contains(p.Detail, tc.detail) || r.Header.Get("WWW-Authenticate") == "" {
				t.Errorf("detail %q (want %q), WWW-Authenticate %q", p.Detail, tc.detail, r.Header.Get("WWW-Authenticate"))
			}
			if r.Header.Get("Set-Cookie") != "" {
				t.Errorf("the API set a cookie: %s", r.Header.Get("Set-Cookie"))
			}
		})
	}
	if r := call(t, env, http.MethodGet, "/api/v1/completions", good, nil); r.Status != http.StatusOK {
		t.Fatalf("the good token: status %d\n%s", r.Status, r.Body)
	}
}
