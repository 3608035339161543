package api_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/api"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/webtest"
)

func TestRateLimitAnswers429WithRetryAfterUntilTheNextMinute(t *testing.T) {
	env := newEnv(t)
	clk := &clock{t: time.Date(2026, 12, 3, 9, 15, 10, 0, time.UTC)}
	env.Store.Clock = clk
	tok := newToken(t, env, api.TokenSpec{Scopes: []string{"completions:read"}, RatePerMinute: 3})
	other := newToken(t, env, api.TokenSpec{Scopes: []string{"completions:read"}, RatePerMinute: 3})
	for i := 1; i <= 3; i++ {
		if r := call(t, env, http.MethodGet, "/api/v1/completions", tok, nil); r.Status != http.StatusOK {
			t.Fatalf("call %d: %d", i, r.Status)
		}
	}
	r := call(t, env, http.MethodGet, "/api/v1/completions", tok, nil)
	if r.Status != http.StatusTooManyRequests || r.Header.Get("Retry-After") != "50" || r.problem(t).Type != "urn:ailit:problem:rate-limited" {
		t.Fatalf("4th call: %d, Retry-After %q\n%s", r.Status, r.Header.Get("Retry-After"), r.Body)
	}
	if r := call(t, env, http.MethodGet, "/api/v1/completions", other, nil); r.Status != http.StatusOK {
		t.Errorf("another token has its own limit: %d", r.Status)
	}
	clk.Set(time.Date(2026, 12, 3, 9, 16, 0, 0, time.UTC))
	if r := call(t, env, http.MethodGet, "/api/v1/completions", tok, nil); r.Status != http.StatusOK || r.Header.Get("RateLimit-Remaining") != "2" {
		t.Errorf("next minute: %d, remaining %q", r.Status, r.Header.Get("RateLimit-Remaining"))
	}
}

// TestRateLimitIsCountedInTheDatabaseSoInstancesShareIt: two apps on one database (two
// instances) together get no more calls than the limit.
func TestRateLimitIsCountedInTheDatabaseSoInstancesShareIt(t *testing.T) {
	env := newEnv(t)
	second := webtest.New(t, webtest.Options{DatabaseURL: func(string) string { return env.DatabaseURL }})
	clk := &clock{t: time.Date(2026, 12, 3, 9, 15, 10, 0, time.UTC)} // all calls in one window
	env.Store.Clock, second.Store.Clock = clk, clk
	tok := newToken(t, env, api.TokenSpec{Scopes: []string{"completions:read"}, RatePerMinute: 10})
	var wg sync.WaitGroup
	var mu sync.Mutex
	statuses := map[int]int{}
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e := env
			if i%2 == 1 {
				e = second
			}
			r := call(t, e, http.MethodGet, "/api/v1/completions", tok, nil)
			mu.Lock()
			statuses[r.Status]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	if statuses[http.StatusOK] != 10 || statuses[http.StatusTooManyRequests] != 6 {
		t.Errorf("statuses %v, want 10×200 and 6×429", statuses)
	}
}

// TestEveryCallIsLoggedWithoutTheToken: the call log and the request log name the token by id
// and never contain the token, also for refused calls.
func TestEveryCallIsLoggedWithoutTheToken(t *testing.T) {
	var logs bytes.Buffer
	var mu sync.Mutex
	env := newEnv(t, webtest.Options{Log: slog.New(slog.NewTextHandler(lockedWriter{&mu, &logs}, nil))})
	ctx := context.Background()
	tok := newToken(t, env, scoped(api.ScopeCompletionsRead))
	stored, _ := env.Store.APITokenByHash(ctx, api.HashSecret(tok))
	call(t, env, http.MethodGet, "/api/v1/completions?limit=5", tok, nil)
	call(t, env, http.MethodGet, "/api/v1/reports/evidence", tok, nil) // wrong scope: 403
	call(t, env, http.MethodGet, "/api/v1/completions", tampered(tok), nil)
	calls, err := env.Store.APICallsOf(ctx, stored.ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) != 2 || calls[1].Path != "/api/v1/completions" || calls[1].Status != 200 || calls[1].Method != "GET" ||
		calls[0].Status != 403 || calls[0].Path != "/api/v1/reports/evidence" {
		t.Fatalf("call log: %+v", calls)
	}
	var all []store.APICall
	env.Store.TestReader().Find(&all)
	if len(all) != 3 || all[2].TokenID != nil || all[2].Status != 401 {
		t.Errorf("the call with an unknown token is logged without a token id: %+v", all)
	}
	mu.Lock()
	text := logs.String()
	mu.Unlock()
	if !strings.Contains(text, `msg="api call"`) || !strings.Contains(text, "token_id="+itoa(stored.ID)) {
		t.Errorf("request log lacks the API calls:\n%s", text)
	}
	if strings.Contains(text, tok) || strings.Contains(text, tok[len(api.TokenPrefix):]) || strings.Contains(text, "limit=5") {
		t.Errorf("the request log contains the token or the query:\n%s", text)
	}
	for _, table := range []string{"api_calls", "api_tokens", "evidence_events", "report_exports"} {
		var rows []map[string]any
		env.Store.TestReader().Table(table).Find(&rows)
		for _, row := range rows {
			for col, v := range row {
				if s, ok := v.(string); ok && strings.Contains(s, tok[len(api.TokenPrefix):]) {
					t.Errorf("%s.%s contains the token", table, col)
				}
			}
		}
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	w  *bytes.Buffer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// tampered changes one character of a token in the middle.
func tampered(tok string) string {
	b := []byte(tok)
	if b[20] == 'a' {
		b[20] = 'b'
	} else {
		b[20] = 'a'
	}
	return string(b)
}
