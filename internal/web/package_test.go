package web_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/scorm/scormtest"
	"github.com/ailit/ailit/internal/web/webtest"
)

const paketkurs = "/courses/paketkurs"
const paketModul = paketkurs + "/v/1.0.0/m/paket"

// packageEnv serves the example courses plus paketkurs, whose only module is a package of kind,
// with a learner enrolled in it.
func packageEnv(t *testing.T, kind string) (*webtest.Env, *webtest.Client) {
	t.Helper()
	dir := copyExampleCourses(t)
	scormtest.WriteCourse(t, dir, "paketkurs", kind, scormtest.Package(kind, "// the test plays the package's part"))
	env, c := loggedIn(t, dir, "learner")
	if ps := env.Library.Report().Problems; len(ps) > 0 {
		t.Fatalf("the test courses have problems: %v", ps)
	}
	mustRedirect(t, c.Post(paketkurs+"/enroll", nil), paketkurs)
	return env, c
}

var frameSrc = regexp.MustCompile(`<iframe class="package__frame" src="/pkg/([A-Za-z0-9_-]+)/index.html"`)

// launch opens the module page and returns the token of the launch in its frame.
func launch(t *testing.T, c *webtest.Client) string {
	t.Helper()
	r := c.Get(paketModul)
	m := frameSrc.FindStringSubmatch(r.Body)
	if r.Status != http.StatusOK || m == nil {
		t.Fatalf("module page: status %d, no package frame\n%s", r.Status, r.Body)
	}
	if !strings.Contains(r.Body, `sandbox="allow-scripts allow-forms"`) {
		t.Errorf("the package frame is not sandboxed as required:\n%s", r.Body)
	}
	return m[1]
}

type answer struct {
	Result     string `json:"result"`
	Error      int    `json:"error"`
	Diagnostic string `json:"diagnostic"`
}

// scormCall makes one call the way the adapter does: a text/plain POST without any cookie.
func scormCall(t *testing.T, env *webtest.Env, token, method, element, value string) (answer, int) {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"method": method, "element": element, "value": value})
	return rawAPI(t, env, token, string(body))
}

func rawAPI(t *testing.T, env *webtest.Env, token, body string) (answer, int) {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/pkg/"+token+"/api", strings.NewReader(body))
	req.Header.Set("Content-Type", "text/plain;charset=UTF-8")
	r := env.Client(t).Do(req)
	var a answer
	if err := json.Unmarshal([]byte(r.Body), &a); err != nil {
		t.Fatalf("%s: status %d, not JSON: %s", body, r.Status, r.Body)
	}
	return a, r.Status
}

type step struct {
	method, element, value string
	want                   string
	code                   int
}

func play(t *testing.T, env *webtest.Env, token string, steps []step) {
	t.Helper()
	for _, s := range steps {
		got, status := scormCall(t, env, token, s.method, s.element, s.value)
		if status != http.StatusOK || got.Result != s.want || got.Error != s.code {
			t.Errorf("%s(%q, %q) = %d %+v; want %q, error %d", s.method, s.element, s.value, status, got, s.want, s.code)
		}
	}
}

func TestSCORM12PackageCallsCompleteTheCourse(t *testing.T) {
	t.Parallel()
	env, c := packageEnv(t, "scorm12")
	token := launch(t, c)
	play(t, env, token, []step{
		{"GetValue", "cmi.core.lesson_status", "", "", 301},
		{"GetErrorString", "301", "", "Not initialized", 0},
		{"Initialize", "", "", "true", 0},
		{"GetValue", "cmi.core.student_name", "", "learner", 0},
		{"GetValue", "cmi.core.entry", "", "ab-initio", 0},
		{"SetValue", "cmi.core.lesson_status", "fertig", "false", 405},
		{"GetErrorString", "405", "", "Incorrect data type", 0},
		{"SetValue", "cmi.core.student_id", "x", "false", 403},
		{"SetValue", "cmi.core.lesson_location", "seite-2", "true", 0},
		{"SetValue", "cmi.core.score.raw", "90", "true", 0},
		{"SetValue", "cmi.core.lesson_status", "passed", "true", 0},
		{"GetValue", "cmi.core.lesson_location", "", "seite-2", 0},
	})
	if r := c.Get(paketkurs); !strings.Contains(r.Body, "0 % erledigt") {
		t.Errorf("before Commit the course page should still show 0 %%:\n%s", r.Body)
	}
	play(t, env, token, []step{
		{"Commit", "", "", "true", 0},
		{"Terminate", "", "", "true", 0},
		{"SetValue", "cmi.core.lesson_location", "x", "false", 301},
	})
	if r := c.Get(paketkurs); !strings.Contains(r.Body, "100 % erledigt") {
		t.Errorf("after LMSFinish the course page should show 100 %%:\n%s", r.Body)
	}
	if r := c.Get(paketModul); !strings.Contains(r.Body, "Dieses Modul ist erledigt.") || !strings.Contains(r.Body, "Ergebnis: 90 %") {
		t.Errorf("the module page does not show the outcome:\n%s", r.Body)
	}
}

func TestSCORM2004PackageCallsAndErrorCodes(t *testing.T) {
	t.Parallel()
	env, c := packageEnv(t, "scorm2004")
	token := launch(t, c)
	play(t, env, token, []step{
		{"Terminate", "", "", "false", 112},
		{"Initialize", "", "", "true", 0},
		{"Initialize", "", "", "false", 103},
		{"GetValue", "cmi.location", "", "", 403},
		{"GetValue", "cmi.exit", "", "", 405},
		{"SetValue", "cmi.score.scaled", "2", "false", 407},
		{"SetValue", "cmi.completion_status", "erledigt", "false", 406},
		{"SetValue", "cmi.location", "teil-3", "true", 0},
		{"SetValue", "cmi.completion_status", "completed", "true", 0},
		{"SetValue", "cmi.success_status", "passed", "true", 0},
		{"SetValue", "cmi.score.scaled", "0.75", "true", 0},
		{"GetErrorString", "406", "", "Data Model Element Type Mismatch", 0},
		{"Terminate", "", "", "true", 0},
		{"Commit", "", "", "false", 143},
	})
	if r := c.Get(paketkurs); !strings.Contains(r.Body, "100 % erledigt") {
		t.Errorf("after Terminate the course page should show 100 %%:\n%s", r.Body)
	}
}

func TestLearnerLeavesMidPackageAndResumes(t *testing.T) {
	t.Parallel()
	env, c := packageEnv(t, "scorm12")
	first := launch(t, c)
	play(t, env, first, []step{
		{"Initialize", "", "", "true", 0},
		{"SetValue", "cmi.core.lesson_location", "kapitel-4", "true", 0},
		{"SetValue", "cmi.suspend_data", "antworten=a,c,b", "true", 0},
		{"SetValue", "cmi.core.lesson_status", "incomplete", "true", 0},
		{"SetValue", "cmi.core.exit", "suspend", "true", 0},
		{"SetValue", "cmi.core.session_time", "0000:07:30", "true", 0},
		{"Abandon", "", "", "true", 0}, // the unload beacon: the learner closed the tab
	})
	second := launch(t, c)
	if second == first {
		t.Fatal("the second launch reuses the first token")
	}
	if got, status := scormCall(t, env, first, "Initialize", "", ""); status != http.StatusNotFound || got.Error != 101 {
		t.Errorf("the first launch's token still works: %d %+v", status, got)
	}
	play(t, env, second, []step{
		{"Initialize", "", "", "true", 0},
		{"GetValue", "cmi.core.entry", "", "resume", 0},
		{"GetValue", "cmi.core.lesson_location", "", "kapitel-4", 0},
		{"GetValue", "cmi.suspend_data", "", "antworten=a,c,b", 0},
		{"GetValue", "cmi.core.total_time", "", "0000:07:30.00", 0},
		{"GetValue", "cmi.core.lesson_status", "", "incomplete", 0},
	})
	if r := c.Get(paketkurs); !strings.Contains(r.Body, "0 % erledigt") {
		t.Errorf("an incomplete package must not complete the module:\n%s", r.Body)
	}
}

func TestPackageThatNeverCommitsIsStoredByTheUnloadBeacon(t *testing.T) {
	t.Parallel()
	env, c := packageEnv(t, "scorm12")
	token := launch(t, c)
	play(t, env, token, []step{
		{"Initialize", "", "", "true", 0},
		{"SetValue", "cmi.core.lesson_status", "completed", "true", 0},
		{"Abandon", "", "", "true", 0},
		{"Abandon", "", "", "false", 0}, // a second beacon finds nothing running
	})
	if r := c.Get(paketkurs); !strings.Contains(r.Body, "100 % erledigt") {
		t.Errorf("the beacon did not count the completed package:\n%s", r.Body)
	}
}

func TestBadPackageCallsGetSCORMErrorsNeverA500(t *testing.T) {
	t.Parallel()
	env, c := packageEnv(t, "scorm12")
	token := launch(t, c)
	for _, tc := range []struct {
		body string
		code int
	}{
		{"not json", 201},
		{`{"method":"Format C:"}`, 101},
		{`{"method":"SetValue","element":"cmi.core.lesson_status","value":"passed"}`, 301},
		{`{"method":"GetValue","element":"cmi.gibt.es.nicht"}`, 301},
		{`{"method":"SetValue","element":"` + strings.Repeat("x", 400<<10) + `"}`, 201},
	} {
		got, status := rawAPI(t, env, token, tc.body)
		if status != http.StatusOK || got.Error != tc.code {
			t.Errorf("%.40s: status %d, %+v; want 200 with error %d", tc.body, status, got, tc.code)
		}
	}
}

func TestPackagePathNeedsTheLaunchTokenAndNoCookie(t *testing.T) {
	t.Parallel()
	env, learner := packageEnv(t, "scorm12")
	token := launch(t, learner)

	// The package's files come with the token alone, sandboxed, with the adapter first in <head>.
	anon := env.Client(t)
	r := anon.Get("/pkg/" + token + "/index.html")
	if r.Status != http.StatusOK {
		t.Fatalf("package page without a cookie: %d", r.Status)
	}
	if csp := r.Header.Get("Content-Security-Policy"); !strings.HasPrefix(csp, "sandbox allow-scripts allow-forms;") || !strings.Contains(csp, "frame-ancestors 'self'") {
		t.Errorf("package CSP = %q", csp)
	}
	if !regexp.MustCompile(`<head><script src="/static/scorm-api\.[0-9a-f]+\.js" data-ailit-kind="scorm12" data-ailit-api="/pkg/` + token + `/api"></script><meta`).MatchString(r.Body) {
		t.Errorf("the adapter is not the first script of the page:\n%s", r.Body)
	}
	if len(r.Header.Values("Set-Cookie")) > 0 || r.Header.Get("Referrer-Policy") != "no-referrer" {
		t.Errorf("package response sets cookies or leaks the referrer: %v", r.Header)
	}
	if js := anon.Get("/pkg/" + token + "/sco.js"); js.Status != http.StatusOK || !strings.Contains(js.Header.Get("Content-Type"), "javascript") {
		t.Errorf("sco.js: %d %s", js.Status, js.Header.Get("Content-Type"))
	}

	// Files outside the package, unknown tokens and another learner's launch are not reachable.
	for _, p := range []string{"/pkg/" + token + "/../lesson.md", "/pkg/" + token + "/%2e%2e/lesson.md",
		"/pkg/" + token + "/imsmanifest.xml/../../../course.yaml", "/pkg/erfunden/index.html"} {
		if r := anon.Get(p); r.Status != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", p, r.Status)
		}
	}
	env.CreateUser(t, "kollegin@stadt.example", pw, "learner")
	other := env.Client(t)
	other.Login("kollegin@stadt.example", pw)
	mustRedirect(t, other.Post(paketkurs+"/enroll", nil), paketkurs)
	otherToken := launch(t, other)
	play(t, env, otherToken, []step{{"Initialize", "", "", "true", 0}, {"SetValue", "cmi.core.lesson_location", "fremd", "true", 0}})
	play(t, env, token, []step{{"Initialize", "", "", "true", 0}, {"GetValue", "cmi.core.lesson_location", "", "", 0}})
	// Opening the module again ends the previous launch: its token answers 404.
	launch(t, learner)
	if r := anon.Get("/pkg/" + token + "/index.html"); r.Status != http.StatusNotFound {
		t.Errorf("an ended launch still serves files: %d", r.Status)
	}
}

func TestPackageModulePageAsksToEnrolFirst(t *testing.T) {
	t.Parallel()
	dir := copyExampleCourses(t)
	scormtest.WriteCourse(t, dir, "paketkurs", "scorm12", scormtest.Package("scorm12", ""))
	_, c := loggedIn(t, dir, "learner")
	r := c.Get(paketModul)
	if r.Status != http.StatusOK || strings.Contains(r.Body, "<iframe") || !strings.Contains(r.Body, "schreiben Sie sich zuerst") {
		t.Errorf("status %d\n%s", r.Status, r.Body)
	}
}

// Reloading the package page: the new page may initialize before the old page's unload beacon
// arrives. The new page then runs the session, and the late beacon ends nothing, so the learner's
// next answers are stored (the browser journey saw "Fall 1" again after a reload under load).
func TestALateUnloadBeaconOfTheReloadedPageEndsNothing(t *testing.T) {
	t.Parallel()
	env, c := packageEnv(t, "scorm12")
	token := launch(t, c)
	call := func(page, method, element, value string) answer {
		t.Helper()
		body, _ := json.Marshal(map[string]string{"method": method, "element": element, "value": value, "page": page})
		got, status := rawAPI(t, env, token, string(body))
		if status != http.StatusOK {
			t.Fatalf("%s from page %s: status %d", method, page, status)
		}
		return got
	}
	if got := call("alt", "Initialize", "", ""); got.Result != "true" {
		t.Fatalf("first page: %+v", got)
	}
	call("alt", "SetValue", "cmi.core.lesson_location", "fall-1")
	if got := call("neu", "Initialize", "", ""); got.Result != "true" || got.Error != 0 {
		t.Fatalf("the reloaded page could not initialize while the old one's session ran: %+v", got)
	}
	if got := call("alt", "Abandon", "", ""); got.Result != "false" {
		t.Errorf("the late beacon of the old page ended the new page's session: %+v", got)
	}
	if got := call("neu", "SetValue", "cmi.core.lesson_location", "fall-2"); got.Result != "true" {
		t.Errorf("the new page's session does not run: %+v", got)
	}
	call("neu", "Commit", "", "")
	if got := call("neu", "GetValue", "cmi.core.lesson_location", ""); got.Result != "fall-2" {
		t.Errorf("stored %+v, want fall-2", got)
	}
	if got := call("neu", "Abandon", "", ""); got.Result != "true" {
		t.Errorf("the current page's own beacon must end its session: %+v", got)
	}
}
