package reporting_test

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/demo"
	"github.com/ailit/ailit/internal/report"
	"github.com/ailit/ailit/internal/reporting"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/store/storetest"
)

// shippedCourses is the repository's courses folder.
func shippedCourses() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "courses")
}

// seeded is a demo organisation on a fresh SQLite database with the shipped courses.
func seeded(t testing.TB, users, units int) (*store.Store, *content.Library, *demo.Result) {
	t.Helper()
	db := storetest.OpenSQLite(t)
	lib := content.NewLibrary(shippedCourses(), db, slog.New(slog.DiscardHandler))
	if _, err := lib.Reload(); err != nil {
		t.Fatal(err)
	}
	res, err := demo.Seed(context.Background(), db, lib, demo.Options{Users: users, Units: units, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	return db, lib, res
}

func TestManagersSeeOnlyRowsOfTheirUnitsWhateverTheFilter(t *testing.T) {
	ctx := context.Background()
	db, lib, res := seeded(t, 120, 14)
	src, err := reporting.New(ctx, db, lib, db.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, mgr := range res.Managers {
		visible, err := db.VisibleUnitIDs(ctx, mgr)
		if err != nil {
			t.Fatal(err)
		}
		allowed := map[string]bool{}
		for _, id := range visible {
			allowed[src.UnitPath(id)] = true
		}
		sc := store.Scope{ManagerID: mgr}
		for _, f := range []reporting.Filter{{}, {UnitID: res.Units[0], WithSub: true}, {UnitID: res.Leaves[len(res.Leaves)-1]}} {
			n := 0
			for r, err := range src.Rows(ctx, sc, f, report.LevelStatus) {
				if err != nil {
					t.Fatal(err)
				}
				n++
				if !allowed[r.OrgUnitPath] {
					t.Fatalf("manager %d sees a row of %q, outside their units", mgr, r.OrgUnitPath)
				}
			}
			if f.UnitID == 0 && n == 0 {
				t.Errorf("manager %d sees nothing of their own units", mgr)
			}
		}
	}
}

func TestAdminsSeeEveryAssignmentOfEveryone(t *testing.T) {
	ctx := context.Background()
	db, lib, res := seeded(t, 40, 6)
	src, _ := reporting.New(ctx, db, lib, db.Now())
	n := 0
	statuses := map[report.Status]int{}
	for r, err := range src.Rows(ctx, store.Scope{All: true}, reporting.Filter{}, report.LevelStatus) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		statuses[r.Status]++
	}
	if n != res.Members {
		t.Errorf("admin sees %d rows, want %d memberships", n, res.Members)
	}
	for _, s := range []report.Status{report.StatusCompleted, report.StatusNotStarted, report.StatusOverdue} {
		if statuses[s] == 0 {
			t.Errorf("no row with status %s in the demo data: %v", s, statuses)
		}
	}
}

func TestStatusFilterKeepsOnlyThatStatus(t *testing.T) {
	ctx := context.Background()
	db, lib, _ := seeded(t, 40, 6)
	src, _ := reporting.New(ctx, db, lib, db.Now())
	for r, err := range src.Rows(ctx, store.Scope{All: true}, reporting.Filter{Status: "overdue"}, report.LevelStatus) {
		if err != nil || r.Status != report.StatusOverdue {
			t.Fatalf("row %v, err %v", r.Status, err)
		}
	}
}

func TestEvidenceReportListsMeasuresVersionsAndVerifies(t *testing.T) {
	ctx := context.Background()
	db, lib, res := seeded(t, 60, 6)
	src, _ := reporting.New(ctx, db, lib, db.Now())
	rs, _ := db.ReportSettings(ctx, "status")
	c := &reporting.Counter{}
	doc, err := src.EvidenceReport(ctx, store.Scope{All: true}, reporting.Filter{}, rs, "de", c)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := reporting.Write(&buf, "json", doc, "bericht.json", ""); err != nil {
		t.Fatal(err)
	}
	if err := report.VerifyJSON(bytes.NewReader(buf.Bytes())); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"KI-Grundlagen für alle Beschäftigten – Pflichtschulung nach Art. 4 KI-Verordnung", "Stadtverwaltung Musterstadt (mit Untereinheiten)", "Art. 4", "legal_status_date"} {
		if !bytes.Contains(buf.Bytes(), []byte(want)) {
			t.Errorf("evidence JSON lacks %q", want)
		}
	}
	if c.N() != int64(res.Members) {
		t.Errorf("counted %d rows, want %d", c.N(), res.Members)
	}
	if bytes.Contains(buf.Bytes(), []byte("Müller")) {
		t.Error("the evidence report names a person")
	}
}

func TestColumnsFollowThePrivacyLevel(t *testing.T) {
	ctx := context.Background()
	db, lib, _ := seeded(t, 30, 6)
	src, _ := reporting.New(ctx, db, lib, db.Now())
	for _, level := range []string{"aggregate", "status", "results"} {
		doc, err := src.PersonReport(ctx, store.Scope{All: true}, reporting.Filter{}, store.ReportSettings{Level: level, K: 5}, "de", &reporting.Counter{})
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		for _, sec := range doc.Sections {
			for _, col := range sec.Columns {
				keys = append(keys, col.Key)
			}
		}
		hasName, hasScore := slices.Contains(keys, "name"), slices.Contains(keys, "score_percent")
		if (level == "aggregate") == hasName || (level == "results") != hasScore {
			t.Errorf("level %s: columns %v", level, keys)
		}
	}
}

// The dashboard counts in one unordered pass without person rows; it must give the numbers that
// aggregating the report rows gives.
func TestDashboardCountsLikeTheReportRows(t *testing.T) {
	db, lib, res := seeded(t, 400, 24)
	dashboardCountsLikeTheReportRows(t, db, lib, res)
}

// Below id 63 an assignment's bit in the coverage masks is its id; beyond, its position in a CASE
// over the assignments. The same comparison with ids from 100 on takes the second way.
func TestDashboardCountsLikeTheReportRowsWithLargeAssignmentIDs(t *testing.T) {
	db := storetest.OpenSQLite(t)
	if err := db.TestWriter().Exec("INSERT INTO sqlite_sequence (name, seq) VALUES ('assignments', 100)").Error; err != nil {
		t.Fatal(err)
	}
	lib := content.NewLibrary(shippedCourses(), db, slog.New(slog.DiscardHandler))
	if _, err := lib.Reload(); err != nil {
		t.Fatal(err)
	}
	res, err := demo.Seed(context.Background(), db, lib, demo.Options{Users: 200, Units: 12, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	as, err := db.Assignments(context.Background())
	if err != nil || len(as) == 0 || as[0].ID < 100 {
		t.Fatalf("assignments %+v, %v: want ids from 100 on", as, err)
	}
	dashboardCountsLikeTheReportRows(t, db, lib, res)
}

func dashboardCountsLikeTheReportRows(t *testing.T, db *store.Store, lib *content.Library, res *demo.Result) {
	t.Helper()
	ctx := context.Background()
	src, err := reporting.New(ctx, db, lib, db.Now())
	if err != nil {
		t.Fatal(err)
	}
	rs := store.ReportSettings{Level: "status", K: 5}
	day := 24 * time.Hour
	filters := []reporting.Filter{{}, {UnitID: res.Units[1], WithSub: true}, {Status: "overdue"}, {CourseID: "ki-grundlagen"},
		{Area: "KA-KRIT"}, {From: db.Now().Add(-40 * day).Truncate(day), To: db.Now().Add(20 * day).Truncate(day)},
		{To: db.Now().Add(-10 * day).Truncate(day), Status: "completed"}, {From: db.Now().Truncate(day)},
		{Area: "KA-KRIT", From: db.Now().Add(-40 * day).Truncate(day), To: db.Now().Add(20 * day).Truncate(day)}}
	for _, f := range filters {
		got, err := src.Dashboard(ctx, store.Scope{All: true}, f, rs)
		if err != nil {
			t.Fatal(err)
		}
		var rows, flat []report.Row
		for r, err := range src.Rows(ctx, store.Scope{All: true}, f, report.LevelStatus) {
			if err != nil {
				t.Fatal(err)
			}
			rows = append(rows, r)
			r.OrgUnitPath = ""
			flat = append(flat, r)
		}
		if len(rows) == 0 {
			t.Fatalf("filter %+v: no rows to compare", f)
		}
		perUnit, _ := report.Aggregate(report.RowsFromSlice(rows))
		across, _ := report.Aggregate(report.RowsFromSlice(flat))
		from := time.Date(src.Now.Year(), src.Now.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -11, 0)
		trend, _ := report.TrendByMonth(report.RowsFromSlice(rows), from, src.Now)
		want := &reporting.Dashboard{Units: perUnit.Units, Coverage: across.Coverage, Total: perUnit.Total, Trend: trend}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("filter %+v:\n got %+v\nwant %+v", f, got, want)
		}
	}
}

func TestEveryReportPublishesTheEvidenceLogHead(t *testing.T) {
	ctx := context.Background()
	db, lib, _ := seeded(t, 20, 4)
	src, _ := reporting.New(ctx, db, lib, db.Now())
	rs, _ := db.ReportSettings(ctx, "status")
	if err := db.CreateUser(ctx, &store.User{Email: "neu@stadt.example", DisplayName: "Neu"}, []string{"learner"}); err != nil {
		t.Fatal(err) // one entry in the evidence log (the seed writes none)
	}
	head, err := db.EvidenceHead(ctx)
	if err != nil || head.Count == 0 || len(head.Hash) != 64 {
		t.Fatalf("head %+v, %v", head, err)
	}
	evidenceDoc, err := src.EvidenceReport(ctx, store.Scope{All: true}, reporting.Filter{}, rs, "de", &reporting.Counter{})
	if err != nil {
		t.Fatal(err)
	}
	personDoc, err := src.PersonReport(ctx, store.Scope{All: true}, reporting.Filter{}, rs, "de", &reporting.Counter{})
	if err != nil {
		t.Fatal(err)
	}
	for name, doc := range map[string]report.Document{"evidence": evidenceDoc, "persons": personDoc} {
		got := map[string]string{}
		for _, f := range doc.Meta {
			got[f.Key] = f.Value
		}
		if got["evidence_head"] != head.Hash || got["evidence_count"] != strconv.FormatInt(head.Count, 10) {
			t.Errorf("%s report: head %q count %q, want %q %d", name, got["evidence_head"], got["evidence_count"], head.Hash, head.Count)
		}
		var buf bytes.Buffer
		written, err := reporting.Write(&buf, "csv", doc, "bericht.csv", "")
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(written.Sidecar.JSON(), []byte(head.Hash)) {
			t.Errorf("%s report: the CSV's integrity file does not carry the head hash", name)
		}
	}
}

// Deleting the data of a person who left changes no figure of the Art. 4 evidence: the figures are
// those after the person left (reports count the current members), and the deletion leaves them so.
func TestDeletingAPersonWhoLeftKeepsTheEvidenceFigures(t *testing.T) {
	ctx := context.Background()
	db, lib, _ := seeded(t, 40, 5)
	rs, _ := db.ReportSettings(ctx, "status")
	figures := func() string {
		src, err := reporting.New(ctx, db, lib, db.Now())
		if err != nil {
			t.Fatal(err)
		}
		doc, err := src.EvidenceReport(ctx, store.Scope{All: true}, reporting.Filter{}, rs, "de", &reporting.Counter{})
		if err != nil {
			t.Fatal(err)
		}
		doc.Meta = nil // time and the evidence head change with every entry
		var buf bytes.Buffer
		if _, err := reporting.Write(&buf, "json", doc, "nachweis.json", ""); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	var someone store.User
	if err := db.TestWriter().Where("id IN (SELECT user_id FROM completions)").Order("id").First(&someone).Error; err != nil {
		t.Fatal(err)
	}
	if err := db.UpdateUser(ctx, someone.ID, someone.DisplayName, []string{store.RoleLearner}, false); err != nil {
		t.Fatal(err)
	}
	before := figures()
	if err := db.ErasePerson(ctx, someone.ID, "left", nil); err != nil {
		t.Fatal(err)
	}
	if after := figures(); after != before {
		t.Errorf("the evidence figures changed after deleting a person:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}
