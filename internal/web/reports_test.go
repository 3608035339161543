package web_test

import (
	"bytes"
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ailit/ailit/internal/demo"
	"github.com/ailit/ailit/internal/report"
	"github.com/ailit/ailit/internal/reporting"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/webtest"
)

type reportEnv struct {
	env     *webtest.Env
	res     *demo.Result
	manager *webtest.Client
	admin   *webtest.Client
	amtPath string
}

// newReportEnv seeds a demo organisation with two Ämter; the manager manages the first.
func newReportEnv(t *testing.T) *reportEnv {
	t.Helper()
	env := webtest.New(t)
	ctx := context.Background()
	res, err := demo.Seed(ctx, env.Store, env.Library, demo.Options{Users: 60, Units: 12, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Amts) < 2 {
		t.Fatalf("want two Ämter, got %d", len(res.Amts))
	}
	m := env.CreateUser(t, "chefin@example.org", "correct horse battery", store.RoleManager)
	if err := env.Store.AddManagerUnit(ctx, m.ID, res.Amts[0]); err != nil {
		t.Fatal(err)
	}
	env.CreateUser(t, "admin@example.org", "correct horse battery", store.RoleAdmin)
	re := &reportEnv{env: env, res: res, manager: env.Client(t), admin: env.Client(t)}
	re.manager.Login("chefin@example.org", "correct horse battery")
	re.admin.Login("admin@example.org", "correct horse battery")
	src, err := reporting.New(ctx, env.Store, env.Library, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	re.amtPath = src.UnitPath(res.Amts[0])
	return re
}

func TestManagerCSVExportIsScopedStreamedVerifiableAndLogged(t *testing.T) {
	re := newReportEnv(t)
	r := re.manager.Get("/reports/export?format=csv")
	if r.Status != 200 {
		t.Fatalf("status %d: %s", r.Status, r.Body)
	}
	want := `attachment; filename="ki-kompetenz-bericht-` + time.Now().UTC().Format(time.DateOnly) + `.csv"`
	if got := r.Header.Get("Content-Disposition"); got != want {
		t.Errorf("Content-Disposition %q, want %q", got, want)
	}
	if !strings.HasPrefix(r.Body, "\uFEFF") || !strings.Contains(r.Body, "Name;E-Mail;") {
		t.Errorf("not a German Excel CSV: %.200q", r.Body)
	}
	if err := report.VerifyCSV(strings.NewReader(r.Body)); err != nil {
		t.Fatalf("downloaded CSV does not verify: %v", err)
	}
	persons := strings.Split(strings.Split(r.Body, "Personen\r\n")[1], "\r\n\r\n")[0]
	lines := strings.Split(persons, "\r\n")[1:]
	if len(lines) == 0 {
		t.Fatal("no person rows for the manager")
	}
	for _, l := range lines {
		if !strings.Contains(l, re.amtPath) {
			t.Fatalf("row outside the manager's Amt %q: %s", re.amtPath, l)
		}
	}
	logged, n, err := re.env.Store.ReportExports(context.Background(), 0, 10)
	if err != nil || n != 1 || logged[0].Kind != store.ReportExported || logged[0].RowCount != int64(len(lines)) || logged[0].Hash == "" {
		t.Fatalf("export log %+v (n=%d, err %v), want one export of %d rows", logged, n, err, len(lines))
	}
	if !strings.Contains(r.Body, logged[0].Hash) {
		t.Error("the logged hash is not the file's hash")
	}
	if re.eventCount(t, store.EventReportExported) != 1 {
		t.Error("the export is not in the evidence log")
	}
}

func (re *reportEnv) eventCount(t *testing.T, typ string) int64 {
	var n int64
	if err := re.env.Store.R.Model(&store.EvidenceEvent{}).Where("type = ?", typ).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func TestXLSXPDFAndJSONExportsVerify(t *testing.T) {
	re := newReportEnv(t)
	for _, path := range []string{"/reports/export?format=xlsx", "/reports/export?format=pdf", "/reports/export?format=json",
		"/reports/evidence?format=pdf", "/reports/evidence?format=xlsx"} {
		r := re.manager.Get(path)
		if r.Status != 200 || !strings.HasPrefix(r.Header.Get("Content-Disposition"), "attachment;") {
			t.Fatalf("%s: status %d, disposition %q", path, r.Status, r.Header.Get("Content-Disposition"))
		}
		body := []byte(r.Body)
		var err error
		switch {
		case strings.Contains(path, "xlsx"):
			err = report.VerifyXLSX(bytes.NewReader(body))
		case strings.Contains(path, "pdf"):
			err = report.VerifyPDF(bytes.NewReader(body))
		default:
			err = report.VerifyJSON(bytes.NewReader(body))
		}
		if err != nil {
			t.Errorf("%s does not verify: %v", path, err)
		}
	}
	r := re.manager.Get("/reports/export?format=xlsx")
	f, err := excelize.OpenReader(strings.NewReader(r.Body))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Personen")
	if err != nil || len(rows) < 2 || !strings.Contains(strings.Join(rows[1], "|"), re.amtPath) {
		t.Fatalf("XLSX person sheet: %v (err %v)", rows, err)
	}
	pdf := re.manager.Get("/reports/evidence?format=pdf")
	if !strings.Contains(pdf.Header.Get("Content-Disposition"), "ki-kompetenz-nachweis-") {
		t.Errorf("evidence file name: %q", pdf.Header.Get("Content-Disposition"))
	}
}

func TestSwitchingToAggregateIsLoggedAndHidesPeople(t *testing.T) {
	re := newReportEnv(t)
	page := re.manager.Get("/reports")
	if page.Status != 200 || !strings.Contains(page.Body, re.amtPath) || !strings.Contains(page.Body, "<th class=\"kern-table__header\" scope=\"col\">Name</th>") {
		t.Fatalf("status view: %d", page.Status)
	}
	re.admin.Get("/admin/settings")
	r := re.admin.Post("/admin/settings", url.Values{"level": {"aggregate"}, "k": {"5"}, "legal": {"Rechtsstand 2026"}})
	if r.Status != 303 {
		t.Fatalf("saving settings: %d %s", r.Status, r.Body)
	}
	if re.eventCount(t, store.EventReportSettingsChanged) != 1 {
		t.Error("the change of privacy level is not in the evidence log")
	}
	page = re.manager.Get("/reports")
	if strings.Contains(page.Body, "scope=\"col\">Name</th>") || !strings.Contains(page.Body, "Zuweisungen") {
		t.Error("aggregate view still shows person columns")
	}
	csv := re.manager.Get("/reports/export?format=csv").Body
	if strings.Contains(csv, "Personen\r\n") || strings.Contains(csv, "@demo.example") {
		t.Error("aggregate CSV contains people")
	}
	if !strings.Contains(re.manager.Get("/reports/evidence?format=json").Body, "Rechtsstand 2026") {
		t.Error("evidence report lacks the legal wording from the settings")
	}
	if r := re.admin.Post("/admin/settings", url.Values{"level": {"everything"}, "k": {"1"}, "legal": {"x"}}); r.Status != 422 {
		t.Errorf("invalid settings: status %d", r.Status)
	}
}

func TestDashboardShowsAccessibleChartsAndLearnersAreRefused(t *testing.T) {
	re := newReportEnv(t)
	r := re.manager.Get("/reports/dashboard")
	if r.Status != 200 {
		t.Fatalf("dashboard: %d", r.Status)
	}
	for _, want := range []string{"<svg", "role=\"img\"", "<caption", "Abschlussquote je Einheit"} {
		if !strings.Contains(r.Body, want) {
			t.Errorf("dashboard lacks %q", want)
		}
	}
	if strings.Contains(r.Body, "style=") {
		t.Error("dashboard has inline styles (CSP)")
	}
	exports := re.admin.Get("/admin/exports")
	if !strings.Contains(exports.Body, "chefin@example.org") {
		t.Error("admin export log does not list the manager's dashboard view")
	}
	re.env.CreateUser(t, "lerner@example.org", "correct horse battery", store.RoleLearner)
	l := re.env.Client(t)
	l.Login("lerner@example.org", "correct horse battery")
	if r := l.Get("/reports/export?format=csv"); r.Status != 403 {
		t.Errorf("learner export: %d", r.Status)
	}
}

func TestTeamPageFollowsThePrivacyLevelSetByTheAdmin(t *testing.T) {
	env := webtest.New(t) // operator default: status
	ctx := context.Background()
	amt, _ := env.Store.CreateOrgUnit(ctx, nil, "Ordnungsamt")
	lea := env.CreateUser(t, "lea@stadt.example", pw, store.RoleLearner)
	env.Store.SetUserOrgUnit(ctx, lea.ID, &amt.ID)
	chef := env.CreateUser(t, "chef@stadt.example", pw, store.RoleManager)
	env.Store.AddManagerUnit(ctx, chef.ID, amt.ID)
	due := time.Now().AddDate(0, 1, 0)
	a := &store.Assignment{CourseID: "ki-grundlagen", Title: "KI-Basis", DueKind: "fixed", DueDate: &due, CreatedBy: chef.ID,
		Targets: []store.AssignmentTarget{{Kind: store.TargetUnit, OrgUnitID: &amt.ID}}}
	env.Store.SaveAssignment(ctx, a)
	env.Store.SyncAssignment(ctx, a, nil)
	m := env.Client(t)
	m.Login("chef@stadt.example", pw)
	if r := m.Get("/team"); !strings.Contains(r.Body, `scope="row">lea<`) {
		t.Fatalf("status level: the team page does not list Lea:\n%s", r.Body)
	}
	old, _ := env.Store.ReportSettings(ctx, "status")
	next := old
	next.Level = "aggregate"
	if err := env.Store.SaveReportSettings(ctx, chef.ID, old, next); err != nil {
		t.Fatal(err)
	}
	r := m.Get("/team")
	if strings.Contains(r.Body, `scope="row">lea<`) || !strings.Contains(r.Body, "kleiner als 5 Personen") {
		t.Fatalf("after the admin chose aggregate, the team page still shows people:\n%s", r.Body)
	}
}
