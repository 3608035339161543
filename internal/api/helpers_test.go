package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/api"
	"github.com/ailit/ailit/internal/web/webtest"
)

// newEnv starts the real app (SQLite, or PostgreSQL with AILIT_TEST_DIALECT=postgres).
func newEnv(t *testing.T, opts ...webtest.Options) *webtest.Env {
	t.Helper()
	return webtest.New(t, opts...)
}

// newToken creates a token with scopes (and optionally more settings) the way the admin page does.
func newToken(t *testing.T, env *webtest.Env, spec api.TokenSpec) string {
	t.Helper()
	if spec.Name == "" {
		spec.Name = "HR-System"
	}
	secret, _, errs, err := api.CreateToken(context.Background(), env.Store, spec, nil)
	if err != nil || errs != nil {
		t.Fatalf("creating token: %v %v", err, errs)
	}
	return secret
}

func scoped(scopes ...api.Scope) api.TokenSpec {
	s := api.TokenSpec{}
	for _, sc := range scopes {
		s.Scopes = append(s.Scopes, string(sc))
	}
	return s
}

// response is an API answer.
type response struct {
	Status int
	Header http.Header
	Body   []byte
}

func (r *response) problem(t *testing.T) api.Problem {
	t.Helper()
	if ct := r.Header.Get("Content-Type"); ct != api.ContentTypeProblem {
		t.Fatalf("status %d with Content-Type %q, want a problem:\n%s", r.Status, ct, r.Body)
	}
	var p api.Problem
	if err := json.Unmarshal(r.Body, &p); err != nil {
		t.Fatalf("problem body: %v\n%s", err, r.Body)
	}
	if p.Status != r.Status || p.Type == "" || p.Title == "" {
		t.Fatalf("problem does not state status %d, type and title: %+v", r.Status, p)
	}
	return p
}

func (r *response) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("status %d, body not JSON: %v\n%s", r.Status, err, r.Body)
	}
}

// call sends a request to the app; token "" sends none; body may be a string, []byte or a value
// to encode as JSON.
func call(t *testing.T, env *webtest.Env, method, path, token string, body any, header ...string) *response {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		enc, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(enc)
	}
	req := httptest.NewRequest(method, path, rd)
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := env.App.Fiber().Test(req, int((30 * time.Second).Milliseconds()))
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return &response{Status: resp.StatusCode, Header: resp.Header, Body: b}
}

// clock is a settable clock for the store (safe for concurrent use).
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
