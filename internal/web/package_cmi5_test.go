package web_test

import (
	"encoding/json"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/scorm/scormtest"
	"github.com/ailit/ailit/internal/web/webtest"
)

const cmi5XML = `<?xml version="1.0"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="https://ailit.example/paketkurs"><title><langstring lang="de">Paketkurs</langstring></title></course>
  <au id="https://ailit.example/paketkurs/au1" moveOn="CompletedAndPassed"><url>au/index.html</url></au>
</courseStructure>`

var cmi5Frame = regexp.MustCompile(`<iframe class="package__frame" src="([^"]+)"`)

// xapiCall is a request of the AU: no cookie, the auth token in the Authorization header.
func xapiCall(t *testing.T, env *webtest.Env, method, target, auth, body string) *webtest.Response {
	t.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	req.Header.Set("X-Experience-API-Version", "1.0.3")
	req.Header.Set("Content-Type", "application/json")
	if auth != "" {
		req.Header.Set("Authorization", "Basic "+auth)
	}
	return env.Client(t).Do(req)
}

func TestCMI5AULaunchesFetchesItsTokenAndCompletesTheCourse(t *testing.T) {
	t.Parallel()
	dir := copyExampleCourses(t)
	scormtest.WriteCourse(t, dir, "paketkurs", "cmi5", map[string]string{"cmi5.xml": cmi5XML, "au/index.html": "<!DOCTYPE html><title>AU</title>"})
	env, c := loggedIn(t, dir, "learner")
	mustRedirect(t, c.Post(paketkurs+"/enroll", nil), paketkurs)
	r := c.Get(paketModul)
	m := cmi5Frame.FindStringSubmatch(r.Body)
	if m == nil {
		t.Fatalf("no AU frame:\n%s", r.Body)
	}
	launch, err := url.Parse(html.UnescapeString(m[1]))
	if err != nil {
		t.Fatal(err)
	}
	q := launch.Query()
	endpoint, _ := url.Parse(q.Get("endpoint"))
	fetch, _ := url.Parse(q.Get("fetch"))
	reg := q.Get("registration")
	if !strings.HasPrefix(launch.Path, "/pkg/") || !strings.HasSuffix(launch.Path, "/au/index.html") ||
		q.Get("activityId") != "https://ailit.example/paketkurs/au1" || len(reg) != 36 ||
		!strings.Contains(q.Get("actor"), `"account":{"homePage"`) || strings.Contains(q.Get("actor"), "@") {
		t.Fatalf("launch URL %s", launch)
	}
	if r := env.Client(t).Get(launch.RequestURI()); r.Status != http.StatusOK {
		t.Fatalf("AU page: %d", r.Status)
	}

	// The fetch URL gives the auth token once.
	r = xapiCall(t, env, http.MethodPost, fetch.Path, "", "")
	var got map[string]string
	if json.Unmarshal([]byte(r.Body), &got); got["auth-token"] == "" {
		t.Fatalf("fetch: %d %s", r.Status, r.Body)
	}
	auth := got["auth-token"]
	if r := xapiCall(t, env, http.MethodPost, fetch.Path, "", ""); !strings.Contains(r.Body, `"error-code":"1"`) {
		t.Errorf("second fetch: %s", r.Body)
	}
	xapi := endpoint.Path
	if r := xapiCall(t, env, http.MethodGet, xapi+"activities/state?stateId=LMS.LaunchData", "falsch", ""); r.Status != http.StatusUnauthorized {
		t.Errorf("a wrong token reads the launch data: %d", r.Status)
	}
	r = xapiCall(t, env, http.MethodGet, xapi+"activities/state?stateId=LMS.LaunchData", auth, "")
	if r.Status != http.StatusOK || !strings.Contains(r.Body, `"moveOn":"CompletedAndPassed"`) || !strings.Contains(r.Body, reg) {
		t.Errorf("LMS.LaunchData: %d %s", r.Status, r.Body)
	}
	if r := xapiCall(t, env, http.MethodOptions, xapi+"statements", "", ""); r.Status != http.StatusNoContent || r.Header.Get("Access-Control-Allow-Headers") == "" {
		t.Errorf("preflight: %d %v", r.Status, r.Header)
	}
	stmt := func(verb string, extra string) string {
		return `{"actor":{"account":{"homePage":"x","name":"y"}},"verb":{"id":"http://adlnet.gov/expapi/verbs/` + verb +
			`"},"object":{"id":"https://ailit.example/paketkurs/au1"},"context":{"registration":"` + reg + `"}` + extra + `}`
	}
	if r := xapiCall(t, env, http.MethodPost, xapi+"statements", auth, `{"verb":{"id":"x"},"context":{"registration":"other"}}`); r.Status != http.StatusBadRequest {
		t.Errorf("a statement of another registration: %d", r.Status)
	}
	for _, s := range []string{stmt("initialized", ""), stmt("completed", `,"result":{"completion":true}`)} {
		if r := xapiCall(t, env, http.MethodPost, xapi+"statements", auth, s); r.Status != http.StatusOK {
			t.Fatalf("statement: %d %s", r.Status, r.Body)
		}
	}
	if r := c.Get(paketkurs); !strings.Contains(r.Body, "0 % erledigt") {
		t.Errorf("completed without passed must not meet moveOn CompletedAndPassed:\n%s", r.Body)
	}
	if r := xapiCall(t, env, http.MethodPost, xapi+"statements", auth, "["+stmt("passed", `,"result":{"success":true,"score":{"scaled":0.9}}`)+","+stmt("terminated", "")+"]"); r.Status != http.StatusOK {
		t.Fatalf("statements: %d %s", r.Status, r.Body)
	}
	if r := c.Get(paketkurs); !strings.Contains(r.Body, "100 % erledigt") {
		t.Errorf("completed and passed should complete the course:\n%s", r.Body)
	}
	if r := xapiCall(t, env, http.MethodGet, xapi+"statements", auth, ""); r.Status != http.StatusBadRequest {
		t.Errorf("reading statements is not offered: %d", r.Status)
	}
}
