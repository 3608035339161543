package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/api"
	"github.com/ailit/ailit/internal/compliance"
	"github.com/ailit/ailit/internal/report"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/webtest"
)

// orgWithAssignment places n people with personnel numbers in one unit, assigns them the example
// course, and records a completion for the first done of them.
func orgWithAssignment(t *testing.T, env *webtest.Env, n, done int) []*store.User {
	t.Helper()
	ctx := context.Background()
	unit, err := env.Store.CreateOrgUnit(ctx, nil, "Ordnungsamt")
	if err != nil {
		t.Fatal(err)
	}
	admin := env.CreateUser(t, "admin@stadt.example", "geheim-geheim-1", "admin")
	var us []*store.User
	for i := range n {
		u := env.CreateUser(t, fmt.Sprintf("person%02d@stadt.example", i), "geheim-geheim-1", "learner")
		number := fmt.Sprintf("0%03d", i+1)
		env.Store.TestWriter().Model(u).Updates(map[string]any{"org_unit_id": unit.ID, "personnel_number": number})
		us = append(us, u)
	}
	due := env.Store.Now().AddDate(0, 1, 0)
	a := &store.Assignment{CourseID: "ki-grundlagen", Title: "KI-Basis", DueKind: "fixed", DueDate: &due, CreatedBy: admin.ID,
		Targets: []store.AssignmentTarget{{Kind: store.TargetUnit, OrgUnitID: &unit.ID}}}
	if err := env.Store.SaveAssignment(ctx, a); err != nil {
		t.Fatal(err)
	}
	if _, err := env.Store.SyncAssignment(ctx, a, compliance.Pin(env.Library)); err != nil {
		t.Fatal(err)
	}
	completePeople(t, env, us[:done])
	return us
}

func TestEvidenceReportIsTheNachweisWithAVerifiableHashAndAnETag(t *testing.T) {
	env := newEnv(t)
	us := orgWithAssignment(t, env, 6, 3)
	tok := newToken(t, env, api.TokenSpec{Name: "DMS", Scopes: []string{"evidence:read"}})
	r := call(t, env, http.MethodGet, "/api/v1/reports/evidence?unit_path=Ordnungsamt", tok, nil)
	if r.Status != http.StatusOK || r.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	if err := report.VerifyJSON(bytes.NewReader(r.Body)); err != nil {
		t.Errorf("the integrity hash does not verify: %v", err)
	}
	var doc struct {
		Meta struct {
			Title string
		}
		Sections []struct{ Key string }
	}
	json.Unmarshal(r.Body, &doc)
	if doc.Meta.Title != "Nachweis KI-Kompetenz (Art. 4 KI-Verordnung)" || len(doc.Sections) < 2 || !strings.Contains(string(r.Body), "KI-Basis") {
		t.Fatalf("not the Nachweis: %.600s", r.Body)
	}
	etag := r.Header.Get("ETag")
	if !strings.HasPrefix(etag, `W/"`) {
		t.Fatalf("ETag %q", etag)
	}
	// The same content: 304, although the first answer was logged in the evidence log meanwhile.
	r = call(t, env, http.MethodGet, "/api/v1/reports/evidence?unit_path=Ordnungsamt", tok, nil, "If-None-Match", etag)
	if r.Status != http.StatusNotModified || len(r.Body) != 0 {
		t.Fatalf("unchanged: %d", r.Status)
	}
	var exports []store.ReportExport
	env.Store.TestReader().Find(&exports)
	if len(exports) != 1 || exports[0].Actor != "api:DMS (#1)" || exports[0].Kind != store.ReportEvidence || exports[0].RowCount == 0 {
		t.Errorf("export log: %+v", exports)
	}
	completePeople(t, env, us[3:4])
	r = call(t, env, http.MethodGet, "/api/v1/reports/evidence?unit_path=Ordnungsamt", tok, nil, "If-None-Match", etag, "Accept-Language", "en")
	if r.Status != http.StatusOK || r.Header.Get("ETag") == etag || !strings.Contains(string(r.Body), "AI literacy record") {
		t.Fatalf("after a completion, in English: %d %.200s", r.Status, r.Body)
	}
	for _, q := range []string{"?unit=999", "?unit_path=Nirgendwo", "?from=2026-13-01", "?status=fertig", "?from=2026-05-01&to=2026-04-01"} {
		if r := call(t, env, http.MethodGet, "/api/v1/reports/evidence"+q, tok, nil); r.Status != 422 || len(r.problem(t).Errors) == 0 {
			t.Errorf("%s: %d %s", q, r.Status, r.Body)
		}
	}
}

func TestReportsAndStatusFollowThePrivacyLevel(t *testing.T) {
	env := newEnv(t)
	orgWithAssignment(t, env, 6, 2)
	ctx := context.Background()
	tok := newToken(t, env, scoped(api.ScopeReportsRead, api.ScopeAssignmentsRead, api.ScopeCompletionsRead))

	r := call(t, env, http.MethodGet, "/api/v1/assignments/status?personnel_number=0001", tok, nil)
	var st struct {
		Person      struct{ Email string }
		Assignments []struct {
			Title, State string
			RecordID     string `json:"record_id"`
		}
	}
	r.decode(t, &st)
	if r.Status != 200 || st.Person.Email != "person00@stadt.example" || len(st.Assignments) != 1 || st.Assignments[0].State != "completed" ||
		st.Assignments[0].RecordID == "" {
		t.Fatalf("status of person 1: %d %s", r.Status, r.Body)
	}
	r = call(t, env, http.MethodGet, "/api/v1/assignments/status?email=PERSON05@stadt.example", tok, nil)
	r.decode(t, &st)
	if st.Assignments[0].State != "not_started" {
		t.Fatalf("status of person 6: %s", r.Body)
	}
	if r := call(t, env, http.MethodGet, "/api/v1/assignments/status?email=niemand@stadt.example", tok, nil); r.Status != 404 {
		t.Errorf("unknown person: %d", r.Status)
	}
	if r := call(t, env, http.MethodGet, "/api/v1/assignments/status?email=a@b&personnel_number=1", tok, nil); r.Status != 422 {
		t.Errorf("both keys: %d", r.Status)
	}
	r = call(t, env, http.MethodGet, "/api/v1/reports/persons", tok, nil)
	if r.Status != 200 || !strings.Contains(string(r.Body), "person00@stadt.example") {
		t.Fatalf("person report at the status level: %d %.300s", r.Status, r.Body)
	}

	// At the aggregate level: counts per unit, and no individual status or completion.
	rs, _ := env.Store.ReportSettings(ctx, env.Config.PrivacyLevel)
	agg := rs
	agg.Level = string(report.LevelAggregate)
	if err := env.Store.SaveReportSettings(ctx, 1, rs, agg); err != nil {
		t.Fatal(err)
	}
	r = call(t, env, http.MethodGet, "/api/v1/reports/persons", tok, nil)
	if r.Status != 200 || strings.Contains(string(r.Body), "person00@") || !strings.Contains(string(r.Body), "Ordnungsamt") {
		t.Fatalf("person report at the aggregate level: %d %.400s", r.Status, r.Body)
	}
	for _, path := range []string{"/api/v1/assignments/status?personnel_number=0001", "/api/v1/completions"} {
		if r := call(t, env, http.MethodGet, path, tok, nil); r.Status != 403 || r.problem(t).Type != "urn:ailit:problem:privacy-level" {
			t.Errorf("%s at the aggregate level: %d %s", path, r.Status, r.Body)
		}
	}
}
