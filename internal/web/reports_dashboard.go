package web

import (
	"html/template"

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
		p.Charts = dashboardCharts(l, d.Units, d.Coverage, d.Trend)
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
