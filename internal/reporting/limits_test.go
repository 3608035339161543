package reporting_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/report"
	"github.com/ailit/ailit/internal/reporting"
	"github.com/ailit/ailit/internal/store"
)

// The count before an export is the number of rows the export then writes, whatever the filter.
func TestCountRowsIsTheNumberOfReportRows(t *testing.T) {
	ctx := context.Background()
	db, lib, res := seeded(t, 150, 12)
	src, err := reporting.New(ctx, db, lib, db.Now())
	if err != nil {
		t.Fatal(err)
	}
	now := db.Now()
	filters := []reporting.Filter{{}, {UnitID: res.Units[0], WithSub: true}, {UnitID: res.Units[1]},
		{Status: "overdue"}, {Status: "completed"}, {Status: "not_started", UnitID: res.Units[0], WithSub: true},
		{Area: content.CompetenceCodes[0]}, {From: now.AddDate(0, -3, 0), To: now},
		{Status: "completed", From: now.AddDate(-1, 0, 0)}}
	for _, f := range filters {
		want := int64(0)
		for _, err := range src.Rows(ctx, store.Scope{All: true}, f, report.LevelStatus) {
			if err != nil {
				t.Fatal(err)
			}
			want++
		}
		got, err := src.CountRows(ctx, store.Scope{All: true}, f)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("filter %+v: counted %d rows, the report has %d", f, got, want)
		}
	}
}

// An XLSX of more rows than a sheet holds is refused before a single row is read (with a small
// limit: the real one is 1,048,575). Before, the refusal came from the writer, after every row up
// to the limit had been read and written.
func TestXLSXLimitIsCheckedBeforeAnyRowIsRead(t *testing.T) {
	ctx := context.Background()
	db, lib, _ := seeded(t, 30, 4)
	src, err := reporting.New(ctx, db, lib, db.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer func(n int) { report.XLSXMaxRows = n }(report.XLSXMaxRows)
	report.XLSXMaxRows = 10
	rs := store.ReportSettings{Level: "status", K: 5}
	counter := &reporting.Counter{}
	doc, err := src.PersonReport(ctx, store.Scope{All: true}, reporting.Filter{}, rs, "de", counter)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	err = src.CheckExport(ctx, store.Scope{All: true}, reporting.Filter{}, rs, store.ReportExported, "xlsx")
	var tooMany *report.TooManyRowsError
	if !errors.As(err, &tooMany) || tooMany.Max != 10 || tooMany.Rows <= 10 {
		t.Fatalf("CheckExport = %v, want a TooManyRowsError over 10 rows", err)
	}
	if counter.N() != 0 {
		t.Errorf("%d rows were read before the refusal", counter.N())
	}
	t.Logf("refused in %v: %v", time.Since(start), err)
	for _, ok := range []struct{ kind, format, level string }{
		{store.ReportExported, "csv", "status"}, {store.ReportExported, "json", "results"},
		{store.ReportExported, "xlsx", "aggregate"}, {store.ReportEvidence, "xlsx", "status"}} {
		if err := src.CheckExport(ctx, store.Scope{All: true}, reporting.Filter{}, store.ReportSettings{Level: ok.level, K: 5}, ok.kind, ok.format); err != nil {
			t.Errorf("%s %s at %s: %v, want no limit", ok.kind, ok.format, ok.level, err)
		}
	}
	// The writer keeps its own check, for callers that skip CheckExport.
	if _, err := reporting.Write(discard{}, "xlsx", doc, "r.xlsx", ""); !errors.As(err, &tooMany) {
		t.Errorf("WriteXLSX over the limit: %v, want a TooManyRowsError", err)
	}
	if counter.N() != 11 {
		t.Errorf("the writer read %d rows, want it to stop at the 11th", counter.N())
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
