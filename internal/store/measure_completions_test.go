package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/measure"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/store/storetest"
)

func memberFacts(t *testing.T, s *store.Store, assignmentID, userID int64) store.AssignmentMember {
	t.Helper()
	var m store.AssignmentMember
	if err := s.TestReader().Where("assignment_id = ? AND user_id = ?", assignmentID, userID).First(&m).Error; err != nil {
		t.Fatal(err)
	}
	return m
}

func TestAPolicyConfirmationCompletesItsAssignmentLikeACourse(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		unit := mustUnit(t, s, nil, "Bürgeramt")
		admin := mustPerson(t, s, "admin@stadt.example", nil, store.RoleAdmin)
		lea := mustPerson(t, s, "lea@stadt.example", unit)
		ben := mustPerson(t, s, "ben@stadt.example", unit)
		policy := measure.Ref{Kind: measure.Policy, ID: "dienstanweisung-ki"}
		due := time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC)
		a := &store.Assignment{Title: "Dienstanweisung KI", DueKind: "fixed", DueDate: &due, CreatedBy: admin.ID, ValidityMonths: 12,
			Targets: []store.AssignmentTarget{{Kind: store.TargetUnit, OrgUnitID: &unit.ID}}}
		a.SetMeasure(policy)
		if err := s.SaveAssignment(ctx, a); err != nil {
			t.Fatal(err)
		}
		pinned := 0
		pin := func(string) (string, string, bool) { pinned++; return "1.0.0", "h", true }
		if joined, err := s.SyncAssignment(ctx, a, pin); err != nil || len(joined) != 2 {
			t.Fatalf("joined %v, %v", joined, err)
		}
		if pinned != 0 {
			t.Fatalf("a policy assignment asked for a course version %d times", pinned)
		}
		if e, _ := s.EnrollmentOf(ctx, lea.ID, "policy:dienstanweisung-ki"); e != nil {
			t.Fatalf("a policy got a course enrollment: %+v", e)
		}
		// A course record with the same id is not the policy.
		record(t, s, &store.Completion{UserID: ben.ID, CourseID: "dienstanweisung-ki", Version: "1.0.0", ContentHash: "c"})
		if m := memberFacts(t, s, a.ID, ben.ID); m.CompletedAt != nil {
			t.Fatalf("a course of the same id completed the policy assignment: %+v", m)
		}

		at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		c, created, err := s.CompleteMeasureNow(ctx, store.MeasureCompletion{UserID: lea.ID, Measure: policy,
			Version: "1.0.0", ContentHash: "abc123", CompletedAt: at})
		if err != nil || !created || c.Measure() != policy {
			t.Fatalf("completion %+v created %v err %v", c, created, err)
		}
		m := memberFacts(t, s, a.ID, lea.ID)
		if m.CompletedVersion != "1.0.0" || m.CompletedHash != "abc123" || m.CompletedAt == nil || !m.CompletedAt.Equal(at) {
			t.Fatalf("member facts after the confirmation: %+v", m)
		}
		if m.ExpiresAt == nil || !m.ExpiresAt.Equal(time.Date(2027, 12, 1, 9, 0, 0, 0, time.UTC)) {
			t.Fatalf("expires at %v, want a year after the confirmation (the assignment's validity)", m.ExpiresAt)
		}
		events, _ := s.EvidenceOfUser(ctx, lea.ID)
		last := events[len(events)-1]
		if last.Type != store.EventCompletionRecorded || !strings.Contains(last.Payload, `"course_id":"policy:dienstanweisung-ki"`) ||
			!strings.Contains(last.Payload, `"measure_kind":"policy"`) || !strings.Contains(last.Payload, `"content_hash":"abc123"`) {
			t.Fatalf("evidence event %s %s", last.Type, last.Payload)
		}
		if _, again, _ := s.CompleteMeasureNow(ctx, store.MeasureCompletion{UserID: lea.ID, Measure: policy, Version: "1.0.0", ContentHash: "abc123"}); again {
			t.Fatal("confirming the same version twice made a second record")
		}
		if err := s.RevokeCompletion(ctx, c.ID, "falsch erfasst"); err != nil {
			t.Fatal(err)
		}
		if m := memberFacts(t, s, a.ID, lea.ID); m.CompletedAt != nil || m.CompletedVersion != "" {
			t.Fatalf("member facts after revocation: %+v", m)
		}
		if err := s.SetExemption(ctx, store.AssignmentExemption{AssignmentID: a.ID, UserID: ben.ID, Reason: "Elternzeit", CreatedBy: admin.ID}); err != nil {
			t.Fatal(err)
		}
		if m := memberFacts(t, s, a.ID, ben.ID); !m.Exempted || m.ExemptionReason != "Elternzeit" {
			t.Fatalf("exemption on a policy assignment: %+v", m)
		}
	})
}

func TestAMeasureCompletionNeedsPersonMeasureAndVersion(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		u := newLearner(t, s, "a@stadt.example")
		for _, mc := range []store.MeasureCompletion{
			{UserID: u.ID, Measure: measure.Ref{Kind: measure.Session, ID: "ws"}},
			{UserID: u.ID, Measure: measure.Ref{Kind: "webinar", ID: "ws"}, Version: "1"},
			{Measure: measure.Ref{Kind: measure.Session, ID: "ws"}, Version: "1"},
		} {
			if _, _, err := s.CompleteMeasureNow(context.Background(), mc); err == nil {
				t.Errorf("%+v was recorded", mc)
			}
		}
		if cs, _ := s.CompletionsOfUser(context.Background(), u.ID); len(cs) != 0 {
			t.Fatalf("%d completions recorded from bad input", len(cs))
		}
	})
}
