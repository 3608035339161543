package reporting_test

import (
	"context"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/assign"
	"github.com/ailit/ailit/internal/compliance"
	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/demo"
	"github.com/ailit/ailit/internal/measure"
	"github.com/ailit/ailit/internal/reporting"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/store/storetest"
)

// movingClock is a clock the test sets.
type movingClock struct{ t time.Time }

func (c *movingClock) Now() time.Time { return c.t }

type memberKey struct{ assignment, user int64 }

// recordsFrom renders every current member's report record: the member facts (asOf zero) or the
// joins of exemptions, enrollments and completions (asOf set).
func recordsFrom(t *testing.T, db *store.Store, asOf time.Time) map[memberKey]string {
	t.Helper()
	utc := func(t *time.Time) string {
		if t == nil || t.IsZero() {
			return "-"
		}
		return t.UTC().Format(time.RFC3339Nano)
	}
	out := map[memberKey]string{}
	err := db.StreamReportRecords(context.Background(), store.ReportFilter{AllUnits: true, AsOf: asOf}, func(r *store.ReportRecord) error {
		out[memberKey{r.AssignmentID, r.UserID}] = fmt.Sprintf("exempted %t %q, enrolled %q %q, started %t, completed %q %q %q %s valid until %s",
			r.Exempted, r.ExemptionReason, r.EnrolledVersion, r.EnrolledHash, r.Started, r.CompletedCourse,
			r.CompletedVersion, r.CompletedHash, utc(&r.CompletedAt), utc(r.ValidUntil))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// statusesFrom computes every current member's status at now from the report records: the member
// facts (asOf zero) or the joins of exemptions, enrollments and completions (asOf set).
func statusesFrom(t *testing.T, db *store.Store, lib *content.Library, now, asOf time.Time) map[memberKey]assign.State {
	t.Helper()
	ctx := context.Background()
	out := map[memberKey]assign.State{}
	err := db.StreamReportRecords(ctx, store.ReportFilter{AllUnits: true, AsOf: asOf}, func(r *store.ReportRecord) error {
		records := assign.Records{Started: r.Started, Releases: releases(t, db, lib, r.CourseID)}
		if r.CompletedVersion != "" {
			records.Completions = []assign.Completion{{Course: r.CompletedCourse, Version: r.CompletedVersion, CompletedAt: r.CompletedAt, ValidUntil: r.ValidUntil}}
		}
		state, _, _ := assign.Status(r.Rule(), assign.Member{JoinedAt: r.JoinedAt, Exempted: r.Exempted}, records, now)
		out[memberKey{r.AssignmentID, r.UserID}] = state
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// statusesFromMemberRecords is the learner pages' path: every completion of every person.
func statusesFromMemberRecords(t *testing.T, db *store.Store, lib *content.Library, now time.Time) map[memberKey]assign.State {
	t.Helper()
	recs, err := db.MemberRecords(context.Background(), store.Scope{All: true}, store.RecordFilter{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[memberKey]assign.State{}
	for _, r := range recs {
		rule, m, records := r.Inputs(releases(t, db, lib, r.Assignment.CourseID))
		state, _, _ := assign.Status(rule, m, records, now)
		out[memberKey{r.Member.AssignmentID, r.Member.UserID}] = state
	}
	return out
}

func releases(t *testing.T, db *store.Store, lib *content.Library, courseID string) []assign.Release {
	rel, err := assign.FamilyReleasesOf(lib.Catalog(), courseID, func(id string) (map[string]time.Time, error) {
		return db.VersionsFirstSeen(context.Background(), id)
	})
	if err != nil {
		t.Fatal(err)
	}
	return rel
}

// sameStatuses fails when the member facts give another status than the joins for any member.
func sameStatuses(t *testing.T, step string, db *store.Store, lib *content.Library) map[assign.State]int {
	t.Helper()
	now := db.Now()
	facts := statusesFrom(t, db, lib, now, time.Time{})
	joins := statusesFrom(t, db, lib, now, now.AddDate(100, 0, 0))
	records := statusesFromMemberRecords(t, db, lib, now)
	src, err := reporting.New(context.Background(), db, lib, now)
	if err != nil {
		t.Fatal(err)
	}
	inSQL, err := src.MemberStatusesSQL(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(facts) == 0 || len(facts) != len(joins) || len(facts) != len(records) {
		t.Fatalf("%s: %d members from the facts, %d from the joins, %d member records", step, len(facts), len(joins), len(records))
	}
	factRecords, joinRecords := recordsFrom(t, db, time.Time{}), recordsFrom(t, db, now.AddDate(100, 0, 0))
	for k, want := range joinRecords {
		if factRecords[k] != want {
			t.Errorf("%s: assignment %d, user %d: facts say %s, joins %s", step, k.assignment, k.user, factRecords[k], want)
		}
	}
	counts := map[assign.State]int{}
	for k, want := range records {
		sql := inSQL[[2]int64{k.assignment, k.user}]
		if facts[k] != want || joins[k] != want || sql != want {
			t.Errorf("%s: assignment %d, user %d: facts %s, joins %s, SQL %s, member records %s", step, k.assignment, k.user, facts[k], joins[k], sql, want)
		}
		counts[want]++
	}
	return counts
}

// Reports read the status facts copied onto assignment_members; after every kind of write and as
// time passes they must give each member the status the source tables give.
func TestMemberFactsGiveTheStatusesOfTheSourceTables(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.Store) {
		ctx := context.Background()
		clock := &movingClock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
		db.Clock = clock
		lib := content.NewLibrary(shippedCourses(), db, slog.New(slog.DiscardHandler))
		if _, err := lib.Reload(); err != nil {
			t.Fatal(err)
		}
		res, err := demo.Seed(ctx, db, lib, demo.Options{Users: 60, Units: 6, Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		sameStatuses(t, "seeded", db, lib)
		if err := db.RefreshAllMemberFacts(ctx); err != nil {
			t.Fatal(err)
		}
		sameStatuses(t, "backfilled", db, lib)

		as, err := db.Assignments(ctx)
		if err != nil {
			t.Fatal(err)
		}
		a := as[0]
		user := res.Managers[0]
		tx := func(fn func(tx *store.Tx) error) {
			t.Helper()
			if err := db.InTx(ctx, fn); err != nil {
				t.Fatal(err)
			}
		}
		step := func(name string, fn func()) {
			t.Helper()
			fn()
			sameStatuses(t, name, db, lib)
		}
		var enrollment store.Enrollment
		step("enrolled", func() {
			if err := db.SetExemption(ctx, store.AssignmentExemption{AssignmentID: a.ID, UserID: user, Reason: "r", CreatedBy: user}); err != nil {
				t.Fatal(err)
			}
			if err := db.RemoveExemption(ctx, a.ID, user); err != nil {
				t.Fatal(err)
			}
			enrollment = store.Enrollment{UserID: user, CourseID: a.CourseID, Version: "0", ContentHash: "h"}
			if e, _ := db.EnrollmentOf(ctx, user, a.CourseID); e != nil {
				enrollment = *e
			} else if _, err := db.Enroll(ctx, &enrollment); err != nil {
				t.Fatal(err)
			}
		})
		step("lesson done", func() {
			clock.t = clock.t.Add(time.Hour)
			tx(func(tx *store.Tx) error {
				if err := tx.MarkLessonDone(enrollment.ID, "m1", "h"); err != nil {
					return err
				}
				return tx.TouchEnrollment(&enrollment)
			})
		})
		var completion store.Completion
		step("completed", func() {
			v := clock.t.AddDate(0, 1, 0)
			completion = store.Completion{UserID: user, CourseID: a.CourseID, Version: "9.9.9", ContentHash: "h", ValidUntil: &v}
			tx(func(tx *store.Tx) error { _, err := tx.RecordCompletion(&completion); return err })
		})
		step("completion expiring", func() { clock.t = clock.t.AddDate(0, 0, 20) })
		step("completion expired", func() { clock.t = clock.t.AddDate(0, 0, 20) })
		step("revoked", func() {
			if err := db.RevokeCompletion(ctx, completion.ID, "recorded by mistake"); err != nil {
				t.Fatal(err)
			}
		})
		step("exempted", func() {
			if err := db.SetExemption(ctx, store.AssignmentExemption{AssignmentID: a.ID, UserID: user, Reason: "Elternzeit", CreatedBy: user}); err != nil {
				t.Fatal(err)
			}
		})
		step("due rule and course changed", func() {
			a.DueKind, a.DueDays, a.ValidityMonths, a.CourseID = assign.DueAfterJoining, 10, 12, as[1].CourseID
			if err := db.SaveAssignment(ctx, &a); err != nil {
				t.Fatal(err)
			}
		})
		step("someone left and someone joined", func() {
			if err := db.SetUserOrgUnit(ctx, user, nil); err != nil {
				t.Fatal(err)
			}
			if _, err := db.SyncAllAssignments(ctx, nil); err != nil {
				t.Fatal(err)
			}
			if err := db.SetUserOrgUnit(ctx, user, &res.Leaves[0]); err != nil {
				t.Fatal(err)
			}
			if _, err := db.SyncAllAssignments(ctx, nil); err != nil {
				t.Fatal(err)
			}
		})
		step("joined a second assignment of a course and enrolled in it", func() {
			newcomer := &store.User{Email: "newcomer@example.org", DisplayName: "Newcomer", Active: true}
			if err := db.CreateUser(ctx, newcomer, nil); err != nil {
				t.Fatal(err)
			}
			if err := db.SetUserOrgUnit(ctx, newcomer.ID, &res.Leaves[0]); err != nil {
				t.Fatal(err)
			}
			if _, err := db.SyncAssignment(ctx, &as[1], nil); err != nil { // a member, not enrolled
				t.Fatal(err)
			}
			if _, err := db.SyncAssignment(ctx, &a, store.PinFunc(compliance.Pin(lib))); err != nil { // same course
				t.Fatal(err)
			}
		})
		// Translations share completion: German done → the English assignment is satisfied, and
		// English done → the German one.
		family := func(name, assigned, taken string) {
			t.Helper()
			step(name, func() {
				person := &store.User{Email: assigned + "-" + taken + "@example.org", DisplayName: name, Active: true}
				if err := db.CreateUser(ctx, person, nil); err != nil {
					t.Fatal(err)
				}
				if err := db.SetUserOrgUnit(ctx, person.ID, &res.Leaves[0]); err != nil {
					t.Fatal(err)
				}
				target := store.AssignmentTarget{Kind: store.TargetUser, UserID: &person.ID}
				fa := store.Assignment{CourseID: assigned, Title: name, DueKind: assign.DueAfterAssignment, DueDays: 30, ValidityMonths: 24,
					CreatedBy: person.ID, Targets: []store.AssignmentTarget{target}}
				if err := db.SaveAssignment(ctx, &fa); err != nil {
					t.Fatal(err)
				}
				if _, err := db.SyncAssignment(ctx, &fa, store.PinFunc(compliance.Pin(lib))); err != nil {
					t.Fatal(err)
				}
				v := lib.Catalog().Course(taken).Latest()
				tx(func(tx *store.Tx) error {
					_, err := tx.RecordCompletion(&store.Completion{UserID: person.ID, CourseID: taken, Version: v.Version, ContentHash: v.Hash})
					return err
				})
				recs, err := db.MemberRecords(ctx, store.Scope{All: true}, store.RecordFilter{AssignmentID: fa.ID})
				if err != nil || len(recs) != 1 {
					t.Fatalf("records of the %s assignment: %d, %v", assigned, len(recs), err)
				}
				if recs[0].Member.CompletedCourse != taken {
					t.Errorf("%s: the member row names %q as completed, want %q", name, recs[0].Member.CompletedCourse, taken)
				}
				ev, err := compliance.Evaluate(ctx, db, lib, recs, db.Now())
				if err != nil || ev[0].State != assign.Completed {
					t.Errorf("%s: status %v (%v), want completed", name, ev[0].State, err)
				}
			})
		}
		family("German course done, English assignment", "ai-basics", "ki-grundlagen")
		family("English course done, German assignment", "ki-grundlagen", "ai-basics")

		step("a policy assignment and a confirmation", func() {
			p := store.Assignment{Title: "Dienstanweisung", DueKind: assign.DueAfterJoining, DueDays: 30, ValidityMonths: 12, CreatedBy: user,
				Targets: []store.AssignmentTarget{{Kind: store.TargetUnit, OrgUnitID: &res.Leaves[0]}}}
			p.SetMeasure(measure.Ref{Kind: measure.Policy, ID: "dienstanweisung-ki"})
			if err := db.SaveAssignment(ctx, &p); err != nil {
				t.Fatal(err)
			}
			if _, err := db.SyncAssignment(ctx, &p, store.PinFunc(compliance.Pin(lib))); err != nil {
				t.Fatal(err)
			}
			if _, _, err := db.CompleteMeasureNow(ctx, store.MeasureCompletion{UserID: user, Measure: p.Measure(), Version: "1.0.0", ContentHash: "h"}); err != nil {
				t.Fatal(err)
			}
		})
		seen := map[assign.State]bool{}
		for months := range 30 {
			clock.t = clock.t.AddDate(0, 1, 0)
			for s := range sameStatuses(t, fmt.Sprintf("%d months later", months+1), db, lib) {
				seen[s] = true
			}
		}
		for _, s := range assign.AllStates {
			if !seen[s] && s != assign.InProgress && s != assign.NotStarted {
				t.Errorf("time passing never showed status %s", s)
			}
		}
	})
}
