package demo_test

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/assign"
	"github.com/ailit/ailit/internal/compliance"
	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/demo"
	"github.com/ailit/ailit/internal/measure"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/store/storetest"
)

func shippedCourses() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "courses")
}

// seeded is the demo organisation of `serve --demo` size on the shipped courses.
func seeded(t *testing.T, db *store.Store) (*content.Library, *demo.Result) {
	t.Helper()
	lib := content.NewLibrary(shippedCourses(), db, slog.New(slog.DiscardHandler))
	if _, err := lib.Reload(); err != nil {
		t.Fatal(err)
	}
	res, err := demo.Seed(context.Background(), db, lib, demo.Options{Users: 400, Units: 40, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	return lib, res
}

func TestDemoAssignmentsAreTitledByCourseAndPurposeOnePerCourseFamily(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.Store) {
		ctx := context.Background()
		lib, _ := seeded(t, db)
		cat := lib.Catalog()
		as, err := db.Assignments(ctx)
		if err != nil {
			t.Fatal(err)
		}
		families := map[string]string{}
		for _, a := range as {
			if !measure.IsCourseKey(a.CourseID) {
				continue // the policy and the workshop (measures.go) are titled by their own names
			}
			for _, c := range cat.Courses() {
				if strings.Contains(a.Title, c.ID) {
					t.Errorf("assignment %q shows the course id %q", a.Title, c.ID)
				}
			}
			if strings.HasPrefix(a.Title, "KI-Register: ") {
				continue // derived from the AI inventory (inventory.go): one per system, role and measure
			}
			title := cat.Course(a.CourseID).Latest().Manifest.Title
			if !strings.HasPrefix(a.Title, title+" – ") || len(a.Title) <= len(title)+5 {
				t.Errorf("assignment %q is not titled by its course %q and a purpose", a.Title, title)
			}
			root := cat.FamilyRoot(a.CourseID)
			if other, ok := families[root]; ok {
				t.Errorf("the family of %s has two assignments: %q and %q", root, other, a.Title)
			}
			families[root] = a.Title
			if root != a.CourseID {
				t.Errorf("assignment %q is of the translation %s, not of the original %s", a.Title, a.CourseID, root)
			}
		}
		// One assignment for each family below L3 meant for everybody or for users of AI tools.
		want := 0
		for _, c := range cat.Courses() {
			if v := c.Latest(); v != nil && cat.FamilyRoot(c.ID) == c.ID && v.Manifest.Level != "L3" &&
				(slices.Contains(v.Manifest.Audiences, "alle") || slices.Contains(v.Manifest.Audiences, "anwendende")) {
				want++
			}
		}
		if len(families) != want || families["ki-grundlagen"] != "KI-Grundlagen für alle Beschäftigten – Pflichtschulung nach Art. 4 KI-Verordnung" {
			t.Errorf("assignments by family: %v", families)
		}
	})
}

func TestDemoLearnersTakeOneCourseOfTheBasicsFamilyInTheirLanguage(t *testing.T) {
	db := storetest.OpenSQLite(t)
	ctx := context.Background()
	seeded(t, db)
	var rows []struct {
		Language string
		CourseID string
		N        int
	}
	err := db.TestReader().WithContext(ctx).Raw(`SELECT u.language, e.course_id, COUNT(*) AS n FROM enrollments e JOIN users u ON u.id = e.user_id
		WHERE e.course_id IN ('ki-grundlagen', 'ai-basics') GROUP BY u.language, e.course_id ORDER BY u.language, e.course_id`).Scan(&rows).Error
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, r := range rows {
		got[r.Language+" "+r.CourseID] = r.N
	}
	if got[" ai-basics"] != 0 || got["en ki-grundlagen"] != 0 || got[" ki-grundlagen"] == 0 || got["en ai-basics"] == 0 {
		t.Errorf("enrollments in the basics family by language: %v; want German readers in ki-grundlagen only, English readers in ai-basics only", got)
	}
	var both int64
	err = db.TestReader().WithContext(ctx).Raw(`SELECT COUNT(*) FROM (SELECT user_id FROM enrollments WHERE course_id IN ('ki-grundlagen', 'ai-basics')
		GROUP BY user_id HAVING COUNT(DISTINCT course_id) > 1) x`).Scan(&both).Error
	if err != nil || both != 0 {
		t.Errorf("%d people are enrolled in both ki-grundlagen and ai-basics (%v)", both, err)
	}
}

func TestDemoProgressIsSpreadOverWeeksWithAFewOverdue(t *testing.T) {
	db := storetest.OpenSQLite(t)
	ctx := context.Background()
	lib, res := seeded(t, db)
	recs, err := db.MemberRecords(ctx, store.Scope{All: true}, store.RecordFilter{AssignmentID: res.Assignments[0]})
	if err != nil {
		t.Fatal(err)
	}
	es, err := compliance.Evaluate(ctx, db, lib, recs, db.Now())
	if err != nil {
		t.Fatal(err)
	}
	weeks := map[string]bool{}
	for _, e := range es {
		if e.Completed != nil {
			y, w := e.Completed.CompletedAt.ISOWeek()
			weeks[fmt.Sprintf("%d-W%02d", y, w)] = true
		}
	}
	counts := compliance.Counts(es)
	if len(weeks) < 8 {
		t.Errorf("completions of the first assignment fall into %d weeks; want them spread over at least 8", len(weeks))
	}
	overdue, done := counts[assign.Overdue], counts[assign.Completed]
	if overdue == 0 || overdue*5 > len(es) || done*2 < len(es) {
		t.Errorf("first assignment: %d overdue, %d completed of %d; want a few overdue and most completed", overdue, done, len(es))
	}
	later, err := db.MemberRecords(ctx, store.Scope{All: true}, store.RecordFilter{AssignmentID: res.Assignments[len(res.Assignments)-1]})
	if err != nil {
		t.Fatal(err)
	}
	les, err := compliance.Evaluate(ctx, db, lib, later, db.Now())
	if err != nil {
		t.Fatal(err)
	}
	lc := compliance.Counts(les)
	if lc[assign.Completed]*2 > len(les) || lc[assign.InProgress]+lc[assign.NotStarted] == 0 {
		t.Errorf("the newest assignment: %v of %d; want most still open", lc, len(les))
	}
}

func TestDemoOrganisationIsACityWithDezernateAemterAndSachgebiete(t *testing.T) {
	db := storetest.OpenSQLite(t)
	ctx := context.Background()
	_, res := seeded(t, db)
	tree, units, err := db.OrgTree(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(units) != 40 {
		t.Errorf("%d units, want 40", len(units))
	}
	paths := map[string]bool{}
	for _, leaf := range res.Leaves {
		paths[strings.Join(tree.NamePath(leaf), "/")] = true
	}
	for _, want := range []string{
		"Stadtverwaltung Musterstadt/Dezernat II – Finanzen, Ordnung und Bürgerservice/33 Bürgeramt/33.1 Bürgerbüro Mitte",
		"Stadtverwaltung Musterstadt/Dezernat III – Jugend, Soziales und Bildung/51 Jugendamt/51.1 Allgemeiner Sozialer Dienst",
		"Stadtverwaltung Musterstadt/Dezernat I – Oberbürgermeister, Personal und Digitales/10 Haupt- und Personalamt/10.1 Organisation",
	} {
		if !paths[want] {
			t.Errorf("no Sachgebiet %s", want)
		}
	}
	if len(res.Amts) < 8 || len(res.Managers) != len(res.Amts) {
		t.Errorf("%d Ämter with %d managers", len(res.Amts), len(res.Managers))
	}
}
