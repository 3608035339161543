package web

import (
	"cmp"
	"html/template"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/assign"
	"github.com/ailit/ailit/internal/report"
	"github.com/ailit/ailit/internal/report/chart"
	"github.com/ailit/ailit/internal/reporting"
	"github.com/ailit/ailit/internal/store"
)

type dashboardChart struct {
	SVG     template.HTML // drawn by package chart, which escapes every text it writes
	Summary string
	Table   chart.Table
}

type dashboardPage struct {
	reportPage // the filter form's choices
	Hidden     bool
	Total      report.Group
	Charts     []dashboardChart
	Hint       string
	UnitPage   dashboardUnits // the page of units the two unit charts draw
}

// dashboardUnitsPerPage is how many units the charts per unit draw at once: more bars are neither
// readable nor quick to send (an organisation of 1,004 units made a page of 1.8 MB).
const dashboardUnitsPerPage = 50

// Orders of the units on the dashboard (the URL parameter sort).
const (
	dashSortName     = ""          // by path, A to Z
	dashSortRate     = "rate"      // lowest completion rate first: where to act
	dashSortRateDesc = "rate-desc" // highest completion rate first
)

// dashboardUnits is one page of the units shown (groups hidden by k-anonymity are never listed).
type dashboardUnits struct {
	Groups             []report.Group
	First, Last, Total int // positions (from 1) of the page's units among all shown
	Page, Pages        int
	Sort               string
	Prev, Next         template.URL // links to the neighbouring pages ("" on the first or last)
	Sorts              []dashboardSort
}

// dashboardSort is a link that orders the units (from their first page).
type dashboardSort struct {
	Key     string // message key of its name
	URL     template.URL
	Current bool
}

// links fills the links to the other pages and orders; query is the filter's query string.
func (u *dashboardUnits) links(query string) {
	link := func(order string, page int) template.URL {
		v := url.Values{}
		if order != dashSortName {
			v.Set("sort", order)
		}
		if page > 1 {
			v.Set("page", strconv.Itoa(page))
		}
		q := query
		if extra := v.Encode(); extra != "" {
			q = strings.TrimPrefix(q+"&"+extra, "&")
		}
		if q == "" {
			return "/reports/dashboard"
		}
		return template.URL("/reports/dashboard?" + q)
	}
	if u.Page > 1 {
		u.Prev = link(u.Sort, u.Page-1)
	}
	if u.Page < u.Pages {
		u.Next = link(u.Sort, u.Page+1)
	}
	for _, o := range []string{dashSortName, dashSortRate, dashSortRateDesc} {
		key := "report.dash.sort.name"
		if o != dashSortName {
			key = "report.dash.sort." + o
		}
		u.Sorts = append(u.Sorts, dashboardSort{Key: key, URL: link(o, 1), Current: o == u.Sort})
	}
}

// pageOfUnits sorts the units that are shown and cuts out page (from 1; out of range: the
// nearest page). Suppressed groups are left out, as the charts never drew them.
func pageOfUnits(units []report.Group, order string, page int) dashboardUnits {
	var shown []report.Group
	for _, g := range units {
		if !g.Suppressed {
			shown = append(shown, g)
		}
	}
	switch order {
	case dashSortRate:
		slices.SortStableFunc(shown, func(a, b report.Group) int { return cmp.Compare(a.Rate(), b.Rate()) })
	case dashSortRateDesc:
		slices.SortStableFunc(shown, func(a, b report.Group) int { return cmp.Compare(b.Rate(), a.Rate()) })
	default:
		order = dashSortName // the store's order: by path
	}
	u := dashboardUnits{Total: len(shown), Sort: order, Pages: max(1, (len(shown)+dashboardUnitsPerPage-1)/dashboardUnitsPerPage)}
	u.Page = min(max(page, 1), u.Pages)
	from := (u.Page - 1) * dashboardUnitsPerPage
	u.Groups = shown[from:min(from+dashboardUnitsPerPage, len(shown))]
	if len(u.Groups) > 0 {
		u.First, u.Last = from+1, from+len(u.Groups)
	}
	return u
}

// reportsDashboard shows completion per unit, open and overdue counts, competence coverage and the
// trend of completions, as server-side SVG charts with a text summary and a data table each.
func (a *App) reportsDashboard(c *fiber.Ctx) error {
	l := lang(c)
	rc, err := a.newReportCtx(c)
	if err != nil {
		return err
	}
	d, err := rc.Source.Dashboard(c.UserContext(), rc.Scope, rc.Filter, rc.Settings)
	if err != nil {
		return err
	}
	p := dashboardPage{reportPage: reportPage{Level: string(rc.Level), K: rc.Settings.K, Form: rc.Form, Query: template.URL(rc.Form.Query()),
		States: assign.AllStates}, Hidden: d.Hidden, Total: d.Total}
	if err := a.fillReportChoices(c, rc, &p.reportPage); err != nil {
		return err
	}
	if !d.Hidden {
		page, _ := strconv.Atoi(c.Query("page"))
		p.UnitPage = pageOfUnits(d.Units, c.Query("sort"), page)
		p.UnitPage.links(rc.Form.Query())
		p.Charts = dashboardCharts(l, p.UnitPage.Groups, d.Coverage, d.Trend)
	}
	if err := a.logReport(c, store.ReportDashboard, "html", int64(d.Total.Assignments), "", rc.Source.Describe(rc.Filter)); err != nil {
		return err
	}
	return a.render(c, fiber.StatusOK, "reports_dashboard", p, translatedErrors(l, rc.Errors))
}

func dashboardCharts(l string, units, coverage []report.Group, trend []report.MonthCount) []dashboardChart {
	t := tr(l)
	var rates []chart.Datum
	var names []string
	open := chart.Series{Name: t("report.dash.series.open"), Color: chart.ColorNeutral}
	overdue := chart.Series{Name: t("report.dash.series.overdue"), Color: chart.ColorAlarm}
	done := chart.Series{Name: t("report.dash.series.completed"), Color: chart.ColorDone}
	for _, g := range units {
		if g.Suppressed {
			continue
		}
		name := g.Key.Unit
		if name == "" {
			name = t("report.unit.none")
		}
		rates = append(rates, chart.Datum{Label: name, Value: g.Rate()})
		names = append(names, name)
		done.Values = append(done.Values, float64(g.Completed))
		open.Values = append(open.Values, float64(g.Open-g.Overdue))
		overdue.Values = append(overdue.Values, float64(g.Overdue))
	}
	var cov []chart.Datum
	for _, g := range coverage {
		if !g.Suppressed {
			cov = append(cov, chart.Datum{Label: reporting.AreaName(g.Key.Area, l) + " " + g.Key.Level, Value: g.Rate()})
		}
	}
	var months []string
	monthly := chart.Series{Name: t("report.dash.series.month")}
	cumulative := chart.Series{Name: t("report.dash.series.cumulative")}
	for _, m := range trend {
		months = append(months, m.Month.Format("2006-01"))
		monthly.Values = append(monthly.Values, float64(m.Completed))
		cumulative.Values = append(cumulative.Values, float64(m.Cumulative))
	}
	charts := []chart.Chart{
		chart.HorizontalBars("chart-rate", t("report.dash.rate"), t("report.dash.rate.desc"), l, rates),
		chart.StackedBars("chart-status", t("report.dash.status"), t("report.dash.status.desc"), l, names, []chart.Series{done, open, overdue}),
		chart.HorizontalBars("chart-coverage", t("report.dash.coverage"), t("report.dash.coverage.desc"), l, cov),
		chart.Line("chart-trend", t("report.dash.trend"), t("report.dash.trend.desc"), l, months, []chart.Series{monthly, cumulative}),
	}
	out := make([]dashboardChart, len(charts))
	for i, ch := range charts {
		out[i] = dashboardChart{SVG: template.HTML(ch.SVG), Summary: ch.Summary, Table: ch.Table}
	}
	return out
}
