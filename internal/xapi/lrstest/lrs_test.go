package lrstest

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

const statement = `{"id":"%s","actor":{"objectType":"Agent","account":{"homePage":"https://ailit.example","name":"p1"}},
"verb":{"id":"http://adlnet.gov/expapi/verbs/completed","display":{"en-US":"completed"}},
"object":{"objectType":"Activity","id":"https://ailit.example/xapi/activities/course/c"}}`

func call(t *testing.T, l *LRS, method, path, body string, auth, version bool) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, l.URL+path, strings.NewReader(body))
	if auth {
		req.SetBasicAuth(l.Username, l.Password)
	}
	if version {
		req.Header.Set("X-Experience-API-Version", "1.0.3")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(raw)
}

func TestTheTestLRSSpeaksTheStatementResource(t *testing.T) {
	l := New()
	defer l.Close()
	id := "6f1c5e3a-924d-5f1e-a80b-273fc45591d2"
	one := strings.Replace(statement, "%s", id, 1)
	tests := []struct {
		name, method, path, body string
		auth, version            bool
		status                   int
		contains                 string
	}{
		{"no auth", "PUT", "/statements?statementId=" + id, one, false, true, 401, ""},
		{"no version", "PUT", "/statements?statementId=" + id, one, true, false, 400, "X-Experience-API-Version"},
		{"put", "PUT", "/statements?statementId=" + id, one, true, true, 204, ""},
		{"same again", "PUT", "/statements?statementId=" + id, one, true, true, 204, ""},
		{"different under the same id", "PUT", "/statements?statementId=" + id, strings.Replace(one, "completed\"", "passed\"", 1), true, true, 409, ""},
		{"get", "GET", "/statements?statementId=" + id, "", true, true, 200, `"id":"` + id},
		{"get unknown", "GET", "/statements?statementId=00000000-0000-4000-8000-000000000000", "", true, true, 404, ""},
		{"post without ids", "POST", "/statements", "[" + strings.Replace(statement, `"id":"%s",`, "", 1) + "]", true, true, 200, "-4"},
		{"post single", "POST", "/statements", strings.Replace(statement, "%s", "1b4e28ba-2fa1-41d2-883f-0016d3cca427", 1), true, true, 200, "1b4e28ba-2fa1-41d2-883f-0016d3cca427"},
		{"relative verb", "POST", "/statements", strings.Replace(one, "http://adlnet.gov/expapi/verbs/completed", "completed", 1), true, true, 400, "verb.id"},
		{"no actor", "PUT", "/statements?statementId=1b4e28ba-2fa1-41d2-883f-0016d3cca428", `{"verb":{"id":"http://x.example/v"},"object":{"id":"http://x.example/o"}}`, true, true, 400, "actor"},
	}
	for _, tt := range tests {
		status, body := call(t, l, tt.method, tt.path, tt.body, tt.auth, tt.version)
		if status != tt.status || !strings.Contains(body, tt.contains) {
			t.Errorf("%s: %d %s, want %d containing %q", tt.name, status, body, tt.status, tt.contains)
		}
	}
	if n := len(l.Statements()); n != 3 {
		t.Errorf("the LRS holds %d statements, want 3", n)
	}
	var ids []string
	_, body := call(t, l, "POST", "/statements", "["+strings.Replace(statement, "%s", "1b4e28ba-2fa1-41d2-883f-0016d3cca429", 1)+"]", true, true)
	if json.Unmarshal([]byte(body), &ids); len(ids) != 1 || ids[0] != "1b4e28ba-2fa1-41d2-883f-0016d3cca429" {
		t.Errorf("POST answered %s, want the id", body)
	}
}
