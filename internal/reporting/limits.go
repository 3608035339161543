package reporting

import (
	"context"

	"github.com/ailit/ailit/internal/assign"
	"github.com/ailit/ailit/internal/report"
	"github.com/ailit/ailit/internal/store"
)

// CheckExport refuses an export whose table a format cannot hold before any row is read: an XLSX
// sheet takes at most report.XLSXMaxRows rows, so the person rows are counted first, in the
// database (one COUNT over the member facts with the filter's status, area and period as SQL, as
// the dashboard counts), and a report that would exceed the limit is refused with a
// *report.TooManyRowsError. Formats without a limit, the aggregate level and the evidence report
// (counts per unit, course and area only) cost no query.
func (s *Source) CheckExport(ctx context.Context, sc store.Scope, f Filter, rs store.ReportSettings, kind, format string) error {
	level, _ := report.ParseLevel(rs.Level)
	if format != "xlsx" || kind == store.ReportEvidence || level == report.LevelAggregate {
		return nil
	}
	n, err := s.CountRows(ctx, sc, f)
	if err != nil {
		return err
	}
	if n > int64(report.XLSXMaxRows) {
		return &report.TooManyRowsError{Format: format, Rows: n, Max: int64(report.XLSXMaxRows)}
	}
	return nil
}

// CountRows is the number of person rows the report of a scope and filter has (Rows yields as
// many), counted in the database without reading them.
func (s *Source) CountRows(ctx context.Context, sc store.Scope, f Filter) (int64, error) {
	units, all, err := s.Units(ctx, sc, f)
	if err != nil {
		return 0, err
	}
	as, err := s.Store.Assignments(ctx)
	if err != nil {
		return 0, err
	}
	status := store.SQLExpr{SQL: "0"} // no status filter: the status need not be computed
	state := 0
	if f.Status != "" {
		if state = stateCode(assign.State(f.Status)); state == 0 {
			state = -1 // an unknown status: no row has it
		}
		if status, err = s.memberStatusSQL(ctx, as); err != nil {
			return 0, err
		}
	}
	keep, err := s.dashboardKeep(ctx, as, f)
	if err != nil {
		return 0, err
	}
	rf := store.ReportFilter{Units: units, AllUnits: all, CourseID: f.CourseID, AssignmentID: f.AssignmentID}
	counts, err := s.Store.CountMembersByUnit(ctx, rf, status, store.SQLExpr{}, keep, state, []store.SQLExpr{{SQL: "COUNT(*)"}}, nil)
	if err != nil {
		return 0, err
	}
	var n int64
	for _, c := range counts {
		n += c.Values[0]
	}
	return n, nil
}
