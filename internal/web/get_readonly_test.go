package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/webtest"
)

// getWritesByDesign are the GET routes that write on purpose: every view and export of personal
// data for managers is logged (the access log the staff council reads), and each opening of a
// package module is a new launch with a new token.
var getWritesByDesign = map[string]string{
	"/team":                                 "the view is logged",
	"/reports":                              "the view is logged",
	"/reports/dashboard":                    "the view is logged",
	"/reports/evidence":                     "the view is logged",
	"/reports/ai-systems":                   "the view is logged",
	"/reports/export":                       "the export is logged",
	"/courses/:course/v/:version/m/:module": "a package module is launched (the example course has none)",
}

// TestGETPagesOnlyRead opens every GET route of the route table as every role, with a learner who
// is enrolled, has read a lesson and has an open quiz attempt, and fails when a page view writes to
// the database (issue 23: a page view queues behind nothing, and no GET changes state).
func TestGETPagesOnlyRead(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	clients := map[string]*webtest.Client{}
	for _, role := range store.AllRoles {
		env.CreateUser(t, role+"@stadt.example", pw, role)
		c := env.Client(t)
		c.Login(role+"@stadt.example", pw)
		clients[role] = c
	}
	// The learner is in the middle of the course: enrolled, a lesson read, a quiz attempt open.
	learner := clients[store.RoleLearner]
	learner.Post("/courses/ki-grundlagen/enroll", nil)
	learner.Get("/courses/ki-grundlagen/v/1.1.0/m/was-ist-ki")
	learner.Post("/courses/ki-grundlagen/v/1.1.0/m/was-ist-ki/done", nil)
	_, attempt := startAttempt(t, learner, "/courses/ki-grundlagen/v/1.1.0/m/was-ist-ki/quiz")

	// A save leaves a flash message for the next page; showing it writes nothing either.
	learner.Get(attempt)
	if r := learner.Post(attempt+"/save", nil); r.Status != http.StatusSeeOther {
		t.Fatalf("saving: %d", r.Status)
	}
	before := env.Store.Writes()
	page := learner.Get(attempt)
	if !strings.Contains(page.Body, "gespeichert") {
		t.Errorf("the page after the save does not show the flash message")
	}
	if wrote := env.Store.Writes() - before; wrote > 0 {
		t.Errorf("the page showing the flash message wrote %d statements", wrote)
	}
	if again := learner.Get(attempt); strings.Contains(again.Body, "gespeichert") {
		t.Errorf("the flash message shows twice")
	}

	fill := strings.NewReplacer(":course", "ki-grundlagen", ":version", "1.1.0", ":module", "was-ist-ki")
	checked := 0
	for _, r := range env.App.Routes() {
		if r.Method != http.MethodGet || r.Access.Name == "launch-token" {
			continue
		}
		path := samplePath(fill.Replace(r.Path))
		for who, c := range clients {
			c.Get("/account") // the session is touched (at most once a minute) before we count
			before := env.Store.Writes()
			resp := c.Get(path + "?" + url.Values{"q": {"x"}}.Encode())
			wrote := env.Store.Writes() - before
			if resp.Status >= 500 {
				t.Errorf("GET %s as %s: %d", path, who, resp.Status)
			}
			if why, ok := getWritesByDesign[r.Path]; wrote > 0 && !ok {
				t.Errorf("GET %s as %s (status %d) wrote %d statements; a page view must only read", path, who, resp.Status, wrote)
			} else if ok && wrote > 0 {
				t.Logf("GET %s as %s wrote %d statements by design: %s", path, who, wrote, why)
			}
			checked++
		}
	}
	if checked < 100 {
		t.Fatalf("only %d page views checked", checked)
	}
	t.Logf("%d page views checked", checked)
}
