package web_test

import (
	"context"
	"html"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/demo"
	"github.com/ailit/ailit/internal/reporting"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/webtest"
)

var (
	rateRow   = regexp.MustCompile(`<tr class="kern-table__row"><th class="kern-table__cell" scope="row">([^<]*)</th><td class="kern-table__cell">([^<]*)</td></tr>`)
	nextLink  = regexp.MustCompile(`<a class="kern-link" href="([^"]+)" rel="next">`)
	peopleDD  = regexp.MustCompile(`Personen</dt><dd class="kern-description-list-item__value">(\d+)</dd>`)
	shownText = regexp.MustCompile(`Einheiten (\d+)–(\d+) von (\d+) in den Diagrammen je Einheit`)
)

// dashboardRates are the units and rates of the chart "Abschlussquote je Einheit" (its data table,
// the first chart of the page).
func dashboardRates(t *testing.T, body string) (names []string, rates []float64) {
	t.Helper()
	i := strings.Index(body, `id="chart-h-1"`) // the second chart starts there
	if i < 0 {
		t.Fatalf("no second chart:\n%.3000s", body)
	}
	for _, m := range rateRow.FindAllStringSubmatch(body[:i], -1) {
		v, err := strconv.ParseFloat(strings.Replace(m[2], ",", ".", 1), 64)
		if err != nil {
			t.Fatalf("rate %q: %v", m[2], err)
		}
		names, rates = append(names, html.UnescapeString(m[1])), append(rates, v)
	}
	return names, rates
}

// An organisation of more than 50 units: the dashboard draws 50 units a page, links to the next
// page, and all pages together show every unit once, with the same totals on each.
func TestDashboardShowsFiftyUnitsAPageWithALinkToTheNextAndUnchangedTotals(t *testing.T) {
	t.Parallel()
	env, admin, res := dashboardOrganisation(t)
	ctx := context.Background()
	src, err := reporting.New(ctx, env.Store, env.Library, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	rs, err := env.Store.ReportSettings(ctx, env.Config.PrivacyLevel)
	if err != nil {
		t.Fatal(err)
	}
	d, err := src.Dashboard(ctx, store.Scope{All: true}, reporting.Filter{}, rs)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, g := range d.Units {
		if !g.Suppressed {
			want = append(want, g.Key.Unit)
		}
	}
	if len(want) <= 50 {
		t.Fatalf("the seed has %d units with people (of %d), want more than 50", len(want), len(res.Units))
	}
	pages := (len(want) + 49) / 50

	var seen []string
	url := "/reports/dashboard"
	for page := 1; ; page++ {
		r := admin.Get(url)
		if r.Status != 200 {
			t.Fatalf("%s: status %d", url, r.Status)
		}
		names, _ := dashboardRates(t, r.Body)
		wantN := min(50, len(want)-(page-1)*50)
		if len(names) != wantN {
			t.Errorf("page %d draws %d units, want %d", page, len(names), wantN)
		}
		if m := shownText.FindStringSubmatch(r.Body); m == nil || m[1] != strconv.Itoa((page-1)*50+1) ||
			m[2] != strconv.Itoa((page-1)*50+wantN) || m[3] != strconv.Itoa(len(want)) {
			t.Errorf("page %d does not say which units it shows: %v", page, m)
		}
		if !strings.Contains(r.Body, "Seite "+strconv.Itoa(page)+" von "+strconv.Itoa(pages)) {
			t.Errorf("page %d lacks \"Seite %d von %d\"", page, page, pages)
		}
		if m := peopleDD.FindStringSubmatch(r.Body); m == nil || m[1] != strconv.Itoa(d.Total.People) {
			t.Errorf("page %d: total people %v, want %d (all units, not the page's)", page, m, d.Total.People)
		}
		seen = append(seen, names...)
		next := nextLink.FindStringSubmatch(r.Body)
		if page == pages {
			if next != nil {
				t.Errorf("the last page links to a next one: %s", next[1])
			}
			break
		}
		if next == nil || !strings.Contains(next[1], "page="+strconv.Itoa(page+1)) {
			t.Fatalf("page %d has no link to page %d: %v", page, page+1, next)
		}
		url = html.UnescapeString(next[1])
	}
	if !slices.Equal(seen, want) {
		t.Errorf("the pages show %d units, want each of the %d once, in order:\n%v\nwant\n%v", len(seen), len(want), seen, want)
	}
}

// Sorted by completion rate, the first page shows the units that need attention first, and the
// filter stays in the links to the next page.
func TestDashboardSortsUnitsByCompletionRateAndKeepsTheFilter(t *testing.T) {
	t.Parallel()
	_, admin, res := dashboardOrganisation(t)
	for _, order := range []string{"rate", "rate-desc"} {
		q := "/reports/dashboard?unit=" + strconv.FormatInt(res.Units[0], 10) + "&sub=1&sort=" + order
		r := admin.Get(q)
		_, rates := dashboardRates(t, r.Body)
		if len(rates) != 50 {
			t.Fatalf("%s: %d units, want 50", q, len(rates))
		}
		sorted := slices.IsSorted(rates)
		if order == "rate-desc" {
			sorted = slices.IsSortedFunc(rates, func(a, b float64) int { return int(b*10 - a*10) })
		}
		if !sorted {
			t.Errorf("%s: rates not in order: %v", q, rates)
		}
		next := nextLink.FindStringSubmatch(r.Body)
		if next == nil || !strings.Contains(next[1], "sort="+order) || !strings.Contains(next[1], "sub=1") ||
			!strings.Contains(next[1], "unit="+strconv.FormatInt(res.Units[0], 10)) {
			t.Errorf("%s: the next page's link loses the filter or the order: %v", q, next)
		}
		_, rest := dashboardRates(t, admin.Get(html.UnescapeString(next[1])).Body)
		if len(rest) == 0 || (order == "rate" && rest[0] < rates[49]) || (order == "rate-desc" && rest[0] > rates[49]) {
			t.Errorf("%s: page 2 does not continue the order: %v after %v", q, rest, rates[49])
		}
	}
}

// dashboardOrganisation seeds an organisation of 900 people in 150 units and logs in an admin.
func dashboardOrganisation(t *testing.T) (*webtest.Env, *webtest.Client, *demo.Result) {
	t.Helper()
	env := webtest.New(t)
	res, err := demo.Seed(context.Background(), env.Store, env.Library, demo.Options{Users: 900, Units: 150, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	env.CreateUser(t, "admin@example.org", "correct horse battery", store.RoleAdmin)
	admin := env.Client(t)
	admin.Login("admin@example.org", "correct horse battery")
	return env, admin, res
}
