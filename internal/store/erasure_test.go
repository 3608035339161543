package store_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/erasure"
	"github.com/ailit/ailit/internal/retention"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/store/storetest"
)

// TestErasureCoversEveryTableWithAPerson: a table with a user_id or subject_user_id column keeps
// data about a person, so deleting a person must either change it or keep it on purpose.
func TestErasureCoversEveryTableWithAPerson(t *testing.T) {
	s := storetest.OpenSQLite(t)
	changed, kept := store.ErasureTables()
	for _, model := range store.AllModels() {
		sch := (&schemaOf{db: s, model: model}).parse(t)
		for _, col := range []string{"user_id", "subject_user_id"} {
			if sch.LookUpField(col) != nil && !slices.Contains(changed, sch.Table) && !slices.Contains(kept, sch.Table) {
				t.Errorf("table %s has a %s column but deleting a person (internal/store/erasure.go) neither changes "+
					"it (erasureSteps) nor keeps it on purpose (erasureKeeps)", sch.Table, col)
			}
		}
	}
}

func TestErasingAPersonRemovesWhatNamesThemAndKeepsFiguresAndRecords(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		anna := seedLearner(t, s, "anna@stadt.example", "Anna Berg")
		ben := seedLearner(t, s, "ben@stadt.example", "Ben Kraus")
		pn := "0004711"
		if err := s.TestWriter().Model(&store.User{}).Where("id = ?", anna).Update("personnel_number", pn).Error; err != nil {
			t.Fatal(err)
		}
		if err := s.TestWriter().Create(&store.WebSession{ID: "a1", SecretHash: []byte("x"), UserID: &anna, IP: "192.0.2.7", CreatedAt: s.Now(),
			LastSeenAt: s.Now(), ExpiresAt: s.Now().Add(time.Hour)}).Error; err != nil {
			t.Fatal(err)
		}
		before, _ := s.PersonalDataOf(ctx, anna)
		record := before.Completions[0].RecordID

		if err := s.ErasePerson(ctx, anna, erasure.ReasonRequest, nil); err != nil {
			t.Fatal(err)
		}
		after, err := s.PersonalDataOf(ctx, anna)
		if err != nil {
			t.Fatal(err)
		}
		u := after.User
		if !strings.HasPrefix(u.DisplayName, "Gelöschte Person ") || !strings.HasSuffix(u.Email, "@deleted.invalid") ||
			u.PersonnelNumber != nil || u.PasswordHash != "" || u.Active || u.DeletedAt == nil || len(u.Roles) != 0 {
			t.Errorf("account after deletion: %+v", u)
		}
		if len(after.Sessions) != 0 || after.QuizTimeExtension != nil {
			t.Errorf("sessions %d, time extension %v left", len(after.Sessions), after.QuizTimeExtension)
		}
		if len(after.QuizAttempts) != 1 || len(after.QuizAttempts[0].Answers) != 0 {
			t.Errorf("attempts %+v: the result stays, the answers go", after.QuizAttempts)
		}
		if len(after.Completions) != 1 || after.Completions[0].RecordID != record || len(after.Enrollments) != 1 {
			t.Errorf("the completion (record %s) and the enrollment must stay: %+v", record, after.Completions)
		}
		for _, e := range after.Evidence {
			if e.TombstonedAt == nil || e.Payload != `{"tombstone":true}` {
				t.Errorf("evidence entry %d about the deleted person is not a tombstone: %s", e.Seq, e.Payload)
			}
		}
		if other, _ := s.PersonalDataOf(ctx, ben); other.User.DisplayName != "Ben Kraus" || len(other.QuizAttempts[0].Answers) != 1 {
			t.Error("deleting Anna changed Ben's data")
		}
		n, broken, err := s.VerifyEvidence(ctx)
		if err != nil || broken != nil {
			t.Fatalf("chain after the deletion: %v %+v", err, broken)
		}
		es := allEvents(t, s)
		last := es[len(es)-1]
		if n != int64(len(es)) || last.Type != store.EventPersonDeleted || !strings.Contains(last.Payload, `"reason":"request"`) ||
			strings.Contains(last.Payload, "Anna") {
			t.Errorf("deletion entry %+v", last)
		}
		// A second deletion changes nothing.
		if err := s.ErasePerson(ctx, anna, erasure.ReasonRequest, nil); err != nil || len(allEvents(t, s)) != len(es) {
			t.Errorf("second deletion: %v", err)
		}
	})
}

func TestATombstoneNobodyRecordedBreaksTheChain(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		anna := seedLearner(t, s, "anna@stadt.example", "Anna Berg")
		seedLearner(t, s, "ben@stadt.example", "Ben Kraus")
		if err := s.ErasePerson(ctx, anna, erasure.ReasonLeft, nil); err != nil {
			t.Fatal(err)
		}
		var benEntry store.EvidenceEvent
		if err := s.TestWriter().Where("subject_user_id <> ?", anna).Order("seq").First(&benEntry).Error; err != nil {
			t.Fatal(err)
		}
		// Emptying an entry about somebody else and calling it a tombstone is tampering.
		if err := s.TestWriter().Model(&store.EvidenceEvent{}).Where("seq = ?", benEntry.Seq).
			Updates(map[string]any{"payload": `{"tombstone":true}`, "tombstoned_at": s.Now()}).Error; err != nil {
			t.Fatal(err)
		}
		_, broken, err := s.VerifyEvidence(ctx)
		if err != nil || broken == nil || broken.Seq != benEntry.Seq || !strings.Contains(broken.Reason, "no person.deleted entry records it") {
			t.Fatalf("unrecorded tombstone: %+v %v", broken, err)
		}
		// A tombstone that still carries content is found too.
		if err := s.TestWriter().Model(&store.EvidenceEvent{}).Where("seq = ?", benEntry.Seq).Update("payload", `{"roles":["admin"]}`).Error; err != nil {
			t.Fatal(err)
		}
		if _, broken, _ := s.VerifyEvidence(ctx); broken == nil || !strings.Contains(broken.Reason, "still carries content") {
			t.Fatalf("tombstone with content: %+v", broken)
		}
	})
}

func TestALegalHoldOnAUnitAboveSuspendsDeletionUntilReleased(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		amt, _ := s.CreateOrgUnit(ctx, nil, "Ordnungsamt")
		sg, _ := s.CreateOrgUnit(ctx, &amt.ID, "Sachgebiet Gewerbe")
		admin := &store.User{Email: "it@stadt.example", DisplayName: "IT"}
		if err := s.CreateUser(ctx, admin, []string{store.RoleAdmin}); err != nil {
			t.Fatal(err)
		}
		anna := seedLearner(t, s, "anna@stadt.example", "Anna Berg")
		if err := s.SetUserOrgUnit(ctx, anna, &sg.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.UpdateUser(ctx, anna, "Anna Berg", []string{store.RoleLearner}, false); err != nil {
			t.Fatal(err)
		}
		hold := &store.LegalHold{OrgUnitID: &amt.ID, Reason: "Verfahren vor dem Verwaltungsgericht", CreatedBy: admin.ID}
		if err := s.PlaceHold(ctx, hold); err != nil {
			t.Fatal(err)
		}
		if err := s.ErasePerson(ctx, anna, erasure.ReasonRequest, &admin.ID); !errors.Is(err, store.ErrOnHold) {
			t.Fatalf("deleting under a hold: %v", err)
		}
		// The leavers' retention skips her too, also long after her period.
		p := retention.Defaults()
		later := s.Now().AddDate(3, 0, 0)
		if plan, _ := s.RetentionPlan(ctx, p, later); plan[retention.Leavers] != 0 {
			t.Errorf("plan under a hold: %d leavers due", plan[retention.Leavers])
		}
		if _, err := s.ApplyRetention(ctx, p, later); err != nil {
			t.Fatal(err)
		}
		if d, _ := s.PersonalDataOf(ctx, anna); d.User.DisplayName != "Anna Berg" {
			t.Fatal("the retention run deleted a person under a hold")
		}
		if err := s.ReleaseHold(ctx, hold.ID, admin.ID); err != nil {
			t.Fatal(err)
		}
		if plan, _ := s.RetentionPlan(ctx, p, later); plan[retention.Leavers] != 1 {
			t.Errorf("plan after the release: %d leavers due, want 1", plan[retention.Leavers])
		}
		if _, err := s.ApplyRetention(ctx, p, later); err != nil {
			t.Fatal(err)
		}
		if d, _ := s.PersonalDataOf(ctx, anna); d.User.DeletedAt == nil {
			t.Error("after the release the retention run did not delete her")
		}
		if _, broken, _ := s.VerifyEvidence(ctx); broken != nil {
			t.Errorf("chain: %+v", broken)
		}
	})
}

func TestLeaversAreDeletedExactlyAtTheEndOfTheirPeriod(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		anna := seedLearner(t, s, "anna@stadt.example", "Anna Berg")
		left := time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)
		if err := s.TestWriter().Model(&store.User{}).Where("id = ?", anna).Updates(map[string]any{"active": false, "deactivated_at": left}).Error; err != nil {
			t.Fatal(err)
		}
		p := retention.Defaults()
		end := p.DeletionDate(retention.Leavers, left)
		if plan, _ := s.RetentionPlan(ctx, p, end); plan[retention.Leavers] != 0 {
			t.Errorf("due at the period end: %d", plan[retention.Leavers])
		}
		if plan, _ := s.RetentionPlan(ctx, p, end.Add(time.Second)); plan[retention.Leavers] != 1 {
			t.Errorf("due just after the period end: %d", plan[retention.Leavers])
		}
	})
}

func TestDeactivationStartsTheClockAndReactivationStopsIt(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		anna := seedLearner(t, s, "anna@stadt.example", "Anna Berg")
		deactivatedAt := func() *time.Time {
			u, _ := s.UserByID(ctx, anna)
			return u.DeactivatedAt
		}
		if deactivatedAt() != nil {
			t.Fatal("an active account has a deactivation date")
		}
		s.UpdateUser(ctx, anna, "Anna Berg", []string{store.RoleLearner}, false)
		first := deactivatedAt()
		if first == nil {
			t.Fatal("deactivating set no date")
		}
		s.UpdateUser(ctx, anna, "Anna B.", []string{store.RoleLearner}, false) // still inactive: the date stays
		if d := deactivatedAt(); d == nil || !d.Equal(*first) {
			t.Errorf("a second save moved the date: %v, was %v", d, first)
		}
		s.UpdateUser(ctx, anna, "Anna B.", []string{store.RoleLearner}, true)
		if deactivatedAt() != nil {
			t.Error("reactivating kept the deactivation date")
		}
	})
}
