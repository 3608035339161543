package web_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"net/url"
	"regexp"
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
	t.Parallel()
	re := newReportEnv(t)
	r := re.manager.Get("/reports/export?format=csv")
	if r.Status != 200 {
		t.Fatalf("status %d: %s", r.Status, r.Body)
	}
	file := "ki-kompetenz-bericht-" + time.Now().UTC().Format(time.DateOnly) + ".csv"
	if got := r.Header.Get("Content-Disposition"); got != `attachment; filename="`+file+`"` {
		t.Errorf("Content-Disposition %q, want the file %s", got, file)
	}
	if !strings.HasPrefix(r.Body, "\uFEFFPseudonym;Personalnummer;Name;E-Mail;") {
		t.Errorf("line 1 is not the header of a German Excel CSV: %.200q", r.Body)
	}
	cr := csv.NewReader(strings.NewReader(strings.TrimPrefix(r.Body, "\uFEFF")))
	cr.Comma = ';'
	records, err := cr.ReadAll()
	if err != nil {
		t.Fatalf("a standard CSV reader cannot read the download: %v", err)
	}
	lines := records[1:]
	if len(lines) == 0 {
		t.Fatal("no person rows for the manager")
	}
	for _, l := range lines {
		if l[4] != re.amtPath && !strings.HasPrefix(l[4], re.amtPath+" / ") {
			t.Fatalf("row outside the manager's Amt %q: %s", re.amtPath, l)
		}
	}
	logged, n, err := re.env.Store.ReportExports(context.Background(), 0, 10)
	if err != nil || n != 1 || logged[0].Kind != store.ReportExported || logged[0].RowCount != int64(len(lines)) || logged[0].Hash == "" {
		t.Fatalf("export log %+v (n=%d, err %v), want one export of %d rows", logged, n, err, len(lines))
	}
	if re.eventCount(t, store.EventReportExported) != 1 {
		t.Error("the export is not in the evidence log")
	}

	page := re.manager.Get("/reports")
	link := fmt.Sprintf("/reports/files/%d/integrity.json", logged[0].ID)
	if !strings.Contains(page.Body, `href="`+link+`"`) || !strings.Contains(page.Body, file+".integrity.json") {
		t.Fatalf("the report page offers no integrity file for the export: %s", link)
	}
	sidecar := re.manager.Get(link)
	if sidecar.Status != 200 || sidecar.Header.Get("Content-Disposition") != `attachment; filename="`+file+`.integrity.json"` {
		t.Fatalf("integrity file: status %d, %q", sidecar.Status, sidecar.Header.Get("Content-Disposition"))
	}
	if err := report.VerifyCSV(strings.NewReader(r.Body), []byte(sidecar.Body)); err != nil {
		t.Fatalf("the downloaded pair does not verify: %v", err)
	}
	sc, _ := report.ParseSidecar([]byte(sidecar.Body))
	if sc.SHA256 != logged[0].Hash || sc.Records != int64(len(lines)) || sc.PrivacyLevel != "status" || sc.Evidence == nil || sc.Evidence.EntryHash == "" {
		t.Errorf("integrity file %+v does not match the export log (hash %s)", sc, logged[0].Hash)
	}
	changed := strings.Replace(r.Body, lines[0][2], "X"+lines[0][2][1:], 1)
	if err := report.VerifyCSV(strings.NewReader(changed), []byte(sidecar.Body)); !errors.Is(err, report.ErrIntegrity) {
		t.Errorf("a changed CSV verifies: %v", err)
	}
	if re.admin.Get(link).Status != 200 {
		t.Error("the admin cannot download the integrity file from the export log")
	}
	re.env.CreateUser(t, "zweite@example.org", "correct horse battery", store.RoleManager)
	c := re.env.Client(t)
	c.Login("zweite@example.org", "correct horse battery")
	if got := c.Get(link).Status; got != 404 {
		t.Errorf("another manager gets the integrity file of someone else's export: status %d", got)
	}
	if !strings.Contains(re.admin.Get("/admin/exports").Body, `href="`+link+`"`) {
		t.Error("the export log does not link the integrity file")
	}
}

func (re *reportEnv) eventCount(t *testing.T, typ string) int64 {
	var n int64
	if err := re.env.Store.TestReader().Model(&store.EvidenceEvent{}).Where("type = ?", typ).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func TestXLSXPDFAndJSONExportsVerify(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
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
	units := re.manager.Get("/reports/export?format=csv").Body
	if !strings.HasPrefix(units, "\uFEFFEinheit;Personen;") || strings.Contains(units, "@demo.example") {
		t.Errorf("aggregate CSV is not the table of units: %.100q", units)
	}
	if !strings.Contains(re.manager.Get("/reports/evidence?format=json").Body, "Rechtsstand 2026") {
		t.Error("evidence report lacks the legal wording from the settings")
	}
	if r := re.admin.Post("/admin/settings", url.Values{"level": {"everything"}, "k": {"1"}, "legal": {"x"}}); r.Status != 422 {
		t.Errorf("invalid settings: status %d", r.Status)
	}
}

func TestDashboardShowsAccessibleChartsAndLearnersAreRefused(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
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

func TestReportTableShowsWhatAManagerNeedsAndRemembersTheChosenColumns(t *testing.T) {
	t.Parallel()
	re := newReportEnv(t)
	page := re.manager.Get("/reports")
	headers := regexp.MustCompile(`<th class="kern-table__header" scope="col">([^<]*)</th>`)
	var got []string
	for _, m := range headers.FindAllStringSubmatch(page.Body, -1) {
		got = append(got, m[1])
	}
	if want := "Name|Organisationseinheit|Kurstitel|Status|Fällig am|Abgeschlossen am"; strings.Join(got, "|") != want {
		t.Errorf("default columns = %s, want %s", strings.Join(got, "|"), want)
	}
	for _, box := range []string{`name="col" value="name" checked`, `name="col" value="personnel_number" aria-describedby`, `name="col" value="competence_areas" aria-describedby`} {
		if !strings.Contains(page.Body, box) {
			t.Errorf("column form lacks %q", box)
		}
	}
	page = re.manager.Get("/reports?col=personnel_number&col=name&col=competence_areas")
	got = got[:0]
	for _, m := range headers.FindAllStringSubmatch(page.Body, -1) {
		got = append(got, m[1])
	}
	if want := "Personalnummer|Name|Kompetenzbereiche"; strings.Join(got, "|") != want {
		t.Errorf("chosen columns = %s, want %s", strings.Join(got, "|"), want)
	}
	if !strings.Contains(page.Body, `name="col" value="personnel_number" checked`) || strings.Contains(page.Body, `name="col" value="status" checked`) {
		t.Error("the form does not show the chosen columns as checked")
	}
	if i := strings.Index(page.Body, `href="/reports/dashboard?`); i < 0 || !strings.Contains(page.Body[i:i+200], "col=personnel_number&amp;col=name") {
		t.Logf("%.300s", page.Body[max(i, 0):])
		t.Error("the chosen columns are not kept in the links (query string)")
	}
	table := page.Body[strings.Index(page.Body, "<tbody"):]
	if strings.Contains(table, "KA-") {
		t.Errorf("the table shows competence area codes instead of names: %.300s", table)
	}
	areaOption := regexp.MustCompile(`<option value="(KA-[A-Z]+)"[^>]*>([^<]*)</option>`)
	options := areaOption.FindAllStringSubmatch(page.Body, -1)
	if len(options) == 0 {
		t.Fatal("no competence area in the filter")
	}
	for _, o := range options {
		if strings.HasPrefix(o[2], "KA-") || o[2] == "" {
			t.Errorf("the area filter shows %q for %s, want its name", o[2], o[1])
		}
	}
}

// An XLSX over a sheet's rows is refused before the download starts, with a German message and
// nothing logged (a small limit stands in for Excel's 1,048,575 rows).
func TestXLSXOverTheRowLimitIsRefusedBeforeTheDownload(t *testing.T) { // not parallel: sets a package limit
	re := newReportEnv(t)
	defer func(n int) { report.XLSXMaxRows = n }(report.XLSXMaxRows)
	report.XLSXMaxRows = 3
	before := re.eventCount(t, store.EventReportExported)
	r := re.manager.Get("/reports/export?format=xlsx")
	if r.Status != 400 || r.Header.Get("Content-Disposition") != "" ||
		!strings.Contains(r.Body, "ein Excel-Tabellenblatt fasst höchstens 3. Bitte als CSV oder JSON exportieren") {
		t.Fatalf("status %d, disposition %q, body %.300q", r.Status, r.Header.Get("Content-Disposition"), r.Body)
	}
	if re.eventCount(t, store.EventReportExported) != before {
		t.Error("a refused export was logged")
	}
	if r := re.manager.Get("/reports/export?format=csv"); r.Status != 200 {
		t.Errorf("CSV has no row limit: status %d", r.Status)
	}
}
