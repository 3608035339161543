package reporting

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/ailit/ailit/internal/report"
	"github.com/ailit/ailit/internal/store"
)

// Dashboard is the aggregated picture behind the dashboard charts.
type Dashboard struct {
	Units    []report.Group // per unit; small groups hidden at the aggregate level
	Coverage []report.Group // per competence area and level, over all units in scope
	Total    report.Group
	Trend    []report.MonthCount // completions per month, the last 12 months
	Hidden   bool                // fewer than k people in scope at the aggregate level: nothing shown
}

// Dashboard reads the rows once and aggregates them. Coverage is counted across the scope (not
// per unit), so it stays meaningful when single units are small.
func (s *Source) Dashboard(ctx context.Context, sc store.Scope, f Filter, rs store.ReportSettings) (*Dashboard, error) {
	var rows, flat []report.Row
	for r, err := range s.Rows(ctx, sc, f, report.LevelStatus) {
		if err != nil {
			return nil, err
		}
		rows = append(rows, r)
		r.OrgUnitPath = ""
		flat = append(flat, r)
	}
	agg, err := report.Aggregate(report.RowsFromSlice(rows))
	if err != nil {
		return nil, err
	}
	cov, err := report.Aggregate(report.RowsFromSlice(flat))
	if err != nil {
		return nil, err
	}
	from := time.Date(s.Now.Year(), s.Now.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -11, 0)
	trend, err := report.TrendByMonth(report.RowsFromSlice(rows), from, s.Now)
	if err != nil {
		return nil, err
	}
	d := &Dashboard{Units: agg.Units, Coverage: cov.Coverage, Total: agg.Total, Trend: trend}
	if rs.Level == string(report.LevelAggregate) {
		var shown bool
		d.Units, shown = report.Suppress(d.Units, rs.K)
		d.Coverage, _ = report.Suppress(d.Coverage, rs.K)
		d.Hidden = !shown
	}
	return d, nil
}

// Formats a report can be written in.
var Formats = []string{"csv", "xlsx", "pdf", "json"}

// ContentType is the MIME type of a format.
func ContentType(format string) string {
	switch format {
	case "xlsx":
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case "pdf":
		return "application/pdf"
	case "json":
		return "application/json"
	}
	return "text/csv; charset=utf-8"
}

// Write writes doc in a format and returns the integrity hash.
func Write(w io.Writer, format string, doc report.Document) (string, error) {
	switch format {
	case "csv":
		return report.WriteCSV(w, doc, report.CSVOptions{})
	case "xlsx":
		return report.WriteXLSX(w, doc)
	case "pdf":
		return report.WritePDF(w, doc, report.PDFOptions{})
	case "json":
		return report.WriteJSON(w, doc)
	}
	return "", fmt.Errorf("unknown format %q (csv, xlsx, pdf or json)", format)
}

// FileName is the download name of a report made at t: ki-kompetenz-bericht-2026-11-28.csv.
func FileName(kind, format string, t time.Time) string {
	base := "ki-kompetenz-bericht"
	if kind == store.ReportEvidence {
		base = "ki-kompetenz-nachweis"
	}
	return base + "-" + t.Format(time.DateOnly) + "." + format
}
