package reporting

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ailit/ailit/internal/assign"
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

// Dashboard counts in the database, from the member facts, per unit: the status of each member is
// an SQL expression that mirrors assign.Status (memberStatusSQL), so no row leaves the database
// and no person is told apart outside it. Units are counted by id and merged by path; a person
// belongs to one unit, so distinct people add up. Coverage is counted across the scope (not per
// unit), so it stays meaningful when single units are small.
func (s *Source) Dashboard(ctx context.Context, sc store.Scope, f Filter, rs store.ReportSettings) (*Dashboard, error) {
	units, all, err := s.Units(ctx, sc, f)
	if err != nil {
		return nil, err
	}
	as, err := s.Store.Assignments(ctx)
	if err != nil {
		return nil, err
	}
	status, err := s.memberStatusSQL(ctx, as)
	if err != nil {
		return nil, err
	}
	keep, err := s.dashboardKeep(ctx, as, f)
	if err != nil {
		return nil, err
	}
	// st is the status code (status_sql.go): compare it with codes, never with words.
	is := func(s assign.State) string { return "st = " + sqlState(s) }
	// Two lists: perPerson over the rows of one person (columns a0, a1, …) and perUnit over the
	// people of a unit; perUnit's order is the order of the values read below. SQLite calls one
	// step per aggregate and row, so the rows get as few aggregates as possible.
	var perPerson, perUnit []store.SQLExpr
	person := func(sql string) string {
		perPerson = append(perPerson, store.SQLExpr{SQL: sql})
		return "a" + itoa(int64(len(perPerson)-1))
	}
	unit := func(sql string) { perUnit = append(perUnit, store.SQLExpr{SQL: sql}) }
	if len(as) <= 62 {
		// A person has one row per assignment, so fewer than 64 rows: their counts of rows,
		// completed, exempted and overdue are packed 6 bits each (from the lowest: completed,
		// exempted, overdue, rows) into one aggregate, and unpacked per unit.
		const w = 1 << 18 // the weight of a row
		c := person("CAST(SUM(CASE st WHEN " + sqlState(assign.Completed) + " THEN " + itoa(w+1) +
			" WHEN " + sqlState(assign.Exempted) + " THEN " + itoa(w+1<<6) + " WHEN " + sqlState(assign.Overdue) +
			" THEN " + itoa(w+1<<12) + " ELSE " + itoa(w) + " END) AS BIGINT)")
		unit("SUM(1)")
		unit("SUM(" + c + " / " + itoa(w) + ")")
		for _, shift := range []int{0, 6, 12} {
			unit("SUM((" + c + " / " + itoa(1<<shift) + ") % 64)")
		}
	} else {
		for _, agg := range []string{"1", "COUNT(*)", "SUM(CASE WHEN " + is(assign.Completed) + " THEN 1 ELSE 0 END)",
			"SUM(CASE WHEN " + is(assign.Exempted) + " THEN 1 ELSE 0 END)", "SUM(CASE WHEN " + is(assign.Overdue) + " THEN 1 ELSE 0 END)"} {
			unit("SUM(" + person(agg) + ")")
		}
	}
	areas, err := s.areaAssignments(ctx, as)
	if err != nil {
		return nil, err
	}
	// Coverage counts people per set of assignments (areas often share a set): a person counts
	// once if any of their rows in the set counts. With up to 62 assignments each has a bit; a
	// person's rows add up to the mask of their assignments (one row per assignment), and the
	// sets are tested on the masks, per person. Beyond, each set is an aggregate of the rows.
	bit := map[int64]int64{}
	var openMask, doneMask string
	if len(as) <= 62 {
		// An assignment's bit is its position in as; while every id is below 63 it is the id
		// itself, one shift a row instead of a CASE over the assignments.
		small := true
		for i := range as {
			small = small && as[i].ID >= 0 && as[i].ID < 63
		}
		bits := "CASE assignment_id"
		for i := range as {
			bit[as[i].ID] = 1 << i
			bits += " WHEN " + itoa(as[i].ID) + " THEN " + itoa(1<<i)
		}
		bits += " ELSE 0 END"
		if small {
			for i := range as {
				bit[as[i].ID] = 1 << as[i].ID
			}
			bits = "(CAST(1 AS BIGINT) << CAST(assignment_id AS INTEGER))"
		}
		if len(as) == 0 {
			bits = "0"
		}
		openMask = person("CAST(SUM(CASE WHEN st <> " + sqlState(assign.Exempted) + " THEN " + bits + " ELSE 0 END) AS BIGINT)")
		doneMask = person("CAST(SUM(CASE WHEN " + is(assign.Completed) + " THEN " + bits + " ELSE 0 END) AS BIGINT)")
	}
	coverageAt := map[string]int{} // assignment set → index of its first value
	for _, a := range areas {
		if _, ok := coverageAt[a.ids]; ok {
			continue
		}
		coverageAt[a.ids] = len(perUnit)
		if openMask != "" {
			var set int64
			for id := range strings.SplitSeq(a.ids, ", ") {
				n, _ := strconv.ParseInt(id, 10, 64)
				set |= bit[n]
			}
			for _, mask := range []string{openMask, doneMask} {
				unit("SUM(CASE WHEN (" + mask + " & " + itoa(set) + ") <> 0 THEN 1 ELSE 0 END)")
			}
			continue
		}
		count := "MAX(CASE WHEN %s AND assignment_id IN (" + a.ids + ") THEN 1 ELSE 0 END)"
		unit("SUM(" + person(fmt.Sprintf(count, "st <> "+sqlState(assign.Exempted))) + ")")
		unit("SUM(" + person(fmt.Sprintf(count, is(assign.Completed))) + ")")
	}
	// The month of a completion is counted once per row, as its index in months (mo, -1: none of
	// them). With fewer than 32 assignments a person completes at most 31 in a month: their
	// counts per month are packed into one integer, 5 bits a month, and unpacked per unit.
	monthsAt := len(perUnit)
	from := time.Date(s.Now.Year(), s.Now.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -11, 0)
	var months []time.Time
	for m := from; !m.After(s.Now); m = m.AddDate(0, 1, 0) {
		months = append(months, m)
	}
	// mo is computed once per row; packed, it is already the row's weight in the person's packed
	// counts (32^i for month i, 0 for none), so the person's sum is one comparison a row, not one
	// per month.
	packed := len(as) < 32 && len(months) <= 12
	monthValue := func(i int) string {
		if packed {
			return itoa(1 << (5 * i))
		}
		return itoa(int64(i))
	}
	none := "-1"
	if packed {
		none = "0"
	}
	completed := s.dateColumn("m.completed_at")
	month := store.SQLExpr{SQL: "CASE WHEN m.completed_at IS NULL OR " + completed + " < ? OR " + completed + " >= ? THEN " + none,
		Args: []any{from, months[len(months)-1].AddDate(0, 1, 0)}}
	for i := len(months) - 1; i > 0; i-- {
		month.SQL += " WHEN " + completed + " >= ? THEN " + monthValue(i)
		month.Args = append(month.Args, months[i])
	}
	month.SQL += " ELSE " + monthValue(0) + " END"
	counted := "st IN (" + sqlState(assign.Completed) + ", " + sqlState(assign.Expired) + ")"
	if packed {
		p := person("CAST(SUM(CASE WHEN " + counted + " THEN mo ELSE 0 END) AS BIGINT)")
		for i := range months {
			unit("SUM((" + p + " / " + itoa(1<<(5*i)) + ") % 32)")
		}
	} else {
		for i := range months {
			unit("SUM(" + person("SUM(CASE WHEN mo = "+itoa(int64(i))+" AND "+counted+" THEN 1 ELSE 0 END)") + ")")
		}
	}
	state := stateCode(assign.State(f.Status))
	if f.Status != "" && state == 0 {
		state = -1 // an unknown status: no row has it
	}
	rf := store.ReportFilter{Units: units, AllUnits: all, CourseID: f.CourseID, AssignmentID: f.AssignmentID}
	counts, err := s.Store.CountMembersByUnit(ctx, rf, status, month, keep, state, perPerson, perUnit)
	if err != nil {
		return nil, err
	}

	byPath := map[string]*report.Group{}
	coverage := make([]report.Group, len(areas))
	var total report.Group
	trend := report.NewTrend(from, s.Now)
	for _, c := range counts {
		path := s.UnitPath(c.OrgUnitID)
		g := byPath[path]
		if g == nil {
			g = &report.Group{Key: report.GroupKey{Unit: path}}
			byPath[path] = g
		}
		for _, g := range []*report.Group{g, &total} {
			g.People += int(c.Values[0])
			g.Assignments += int(c.Values[1])
			g.Completed += int(c.Values[2])
			g.Exempted += int(c.Values[3])
			g.Overdue += int(c.Values[4])
			g.Open = g.Assignments - g.Completed - g.Exempted
		}
		for i, a := range areas {
			at := coverageAt[a.ids]
			coverage[i].Key = a.key
			coverage[i].People += int(c.Values[at])
			coverage[i].Completed += int(c.Values[at+1])
		}
		for i, m := range months {
			trend.AddCount(m, int(c.Values[monthsAt+i]))
		}
	}
	d := &Dashboard{Units: []report.Group{}, Coverage: []report.Group{}, Total: total, Trend: trend.Months()}
	for _, g := range byPath {
		d.Units = append(d.Units, *g)
	}
	slices.SortFunc(d.Units, func(a, b report.Group) int { return strings.Compare(a.Key.Unit, b.Key.Unit) })
	for _, g := range coverage {
		if g.People > 0 {
			d.Coverage = append(d.Coverage, g)
		}
	}
	if rs.Level == string(report.LevelAggregate) {
		var shown bool
		d.Units, shown = report.Suppress(d.Units, rs.K)
		d.Coverage, _ = report.Suppress(d.Coverage, rs.K)
		d.Hidden = !shown
	}
	return d, nil
}

// dashboardKeep is the filter's competence area and period as a condition over the member row m
// (the store filters units, course and assignment; the status is filtered apart, as it is computed
// in the same query).
func (s *Source) dashboardKeep(ctx context.Context, as []store.Assignment, f Filter) (store.SQLExpr, error) {
	var conds []string
	var args []any
	if f.Area != "" {
		ids := []string{"0"} // no assignment covers the area: no rows
		for i := range as {
			ci, err := s.course(ctx, as[i].CourseID)
			if err != nil {
				return store.SQLExpr{}, err
			}
			if slices.Contains(ci.areas, f.Area) {
				ids = append(ids, itoa(as[i].ID))
			}
		}
		conds = append(conds, "m.assignment_id IN ("+strings.Join(ids, ", ")+")")
	}
	if !f.From.IsZero() || !f.To.IsZero() {
		p, err := s.memberInPeriodSQL(ctx, as, f.From, f.To)
		if err != nil {
			return store.SQLExpr{}, err
		}
		conds = append(conds, "("+p.SQL+")")
		args = append(args, p.Args...)
	}
	return store.SQLExpr{SQL: strings.Join(conds, " AND "), Args: args}, nil
}

// areaAssignment is a competence area and level with the assignments whose course covers it.
type areaAssignment struct {
	key report.GroupKey
	ids string // comma-separated assignment ids
}

// areaAssignments lists the competence areas and levels of the assigned courses, sorted.
func (s *Source) areaAssignments(ctx context.Context, as []store.Assignment) ([]areaAssignment, error) {
	ids := map[report.GroupKey][]string{}
	for i := range as {
		ci, err := s.course(ctx, as[i].CourseID)
		if err != nil {
			return nil, err
		}
		for _, area := range ci.areas {
			k := report.GroupKey{Area: area, Level: ci.level}
			ids[k] = append(ids[k], itoa(as[i].ID))
		}
	}
	var out []areaAssignment
	for k, list := range ids {
		out = append(out, areaAssignment{key: k, ids: strings.Join(list, ", ")})
	}
	slices.SortFunc(out, func(a, b areaAssignment) int {
		return cmp.Or(strings.Compare(a.key.Area, b.key.Area), strings.Compare(a.key.Level, b.key.Level))
	})
	return out, nil
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

// Written is what Write wrote: the hash for the export log and, for a CSV, its integrity file.
type Written struct {
	Hash    string          // XLSX, PDF, JSON: the canonical integrity hash; CSV: the SHA-256 of the file
	Sidecar *report.Sidecar // CSV only
}

// IntegrityFor fills the sidecar's evidence entry and returns it as JSON (store.ReportExport's
// IntegrityFor); nil when there is no sidecar.
func (wr Written) IntegrityFor() func(seq int64, hash string) string {
	if wr.Sidecar == nil {
		return nil
	}
	return func(seq int64, hash string) string {
		sc := *wr.Sidecar
		sc.Evidence = &report.SidecarEvidence{EntryID: seq, EntryHash: hash}
		return string(sc.JSON())
	}
}

// Write writes doc in a format under the name file. A CSV carries one table (csvTable, "" for the
// main one) and gets an integrity file; the other formats carry the whole document and its hash.
func Write(w io.Writer, format string, doc report.Document, file, csvTable string) (Written, error) {
	var err error
	var wr Written
	switch format {
	case "csv":
		var f report.CSVFile
		if f, err = report.WriteCSV(w, doc, report.CSVOptions{Section: csvTable}); err == nil {
			sc := report.NewSidecar(doc, file, f)
			wr = Written{Hash: f.SHA256, Sidecar: &sc}
		}
	case "xlsx":
		wr.Hash, err = report.WriteXLSX(w, doc)
	case "pdf":
		wr.Hash, err = report.WritePDF(w, doc, report.PDFOptions{})
	case "json":
		wr.Hash, err = report.WriteJSON(w, doc)
	default:
		err = fmt.Errorf("unknown format %q (csv, xlsx, pdf or json)", format)
	}
	return wr, err
}

// FileName is the download name of a report made at t: ki-kompetenz-bericht-2026-11-28.csv. A CSV
// of another table than the main one names it: ki-kompetenz-nachweis-coverage-2026-11-28.csv.
func FileName(kind, format, csvTable string, t time.Time) string {
	base := "ki-kompetenz-bericht"
	if kind == store.ReportEvidence {
		base = "ki-kompetenz-nachweis"
	}
	if format == "csv" && csvTable != "" {
		base += "-" + csvTable
	}
	return base + "-" + t.Format(time.DateOnly) + "." + format
}
