package web

import (
	"testing"

	"github.com/gorilla/sessions"

	"github.com/ailit/ailit/internal/auth"
)

// A loaded session's values are shared with the session cache and with concurrent requests of the
// same browser: a change goes into this request's own copy.
func TestChangingSessionValuesLeavesTheCachedValuesAlone(t *testing.T) {
	cached := map[any]any{auth.KeyCSRF: "token-1", auth.KeyLang: "de"}
	ws := &wSession{s: &sessions.Session{Values: cached}}
	ws.set(auth.KeyLang, "en")
	ws.set(auth.KeyCSRF, "token-2")
	if cached[auth.KeyLang] != "de" || cached[auth.KeyCSRF] != "token-1" {
		t.Fatalf("the cached values changed: %v", cached)
	}
	if ws.get(auth.KeyLang) != "en" || ws.get(auth.KeyCSRF) != "token-2" || !ws.dirty {
		t.Fatalf("this request's values: %v (dirty %v)", ws.s.Values, ws.dirty)
	}
}

func TestASessionWithoutValuesCanBeGivenSome(t *testing.T) {
	ws := &wSession{s: &sessions.Session{}}
	if tok := ws.csrfToken(); tok == "" || ws.get(auth.KeyCSRF) != tok {
		t.Fatalf("new CSRF token %q, stored %v", tok, ws.get(auth.KeyCSRF))
	}
}
