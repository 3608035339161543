package api_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/api"
)

func TestBadBodiesGetAProblemThatSaysWhatIsWrong(t *testing.T) {
	env := newEnv(t)
	tok := newToken(t, env, scoped(api.ScopePeopleWrite))
	cases := []struct {
		name, body string
		status     int
		detail     string
		pointer    string
	}{
		{"syntax", "{\n  \"people\": [\n    {\"email\": \"a@b\",}\n  ]\n}", 400, "line 3, column 22", ""},
		{"ends early", `{"people": [`, 400, "ends early at line 1, column 13", ""},
		{"wrong type", `{"people": [{"personnel_number": 42}]}`, 400, `"people.personnel_number" must be a string`, "/people/personnel_number"},
		{"unknown field", `{"persons": []}`, 400, `Unknown field "persons"`, "/persons"},
		{"two values", `{"people": []} {}`, 400, "there is more", ""},
		{"empty", ``, 400, "empty", ""},
		{"no people", `{"people": []}`, 422, "empty", "/people"},
		{"bad mode", `{"mode": "alles", "people": [{}]}`, 422, `Unknown mode "alles"`, "/mode"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := call(t, env, http.MethodPost, "/api/v1/people?dry_run=true", tok, tc.body)
			if r.Status != tc.status {
				t.Fatalf("status %d, want %d\n%s", r.Status, tc.status, r.Body)
			}
			p := r.problem(t)
			if !strings.Contains(p.Detail, tc.detail) {
				t.Errorf("detail %q, want it to contain %q", p.Detail, tc.detail)
			}
			if tc.pointer != "" && (len(p.Errors) != 1 || p.Errors[0].Pointer != tc.pointer) {
				t.Errorf("errors %+v, want pointer %s", p.Errors, tc.pointer)
			}
		})
	}
	r := call(t, env, http.MethodPost, "/api/v1/people", tok, `people=1`, "Content-Type", "application/x-www-form-urlencoded")
	if r.Status != http.StatusUnsupportedMediaType || !strings.Contains(r.problem(t).Detail, "application/json") {
		t.Errorf("a form body: %d %s", r.Status, r.Body)
	}
}

func TestOversizeBodiesGet413ProblemsAndChangeNothing(t *testing.T) {
	env := newEnv(t)
	tok := newToken(t, env, scoped(api.ScopePeopleWrite))
	before, _ := env.Store.EvidenceHead(t.Context())
	// Over the server's own limit the request never reaches the API's handlers: that answer
	// comes from the running server, as a client sees it.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	go env.App.Serve(ctx, ln, time.Second)
	for _, size := range []int{api.MaxBodyBytes + 1, 33 << 20} { // over the API's limit; over the server's own limit
		var r *response
		if size > 32<<20 {
			// The server refuses by the announced length, before any of the body is read: send the
			// headers alone, as a client whose upload is refused sees it (sending the body anyway
			// would race the server closing the connection).
			r = announceOnly(t, ln.Addr().String(), "/api/v1/people", tok, size)
		} else {
			body := append([]byte(`{"people":[`), bytes.Repeat([]byte(" "), size)...)
			r = callServer(t, "http://"+ln.Addr().String(), "/api/v1/people", tok, body)
		}
		if r.Status != http.StatusRequestEntityTooLarge {
			t.Fatalf("%d bytes: status %d\n%.300s", size, r.Status, r.Body)
		}
		if p := r.problem(t); p.Type != "urn:ailit:problem:body-too-large" || !strings.Contains(p.Detail, "8 MiB") {
			t.Errorf("%d bytes: %+v", size, p)
		}
	}
	if after, _ := env.Store.EvidenceHead(t.Context()); after != before {
		t.Errorf("the evidence log changed: %v → %v", before, after)
	}
}

// announceOnly sends a POST's headers with a Content-Length of size and reads the answer without
// sending the body.
func announceOnly(t *testing.T, addr, path, token string, size int) *response {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n",
		path, addr, token, size)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("POST %s (headers only): %v", path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return &response{Status: resp.StatusCode, Header: resp.Header, Body: b}
}

// callServer posts body to a running server over HTTP.
func callServer(t *testing.T, base, path, token string, body []byte) *response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, base+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	// Like curl for large bodies: announce the body and wait for the server's go-ahead, so a
	// refusal arrives before the body is sent (otherwise the refused upload ends in a reset).
	req.Header.Set("Expect", "100-continue")
	client := &http.Client{Transport: &http.Transport{ExpectContinueTimeout: 5 * time.Second}}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return &response{Status: resp.StatusCode, Header: resp.Header, Body: b}
}

func TestUnknownPathsAndMethodsUnderTheAPIAreProblemsNotPages(t *testing.T) {
	env := newEnv(t)
	r := call(t, env, http.MethodGet, "/api/v1/nichts", "", nil)
	if r.Status != http.StatusNotFound || r.problem(t).Instance != "/api/v1/nichts" {
		t.Errorf("unknown path: %d %s", r.Status, r.Body)
	}
	r = call(t, env, http.MethodDelete, "/api/v1/people", "", nil)
	if r.Status != http.StatusMethodNotAllowed || r.Header.Get("Allow") != "POST" {
		t.Errorf("wrong method: %d Allow %q %s", r.Status, r.Header.Get("Allow"), r.Body)
	}
	r.problem(t)
}
