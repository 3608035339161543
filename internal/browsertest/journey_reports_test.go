package browsertest

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ailit/ailit/internal/demo"
	"github.com/ailit/ailit/internal/report"
	"github.com/ailit/ailit/internal/store"
)

// TestManagerFiltersReportSeesDashboardAndDownloads walks the manager reports: a manager of one
// Amt filters the table by unit and status, looks at the dashboard with its charts and their data
// tables, and downloads CSV and XLSX; an admin then finds the downloads in the export log. Every
// page gets an axe scan.
func TestManagerFiltersReportSeesDashboardAndDownloads(t *testing.T) {
	srv := Start(t, Options{})
	ctx := context.Background()
	res, err := demo.Seed(ctx, srv.Store, srv.Library, demo.Options{Users: 300, Units: 12, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	chef := srv.CreateUser(t, "chef@example.org", "chef-password-1", store.RoleManager)
	if err := srv.Store.AddManagerUnit(ctx, chef.ID, res.Amts[0]); err != nil {
		t.Fatal(err)
	}
	srv.CreateUser(t, "admin@example.org", "admin-password-1", store.RoleAdmin)

	tab := srv.NewTab(t)
	Login(t, tab, "chef@example.org", "chef-password-1")
	Open(t, tab, "/reports")
	AssertHeading(t, tab, "Berichte: KI-Kompetenz")
	unit := selectOption(t, tab, "#f-unit", 1) // the first unit the manager may see
	Check(t, tab, "mit Untereinheiten")
	selectValue(t, tab, "#f-status", "overdue")
	ClickButton(t, tab, "Filter anwenden")
	if p := Path(t, tab); !strings.Contains(p, "status=overdue") || !strings.Contains(p, "unit=") {
		t.Fatalf("filter not applied: %s", p)
	}
	AssertText(t, tab, ".report-table tbody", "überfällig")
	for _, cell := range Texts(t, tab, ".report-table tbody td") {
		for _, other := range []string{"abgeschlossen", "nicht begonnen", "in Bearbeitung"} {
			if cell == other {
				t.Fatalf("the overdue filter shows a row with status %q", cell)
			}
		}
	}
	AssertText(t, tab, ".report-table tbody", unit)
	if got := strings.Join(Texts(t, tab, ".report-table thead th"), "|"); got != "Name|Organisationseinheit|Kurstitel|Status|Fällig am|Abgeschlossen am" {
		t.Fatalf("the table does not show a manager's default columns: %s", got)
	}
	Check(t, tab, "Personalnummer")
	ClickButton(t, tab, "Filter anwenden")
	if p := Path(t, tab); !strings.Contains(p, "col=personnel_number") || !strings.Contains(p, "status=overdue") {
		t.Fatalf("the column choice is not in the query string: %s", p)
	}
	if got := strings.Join(Texts(t, tab, ".report-table thead th"), "|"); !strings.HasPrefix(got, "Personalnummer|Name|") {
		t.Fatalf("the chosen column is not shown: %s", got)
	}
	AssertAccessible(t, tab, "report filtered by unit and status")
	Screenshot(t, tab, "report-filtered")

	ClickLink(t, tab, "Übersicht mit Diagrammen")
	AssertHeading(t, tab, "Übersicht KI-Kompetenz")
	AssertVisible(t, tab, ".report-chart svg")
	// The chart scales with the card up to 60rem (960 px), whatever size it was drawn at.
	widths, err := chromedp.Run(tab, chromedp.Evaluate[[]float64](`['.report-chart .kern-card__body', '.report-chart__svg svg'].map(s => document.querySelector(s).getBoundingClientRect().width)`))
	if err != nil || len(widths) != 2 || widths[1] < min(widths[0]-64, 960)-1 {
		t.Fatalf("the chart does not grow with the page (card, chart widths %v): %v", widths, err)
	}
	if n := len(Texts(t, tab, ".report-chart summary")); n == 0 {
		t.Fatal("no data table under the charts")
	}
	AssertAccessible(t, tab, "dashboard")
	Screenshot(t, tab, "report-dashboard")

	Open(t, tab, "/reports")
	csv := download(t, tab, "Bericht als csv")
	if csv.Status != 200 || !strings.HasPrefix(csv.Type, "text/csv") || !strings.Contains(csv.Disposition, `.csv"`) {
		t.Fatalf("CSV download: %+v", csv.head())
	}
	if !strings.HasPrefix(csv.Body, "\uFEFFPseudonym;Personalnummer;Name;") {
		t.Fatalf("line 1 is not the header of a CSV for German Excel: %.120q", csv.Body)
	}
	Open(t, tab, "/reports")
	file := csv.Disposition[strings.Index(csv.Disposition, `filename="`)+len(`filename="`) : len(csv.Disposition)-1]
	sidecar := download(t, tab, file+".integrity.json")
	if sidecar.Status != 200 || !strings.Contains(sidecar.Disposition, file+`.integrity.json"`) {
		t.Fatalf("integrity file download: %+v", sidecar.head())
	}
	logged, err := srv.Store.ReportFilesWithIntegrity(ctx, chef.ID, 1)
	if err != nil || len(logged) != 1 || logged[0].Integrity == "" {
		t.Fatalf("the CSV export has no integrity file in the log: %v", err)
	}
	if err := report.VerifyCSV(strings.NewReader(csv.Body), []byte(logged[0].Integrity)); err != nil {
		t.Fatalf("the downloaded CSV does not match its integrity file: %v", err)
	}
	xlsx := download(t, tab, "Bericht als xlsx")
	if xlsx.Status != 200 || xlsx.Type != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" ||
		!strings.Contains(xlsx.Disposition, `.xlsx"`) || !strings.HasPrefix(xlsx.Body, "PK") {
		t.Fatalf("XLSX download: %+v", xlsx.head())
	}

	admin := srv.NewTab(t)
	Login(t, admin, "admin@example.org", "admin-password-1")
	Open(t, admin, "/admin/settings")
	AssertHeading(t, admin, "Einstellungen für Berichte")
	AssertAccessible(t, admin, "report settings")
	Screenshot(t, admin, "report-settings")
	Open(t, admin, "/admin/exports")
	AssertHeading(t, admin, "Protokoll der Berichtsabrufe")
	AssertText(t, admin, "table", "chef@example.org")
	AssertText(t, admin, "table", "xlsx")
	AssertAccessible(t, admin, "export log")
	Screenshot(t, admin, "report-exports")
}

// selectOption picks the option at index i of the select and returns its text.
func selectOption(t testing.TB, tab context.Context, sel string, i int) string {
	t.Helper()
	js := `((sel, i) => { const s = document.querySelector(sel); s.selectedIndex = i; return s.options[i].text; })(` +
		strconv.Quote(sel) + `, ` + strconv.Itoa(i) + `)`
	text, err := chromedp.Run(tab, chromedp.Evaluate[string](js))
	if err != nil || text == "" {
		t.Fatalf("choosing option %d of %s: %v", i, sel, err)
	}
	return text
}

// selectValue picks the option with the value in the select.
func selectValue(t testing.TB, tab context.Context, sel, value string) {
	t.Helper()
	js := `((sel, v) => { const s = document.querySelector(sel); s.value = v; return s.value === v; })(` +
		strconv.Quote(sel) + `, ` + strconv.Quote(value) + `)`
	ok, err := chromedp.Run(tab, chromedp.Evaluate[bool](js))
	if err != nil || !ok {
		t.Fatalf("choosing %q in %s: %v", value, sel, err)
	}
}

type fetched struct {
	Status                  int
	Type, Disposition, Body string
}

func (f fetched) head() fetched { f.Body = f.Body[:min(len(f.Body), 80)]; return f }

// download fetches the href of the link with the text, with the tab's cookies, as the browser's
// download would; the body comes back as text (binary bytes as Latin-1 code points).
func download(t testing.TB, tab context.Context, linkText string) fetched {
	t.Helper()
	js := `(async (text) => {
	  const a = [...document.querySelectorAll('a[href]')].find(a => a.innerText.trim() === text);
	  if (!a) return {Status: 0};
	  const r = await fetch(a.href);
	  const buf = new Uint8Array(await r.arrayBuffer());
	  const body = r.headers.get('Content-Type').startsWith('text/') ? new TextDecoder("utf-8", {ignoreBOM: true}).decode(buf) : String.fromCharCode(...buf.slice(0, 64));
	  return {Status: r.status, Type: r.headers.get('Content-Type'), Disposition: r.headers.get('Content-Disposition'), Body: body};
	})(` + strconv.Quote(linkText) + `)`
	f, err := chromedp.Run(tab, chromedp.Evaluate[fetched](js, chromedp.EvalAwaitPromise))
	if err != nil || f.Status == 0 {
		t.Fatalf("downloading %q: no such link or %v", linkText, err)
	}
	return f
}
