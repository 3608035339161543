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

// Dashboard reads the records once, in no particular order, and counts them without building
// pseudonyms or person rows: people are told apart by their user id, which never leaves this
// function. Coverage is counted across the scope (not per unit), so it stays meaningful when
// single units are small.
func (s *Source) Dashboard(ctx context.Context, sc store.Scope, f Filter, rs store.ReportSettings) (*Dashboard, error) {
	units, all, err := s.Units(ctx, sc, f)
	if err != nil {
		return nil, err
	}
	perUnit, across := report.NewAggregator(false), report.NewAggregator(true)
	from := time.Date(s.Now.Year(), s.Now.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -11, 0)
	trend := report.NewTrend(from, s.Now)
	rf := store.ReportFilter{Units: units, AllUnits: all, CourseID: f.CourseID, AssignmentID: f.AssignmentID, Unordered: true}
	err = s.Store.StreamReportRecords(ctx, rf, func(rec *store.ReportRecord) error {
		ci, err := s.course(ctx, rec.CourseID)
		if err != nil {
			return err
		}
		state, due, _ := s.status(rec, ci)
		r := report.Row{Pseudonym: itoa(rec.UserID), OrgUnitPath: s.UnitPath(rec.OrgUnitID), Status: report.Status(state),
			DueAt: due, CompletedAt: rec.CompletedAt, CompetenceAreas: ci.areas, CompetenceLevel: ci.level}
		if !f.keeps(&r) {
			return nil
		}
		perUnit.Add(&r)
		trend.Add(&r)
		r.OrgUnitPath = ""
		across.Add(&r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	agg := perUnit.Result()
	d := &Dashboard{Units: agg.Units, Coverage: across.Result().Coverage, Total: agg.Total, Trend: trend.Months()}
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
