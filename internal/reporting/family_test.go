package reporting_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/report"
	"github.com/ailit/ailit/internal/reporting"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/store/storetest"
)

// A course and its translation are one course in reports: the row of someone who took the
// English version names the German course with the language and title taken.
func TestReportShowsAFamilyOnceWithTheLanguageTaken(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.Store) {
		ctx := context.Background()
		lib := content.NewLibrary(shippedCourses(), db, slog.New(slog.DiscardHandler))
		if _, err := lib.Reload(); err != nil {
			t.Fatal(err)
		}
		unit, err := db.CreateOrgUnit(ctx, nil, "Bürgeramt")
		if err != nil {
			t.Fatal(err)
		}
		var people []*store.User
		for _, name := range []string{"Anna Schulz", "John Miller"} {
			u := &store.User{Email: strings.ToLower(strings.ReplaceAll(name, " ", ".")) + "@stadt.example", DisplayName: name, Active: true}
			if err := db.CreateUser(ctx, u, nil); err != nil {
				t.Fatal(err)
			}
			if err := db.SetUserOrgUnit(ctx, u.ID, &unit.ID); err != nil {
				t.Fatal(err)
			}
			people = append(people, u)
		}
		a := &store.Assignment{CourseID: "ki-grundlagen", Title: "KI-Grundlagen – Pflichtschulung", DueKind: "after_assignment", DueDays: 30,
			CreatedBy: people[0].ID, Targets: []store.AssignmentTarget{{Kind: store.TargetUnitTree, OrgUnitID: &unit.ID}}}
		if err := db.SaveAssignment(ctx, a); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SyncAssignment(ctx, a, nil); err != nil {
			t.Fatal(err)
		}
		for i, course := range []string{"ki-grundlagen", "ai-basics"} {
			v := lib.Catalog().Course(course).Latest()
			err := db.InTx(ctx, func(tx *store.Tx) error {
				_, err := tx.RecordCompletion(&store.Completion{UserID: people[i].ID, CourseID: course, Version: v.Version, ContentHash: v.Hash})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		src, err := reporting.New(ctx, db, lib, db.Now())
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for r, err := range src.Rows(ctx, store.Scope{All: true}, reporting.Filter{}, report.LevelStatus) {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, r.Name+" | "+r.CourseID+" | "+r.CourseTitle+" | "+r.CourseVersion+" | "+string(r.Status))
		}
		sort.Strings(got)
		kg := lib.Catalog().Course("ki-grundlagen").Latest().Version // the German version Anna took
		ab := lib.Catalog().Course("ai-basics").Latest().Version     // the English version John took
		want := []string{
			"Anna Schulz | ki-grundlagen | KI-Grundlagen für alle Beschäftigten | " + kg + " | completed",
			"John Miller | ki-grundlagen | KI-Grundlagen für alle Beschäftigten (en: AI basics for all staff) | " + ab + " (en) | completed",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("report rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}

		// The Art. 4 record: one measure for the course, both content versions used.
		rs, err := db.ReportSettings(ctx, "status")
		if err != nil {
			t.Fatal(err)
		}
		doc, err := src.EvidenceReport(ctx, store.Scope{All: true}, reporting.Filter{}, rs, "de", &reporting.Counter{})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := reporting.Write(&buf, "json", doc, "nachweis.json", ""); err != nil {
			t.Fatal(err)
		}
		var parsed struct {
			Sections []struct {
				Key  string           `json:"key"`
				Rows []map[string]any `json:"rows"`
			} `json:"sections"`
		}
		if err := json.Unmarshal(buf.Bytes(), &parsed); err != nil {
			t.Fatalf("%v\n%s", err, buf.String())
		}
		sections := map[string][]string{}
		for _, sec := range parsed.Sections {
			for _, r := range sec.Rows {
				switch sec.Key {
				case "measures":
					sections[sec.Key] = append(sections[sec.Key], fmt.Sprint(r["courses"]))
				case "unit_courses":
					sections[sec.Key] = append(sections[sec.Key], fmt.Sprint(r["course_id"], " ", r["course_version"]))
				case "versions":
					sections[sec.Key] = append(sections[sec.Key], fmt.Sprint(r["course_id"], " ", r["course_version"], " ", r["course_title"]))
				}
			}
		}
		wantSections := map[string]string{
			"measures":     "KI-Grundlagen für alle Beschäftigten",
			"unit_courses": sortedJoin("ki-grundlagen "+ab+" (en)", "ki-grundlagen "+kg),
			"versions":     "ai-basics " + ab + " AI basics for all staff; ki-grundlagen " + kg + " KI-Grundlagen für alle Beschäftigten",
		}
		for key, want := range wantSections {
			if got := sortedJoin(sections[key]...); got != want {
				t.Errorf("evidence section %s: %s, want %s", key, got, want)
			}
		}
	})
}

// Publishing the release that links a course to its original makes earlier completions of the
// course count for the original's assignments at once: the member facts are recomputed when the
// link is first recorded.
func TestCompletionsCountForTheFamilyOnceTheTranslationReleaseIsLoaded(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.Store) {
		ctx := context.Background()
		dir := t.TempDir()
		if err := os.CopyFS(dir, os.DirFS(shippedCourses())); err != nil {
			t.Fatal(err)
		}
		// Every release from 1.1.0 on carries translation_of; park them so that only 1.0.0 is loaded.
		var releases []string
		entries, err := os.ReadDir(filepath.Join(dir, "ai-basics"))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.Name() != "1.0.0" {
				releases = append(releases, e.Name())
			}
		}
		parking := t.TempDir()
		for _, r := range releases {
			if err := os.Rename(filepath.Join(dir, "ai-basics", r), filepath.Join(parking, r)); err != nil {
				t.Fatal(err)
			}
		}
		lib := content.NewLibrary(dir, db, slog.New(slog.DiscardHandler))
		if _, err := lib.Reload(); err != nil {
			t.Fatal(err)
		}
		john := &store.User{Email: "john@stadt.example", DisplayName: "John Miller", Active: true}
		if err := db.CreateUser(ctx, john, nil); err != nil {
			t.Fatal(err)
		}
		a := &store.Assignment{CourseID: "ki-grundlagen", Title: "KI-Grundlagen", DueKind: "after_assignment", DueDays: 30,
			CreatedBy: john.ID, Targets: []store.AssignmentTarget{{Kind: store.TargetUser, UserID: &john.ID}}}
		if err := db.SaveAssignment(ctx, a); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SyncAssignment(ctx, a, nil); err != nil {
			t.Fatal(err)
		}
		old := lib.Catalog().Course("ai-basics").Latest()
		err = db.InTx(ctx, func(tx *store.Tx) error {
			_, err := tx.RecordCompletion(&store.Completion{UserID: john.ID, CourseID: "ai-basics", Version: old.Version, ContentHash: old.Hash})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		completedCourse := func() string {
			t.Helper()
			recs, err := db.MemberRecords(ctx, store.Scope{All: true}, store.RecordFilter{AssignmentID: a.ID})
			if err != nil || len(recs) != 1 {
				t.Fatalf("%d records, %v", len(recs), err)
			}
			return recs[0].Member.CompletedCourse
		}
		if got := completedCourse(); got != "" {
			t.Fatalf("before the translation release the assignment counts a completion of %q", got)
		}
		for _, r := range releases {
			if err := os.Rename(filepath.Join(parking, r), filepath.Join(dir, "ai-basics", r)); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := lib.Reload(); err != nil {
			t.Fatal(err)
		}
		if got := completedCourse(); got != "ai-basics" {
			t.Errorf("after the translation release the assignment counts %q, want the completion of ai-basics %s", got, old.Version)
		}
	})
}

// sortedJoin joins rows in sorted order: the evidence lists versions by their text, which puts the
// English row first or second depending on which version numbers are shipped.
func sortedJoin(rows ...string) string {
	rows = slices.Clone(rows)
	slices.Sort(rows)
	return strings.Join(rows, "; ")
}
