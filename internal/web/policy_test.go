package web_test

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/assign"
	"github.com/ailit/ailit/internal/compliance"
	"github.com/ailit/ailit/internal/measure"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/webtest"
)

// policyEnv is the example courses plus the shipped AI policy, with a learner assigned to it.
func policyEnv(t *testing.T) (*webtest.Env, string, *store.User, *store.Assignment) {
	t.Helper()
	dir := copyExampleCourses(t)
	src := filepath.Join(webtest.RepoRoot(t), "courses", "dienstanweisung-ki")
	if err := os.CopyFS(filepath.Join(dir, "dienstanweisung-ki"), os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	env := webtest.New(t, webtest.Options{CoursesDir: dir})
	ctx := context.Background()
	admin := env.CreateUser(t, "admin@stadt.example", pw, store.RoleAdmin)
	lea := env.CreateUser(t, "lea@stadt.example", pw, store.RoleLearner)
	due := time.Now().AddDate(0, 2, 0)
	a := &store.Assignment{Title: "Dienstanweisung KI", DueKind: assign.DueFixed, DueDate: &due, CreatedBy: admin.ID,
		Targets: []store.AssignmentTarget{{Kind: store.TargetUser, UserID: &lea.ID}}}
	a.SetMeasure(measure.Ref{Kind: measure.Policy, ID: "dienstanweisung-ki"})
	if err := env.Store.SaveAssignment(ctx, a); err != nil {
		t.Fatal(err)
	}
	if _, err := env.Store.SyncAssignment(ctx, a, compliance.Pin(env.Library)); err != nil {
		t.Fatal(err)
	}
	return env, dir, lea, a
}

func policyState(t *testing.T, env *webtest.Env, a *store.Assignment) assign.State {
	t.Helper()
	recs, err := env.Store.MemberRecords(context.Background(), store.Scope{All: true}, store.RecordFilter{AssignmentID: a.ID})
	if err != nil || len(recs) != 1 {
		t.Fatalf("records %v, %v", recs, err)
	}
	ev, err := compliance.Evaluate(context.Background(), env.Store, env.Library, recs, env.Store.Now())
	if err != nil {
		t.Fatal(err)
	}
	return ev[0].State
}

func TestConfirmingThePolicyCompletesTheAssignmentAndANewMajorVersionAsksAgain(t *testing.T) {
	t.Parallel()
	env, dir, lea, a := policyEnv(t)
	c := env.Client(t)
	c.Login("lea@stadt.example", pw)

	if home := c.Get("/"); !strings.Contains(home.Body, `href="/policies/dienstanweisung-ki"`) || !strings.Contains(home.Body, "Dienstanweisung</span>") {
		t.Fatalf("the dashboard does not offer the policy as a measure:\n%s", home.Body)
	}
	page := c.Get("/policies/dienstanweisung-ki")
	if page.Status != 200 || !strings.Contains(page.Body, "Dienstanweisung zur Nutzung von KI") ||
		!strings.Contains(page.Body, "Bitte lesen und bestätigen") || !strings.Contains(page.Body, `name="read"`) {
		t.Fatalf("policy page %d:\n%s", page.Status, page.Body)
	}
	v1 := env.Library.Catalog().Policy("dienstanweisung-ki").Latest()
	form := url.Values{"version": {"1.0.0"}, "hash": {v1.Hash}}
	if r := c.Post("/policies/dienstanweisung-ki/confirm", form); r.Status != 422 || !strings.Contains(r.Body, "Bitte setzen Sie das Häkchen") {
		t.Fatalf("confirm without the box: %d", r.Status)
	}
	if st := policyState(t, env, a); st == assign.Completed {
		t.Fatal("the assignment is completed before the confirmation")
	}
	form.Set("read", "1")
	if r := c.Post("/policies/dienstanweisung-ki/confirm", form); r.Status != 303 {
		t.Fatalf("confirm: %d %s", r.Status, r.Body)
	}
	page = c.Get("/policies/dienstanweisung-ki")
	if !strings.Contains(page.Body, "Sie haben diese Dienstanweisung bestätigt") || strings.Contains(page.Body, `name="read"`) {
		t.Fatalf("after confirming:\n%s", page.Body)
	}
	if st := policyState(t, env, a); st != assign.Completed {
		t.Fatalf("assignment status after the confirmation: %s", st)
	}
	if home := c.Get("/"); !strings.Contains(home.Body, "Weitere Maßnahmen, die Sie abgeschlossen haben") || !strings.Contains(home.Body, ">Dienstanweisung zur Nutzung von KI</a>") {
		t.Fatalf("the dashboard does not list the confirmed policy:\n%s", home.Body)
	}

	// A new major version: the page asks again and the assignment is open again.
	if err := os.CopyFS(filepath.Join(dir, "dienstanweisung-ki", "2.0.0"), os.DirFS(filepath.Join(dir, "dienstanweisung-ki", "1.0.0"))); err != nil {
		t.Fatal(err)
	}
	yamlPath := filepath.Join(dir, "dienstanweisung-ki", "2.0.0", "policy.yaml")
	b, _ := os.ReadFile(yamlPath)
	os.WriteFile(yamlPath, []byte(strings.Replace(string(b), "version: 1.0.0", "version: 2.0.0\nchange: major", 1)), 0o644)
	if _, err := env.Library.Reload(); err != nil {
		t.Fatal(err)
	}
	page = c.Get("/policies/dienstanweisung-ki")
	if !strings.Contains(page.Body, "Sie haben Fassung 1.0.0 bestätigt. Fassung 2.0.0 ändert die Regeln wesentlich") {
		t.Fatalf("after a major version:\n%s", page.Body)
	}
	if st := policyState(t, env, a); st == assign.Completed {
		t.Fatal("a confirmation of 1.0.0 still completes the assignment after 2.0.0 (major)")
	}
	// A form of the old version is refused: the person must read the new one.
	if r := c.Post("/policies/dienstanweisung-ki/confirm", form); r.Status != 422 || !strings.Contains(r.Body, "neue Fassung veröffentlicht") {
		t.Fatalf("confirming the old version after the major release: %d", r.Status)
	}
	v2 := env.Library.Catalog().Policy("dienstanweisung-ki").Latest()
	if r := c.Post("/policies/dienstanweisung-ki/confirm", url.Values{"version": {"2.0.0"}, "hash": {v2.Hash}, "read": {"1"}}); r.Status != 303 {
		t.Fatalf("confirm 2.0.0: %d", r.Status)
	}
	if st := policyState(t, env, a); st != assign.Completed {
		t.Fatalf("assignment status after confirming 2.0.0: %s", st)
	}
	ac := env.Client(t)
	ac.Login("admin@stadt.example", pw)
	csv := ac.Get("/reports/export?format=csv")
	if csv.Status != 200 || !strings.Contains(csv.Body, "policy:dienstanweisung-ki") || !strings.Contains(csv.Body, "Dienstanweisung zur Nutzung von KI") {
		t.Fatalf("the report lacks the policy as a measure (%d):\n%s", csv.Status, csv.Body)
	}
	if r := ac.Get("/reports?course=policy:dienstanweisung-ki"); r.Status != 200 || !strings.Contains(r.Body, `value="policy:dienstanweisung-ki" selected`) ||
		!strings.Contains(r.Body, "Dienstanweisung zur Nutzung von KI (Dienstanweisung)") {
		t.Fatalf("the report filter does not offer the policy (%d)", r.Status)
	}
	if team := ac.Get("/team"); !strings.Contains(team.Body, `Dienstanweisung KI <span class="kern-badge"><span class="kern-label">Dienstanweisung</span>`) {
		t.Fatalf("Mein Team does not show the measure's kind:\n%s", team.Body)
	}
	cs, _ := env.Store.CompletionsOfUser(context.Background(), lea.ID)
	if len(cs) != 2 || cs[0].Version != "2.0.0" || cs[0].ContentHash != v2.Hash || cs[1].ContentHash != v1.Hash {
		t.Fatalf("confirmations recorded: %+v", cs)
	}
}

func TestAnUnknownPolicyIsNotFound(t *testing.T) {
	t.Parallel()
	env, _, _, _ := policyEnv(t)
	c := env.Client(t)
	c.Login("lea@stadt.example", pw)
	if r := c.Get("/policies/gibt-es-nicht"); r.Status != 404 {
		t.Fatalf("status %d", r.Status)
	}
}

func TestAdminAssignsAPolicyButNoMeasureThatDoesNotExist(t *testing.T) {
	t.Parallel()
	env, _, _, _ := policyEnv(t)
	ctx := context.Background()
	unit, _ := env.Store.CreateOrgUnit(ctx, nil, "Bürgeramt")
	c := env.Client(t)
	c.Login("admin@stadt.example", pw)
	page := c.Get("/admin/assignments")
	for _, want := range []string{`value="policy:dienstanweisung-ki"`, `value="external:sonstiger-nachweis"`, `value="ki-grundlagen"`} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("the assignment form does not offer %s", want)
		}
	}
	form := url.Values{"title": {"Dienstanweisung"}, "unit_id": {strconv.FormatInt(unit.ID, 10)},
		"due_kind": {"after_joining"}, "due_days": {"30"}}
	for _, bad := range []string{"session:gibt-es-nicht", "policy:gibt-es-nicht", "webinar:x"} {
		form.Set("course_id", bad)
		if r := c.Post("/admin/assignments", form); r.Status != 422 {
			t.Errorf("an assignment of %s: %d, want 422", bad, r.Status)
		}
	}
	form.Set("course_id", "policy:dienstanweisung-ki")
	if r := c.Post("/admin/assignments", form); r.Status != 303 {
		t.Fatalf("assigning the policy: %d", r.Status)
	}
	as, _ := env.Store.Assignments(ctx)
	if as[0].Measure() != (measure.Ref{Kind: measure.Policy, ID: "dienstanweisung-ki"}) {
		t.Fatalf("stored measure %v", as[0].Measure())
	}
}
