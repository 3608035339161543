package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/store/storetest"
)

// TestPersonalDataCoversEveryTableWithAPerson keeps the GDPR Art. 15 download complete: a model
// with a user_id or subject_user_id column keeps data about a person, so PersonalDataOf must read it.
func TestPersonalDataCoversEveryTableWithAPerson(t *testing.T) {
	s := storetest.OpenSQLite(t)
	covered := map[reflect.Type]bool{}
	for _, m := range store.PersonalDataModels {
		covered[reflect.TypeOf(m)] = true
	}
	for _, model := range store.AllModels() {
		sch := (&schemaOf{db: s, model: model}).parse(t)
		for _, col := range []string{"user_id", "subject_user_id"} {
			if sch.LookUpField(col) != nil && !covered[reflect.TypeOf(model)] {
				t.Errorf("table %s has a %s column but PersonalDataOf (internal/store/personal_data.go) does not read it: "+
					"add it there and to the My data page", sch.Table, col)
			}
		}
	}
}

func TestPersonalDataContainsOnlyTheRowsOfThatPerson(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		anna := seedLearner(t, s, "anna@stadt.example", "Anna Berg")
		ben := seedLearner(t, s, "ben@stadt.example", "Ben Kraus")

		d, err := s.PersonalDataOf(ctx, anna)
		if err != nil {
			t.Fatal(err)
		}
		if d.User.Email != "anna@stadt.example" || len(d.User.Roles) != 1 {
			t.Errorf("account: %+v", d.User)
		}
		if len(d.Enrollments) != 1 || d.Enrollments[0].UserID != anna {
			t.Fatalf("enrollments: %+v", d.Enrollments)
		}
		if p := d.Progress[d.Enrollments[0].ID]; len(p) != 1 || p[0].DoneAt == nil {
			t.Errorf("progress: %+v", d.Progress)
		}
		if len(d.QuizAttempts) != 1 || d.QuizAttempts[0].UserID != anna || len(d.QuizAttempts[0].Answers) != 1 ||
			d.QuizAttempts[0].Answers[0].Response != `["b"]` {
			t.Errorf("quiz attempts: %+v", d.QuizAttempts)
		}
		if len(d.Completions) != 1 || d.Completions[0].UserID != anna {
			t.Errorf("completions: %+v", d.Completions)
		}
		if len(d.Evidence) != 2 {
			t.Errorf("evidence: %d events, want the role grant and the completion", len(d.Evidence))
		}
		for _, e := range d.Evidence {
			if e.SubjectUserID == nil || *e.SubjectUserID != anna {
				t.Errorf("evidence about someone else: %+v", e)
			}
		}
		if d.QuizTimeExtension == nil || d.QuizTimeExtension.Percent != 50 {
			t.Errorf("time extension: %+v", d.QuizTimeExtension)
		}
		other, err := s.PersonalDataOf(ctx, ben)
		if err != nil || other.QuizTimeExtension != nil || len(other.QuizAttempts) != 1 || other.QuizAttempts[0].UserID != ben {
			t.Errorf("ben's data: %+v, %v", other, err)
		}
	})
}

// seedLearner creates a learner with one of everything; only Anna gets a time extension.
func seedLearner(t *testing.T, s *store.Store, email, name string) int64 {
	t.Helper()
	ctx := context.Background()
	u := &store.User{Email: email, DisplayName: name}
	if err := s.CreateUser(ctx, u, []string{store.RoleLearner}); err != nil {
		t.Fatal(err)
	}
	e := &store.Enrollment{UserID: u.ID, CourseID: "ki-grundlagen", Version: "1.0.0", ContentHash: "abc"}
	if _, err := s.Enroll(ctx, e); err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	err := s.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.MarkLessonDone(e.ID, "m1", "h1"); err != nil {
			return err
		}
		_, err := tx.RecordCompletion(&store.Completion{UserID: u.ID, CourseID: "ki-grundlagen", Version: "1.0.0", ContentHash: "abc"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	attempt := &store.QuizAttempt{UserID: u.ID, CourseID: "ki-grundlagen", Version: "1.0.0", ContentHash: "abc", ModuleID: "m1",
		Layout: "{}", Status: store.AttemptSubmitted, StartedAt: now,
		Answers: []store.QuizAnswer{{QuestionID: "q1", QuestionHash: "qh", Response: `["b"]`, UpdatedAt: now}}}
	if err := s.TestWriter().Create(attempt).Error; err != nil {
		t.Fatal(err)
	}
	if name == "Anna Berg" {
		if err := s.TestWriter().Create(&store.QuizTimeExtension{UserID: u.ID, Percent: 50, SetBy: u.ID, UpdatedAt: now}).Error; err != nil {
			t.Fatal(err)
		}
	}
	return u.ID
}

func TestPersonalDataContainsOrganisationAssignmentsAndEmailsOfThatPerson(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		anna := seedLearner(t, s, "anna@stadt.example", "Anna Berg")
		ben := seedLearner(t, s, "ben@stadt.example", "Ben Kraus")
		now := time.Now().UTC()
		unit := &store.OrgUnit{Name: "Bürgeramt", Path: "/1/", CreatedAt: now}
		failOn(t, s.TestWriter().Create(unit).Error)
		failOn(t, s.TestWriter().Model(&store.User{}).Where("id = ?", anna).Update("org_unit_id", unit.ID).Error)
		failOn(t, s.TestWriter().Create(&store.ManagerUnit{UserID: anna, OrgUnitID: unit.ID}).Error)
		a := &store.Assignment{CourseID: "ki-grundlagen", Title: "Pflichtschulung 2026", DueKind: "none", CreatedBy: ben, CreatedAt: now, UpdatedAt: now}
		failOn(t, s.TestWriter().Create(a).Error)
		for _, id := range []int64{anna, ben} {
			failOn(t, s.TestWriter().Create(&store.AssignmentMember{AssignmentID: a.ID, UserID: id, JoinedAt: now}).Error)
		}
		failOn(t, s.TestWriter().Create(&store.AssignmentExemption{AssignmentID: a.ID, UserID: ben, Reason: "Elternzeit", CreatedBy: anna, CreatedAt: now}).Error)
		failOn(t, s.TestWriter().Create(&store.OutboxMessage{DedupeKey: "due:anna", Kind: "due", UserID: &anna, ToAddress: "anna@stadt.example",
			Subject: "Frist", Body: "Bitte", NextAttemptAt: now, CreatedAt: now}).Error)

		d, err := s.PersonalDataOf(ctx, anna)
		failOn(t, err)
		if d.OrgUnits[unit.ID].Name != "Bürgeramt" || len(d.ManagedUnits) != 1 {
			t.Errorf("organisation: %+v %+v", d.OrgUnits, d.ManagedUnits)
		}
		if len(d.AssignmentMembers) != 1 || d.AssignmentMembers[0].UserID != anna || d.Assignments[a.ID].Title != "Pflichtschulung 2026" {
			t.Errorf("assignments: %+v %+v", d.AssignmentMembers, d.Assignments)
		}
		if len(d.AssignmentExemptions) != 0 {
			t.Errorf("Ben's exemption is in Anna's data: %+v", d.AssignmentExemptions)
		}
		if len(d.Emails) != 1 || d.Emails[0].Subject != "Frist" {
			t.Errorf("emails: %+v", d.Emails)
		}
		other, err := s.PersonalDataOf(ctx, ben)
		failOn(t, err)
		if len(other.Emails) != 0 || len(other.ManagedUnits) != 0 || len(other.AssignmentExemptions) != 1 || len(other.OrgUnits) != 0 {
			t.Errorf("Ben's data: %+v", other)
		}
	})
}

func failOn(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
