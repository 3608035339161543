// Package lrstest is a learning record store for tests that speaks the xAPI 1.0.3 statement
// resource: POST /statements (one statement or an array; answers the ids), PUT
// /statements?statementId= (204; 409 when the id holds a different statement), GET
// /statements?statementId=, Basic auth and the X-Experience-API-Version header required. It checks
// the rules a real LRS enforces on what ailit sends (required properties, absolute IRIs, UUIDs).
package lrstest

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"sync"
)

// LRS is a running test LRS.
type LRS struct {
	URL                string // the endpoint, e.g. http://127.0.0.1:1234/xapi
	Username, Password string

	srv  *httptest.Server
	mu   sync.Mutex
	down bool
	// statements by id, in the order they were first stored
	stored map[string]map[string]any
	order  []string
	puts   int
}

// New starts an LRS; Close stops it.
func New() *LRS {
	l := &LRS{Username: "ailit", Password: "geheim", stored: map[string]map[string]any{}}
	mux := http.NewServeMux()
	mux.HandleFunc("/xapi/statements", l.statements)
	l.srv = httptest.NewServer(mux)
	l.URL = l.srv.URL + "/xapi"
	return l
}

// Close stops the server.
func (l *LRS) Close() { l.srv.Close() }

// SetDown makes the LRS answer 503 to everything (true) or work again (false).
func (l *LRS) SetDown(down bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.down = down
}

// Statements returns the stored statements in the order they arrived.
func (l *LRS) Statements() []map[string]any {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]map[string]any, 0, len(l.order))
	for _, id := range l.order {
		out = append(out, l.stored[id])
	}
	return out
}

// Puts counts the PUT requests that reached the statement resource while up.
func (l *LRS) Puts() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.puts
}

var uuidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func (l *LRS) statements(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.down {
		http.Error(w, "maintenance", http.StatusServiceUnavailable)
		return
	}
	if user, pass, ok := r.BasicAuth(); !ok || user != l.Username || pass != l.Password {
		w.Header().Set("WWW-Authenticate", `Basic realm="LRS"`)
		http.Error(w, "authentication required", http.StatusUnauthorized)
		return
	}
	if r.Header.Get("X-Experience-API-Version") == "" || !strings.HasPrefix(r.Header.Get("X-Experience-API-Version"), "1.0.") {
		http.Error(w, "X-Experience-API-Version header missing or unsupported", http.StatusBadRequest)
		return
	}
	switch r.Method {
	case http.MethodGet:
		st, ok := l.stored[r.URL.Query().Get("statementId")]
		if !ok {
			http.Error(w, "no such statement", http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(st)
	case http.MethodPut:
		l.puts++
		id := r.URL.Query().Get("statementId")
		var st map[string]any
		if err := json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&st); err != nil {
			http.Error(w, "invalid JSON: "+err.Error(), http.StatusBadRequest)
			return
		}
		if sid, ok := st["id"]; ok && sid != id {
			http.Error(w, "statementId and the statement's id differ", http.StatusBadRequest)
			return
		}
		st["id"] = id
		if status, msg := l.store(st); status != 0 {
			http.Error(w, msg, status)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	case http.MethodPost:
		raw, _ := io.ReadAll(io.LimitReader(r.Body, 1<<22))
		var batch []map[string]any
		if strings.HasPrefix(strings.TrimSpace(string(raw)), "[") {
			if err := json.Unmarshal(raw, &batch); err != nil {
				http.Error(w, "invalid JSON: "+err.Error(), http.StatusBadRequest)
				return
			}
		} else {
			var one map[string]any
			if err := json.Unmarshal(raw, &one); err != nil {
				http.Error(w, "invalid JSON: "+err.Error(), http.StatusBadRequest)
				return
			}
			batch = []map[string]any{one}
		}
		ids := make([]string, 0, len(batch))
		for _, st := range batch {
			if _, ok := st["id"]; !ok {
				st["id"] = newUUID()
			}
			if status, msg := l.store(st); status != 0 {
				http.Error(w, msg, status)
				return
			}
			ids = append(ids, st["id"].(string))
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(ids)
	default:
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	}
}

// store keeps st unless it breaks a rule (400) or its id holds a different statement (409).
func (l *LRS) store(st map[string]any) (int, string) {
	if msg := Check(st); msg != "" {
		return http.StatusBadRequest, msg
	}
	id := st["id"].(string)
	if old, ok := l.stored[id]; ok {
		if !reflect.DeepEqual(old, st) {
			return http.StatusConflict, "a different statement with id " + id + " exists"
		}
		return 0, ""
	}
	l.stored[id] = st
	l.order = append(l.order, id)
	return 0, ""
}

// Check returns the first xAPI rule st breaks, or "": required actor, verb and object, a UUID id,
// an account or mbox actor, absolute IRIs for the verb, the activity and its type.
func Check(st map[string]any) string {
	id, _ := st["id"].(string)
	if !uuidPattern.MatchString(id) {
		return fmt.Sprintf("statement id %q is not a UUID", id)
	}
	actor, _ := st["actor"].(map[string]any)
	if actor == nil {
		return "actor is required"
	}
	if acc, ok := actor["account"].(map[string]any); ok {
		if hp, _ := acc["homePage"].(string); !absoluteIRI(hp) {
			return "actor.account.homePage must be an absolute IRL"
		}
		if n, _ := acc["name"].(string); n == "" {
			return "actor.account.name is required"
		}
	} else if _, ok := actor["mbox"]; !ok {
		return "actor needs an inverse functional identifier (account or mbox)"
	}
	verb, _ := st["verb"].(map[string]any)
	if verb == nil {
		return "verb is required"
	}
	if vid, _ := verb["id"].(string); !absoluteIRI(vid) {
		return "verb.id must be an absolute IRI"
	}
	obj, _ := st["object"].(map[string]any)
	if obj == nil {
		return "object is required"
	}
	if obj["objectType"] == "StatementRef" {
		if ref, _ := obj["id"].(string); !uuidPattern.MatchString(ref) {
			return "object.id of a StatementRef must be a statement id (UUID)"
		}
		if vid, _ := verb["id"].(string); vid == "http://adlnet.gov/expapi/verbs/voided" && st["context"] != nil {
			return "a voiding statement must not have a context"
		}
		return ""
	}
	if oid, _ := obj["id"].(string); !absoluteIRI(oid) {
		return "object.id must be an absolute IRI"
	}
	if ctx, ok := st["context"].(map[string]any); ok {
		if reg, ok := ctx["registration"].(string); ok && !uuidPattern.MatchString(reg) {
			return "context.registration must be a UUID"
		}
	}
	if def, ok := obj["definition"].(map[string]any); ok {
		if typ, ok := def["type"].(string); ok && !absoluteIRI(typ) {
			return "object.definition.type must be an absolute IRI"
		}
	}
	return ""
}

func absoluteIRI(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme != "" && (u.Host != "" || u.Opaque != "")
}

func newUUID() string {
	b := make([]byte, 16)
	rand.Read(b)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
