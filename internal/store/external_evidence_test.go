package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/store/storetest"
)

func TestOnlyAManagerOfThePersonsUnitDecidesOnTheirEvidence(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		amt := mustUnit(t, s, nil, "Bürgeramt")
		other := mustUnit(t, s, nil, "Kämmerei")
		lea := mustPerson(t, s, "lea@stadt.example", amt)
		chef := mustPerson(t, s, "chef@stadt.example", amt, store.RoleManager)
		fremd := mustPerson(t, s, "fremd@stadt.example", other, store.RoleManager)
		if err := s.AddManagerUnit(ctx, chef.ID, amt.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.AddManagerUnit(ctx, fremd.ID, other.ID); err != nil {
			t.Fatal(err)
		}
		issued := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
		e := &store.ExternalEvidence{UserID: lea.ID, MeasureID: "ki-campus", Title: "KI-Campus: KI-Grundlagen", Issuer: "KI-Campus",
			IssuedOn: issued, FileName: "zertifikat.pdf", StoredName: "0123456789abcdef0123456789abcdef.pdf", ContentType: "application/pdf",
			SizeBytes: 100, SHA256: strings.Repeat("ab", 32)}
		if err := s.SubmitEvidence(ctx, e); err != nil {
			t.Fatal(err)
		}
		if list, _ := s.EvidenceInScope(ctx, store.ScopeOf(fremd), ""); len(list) != 0 {
			t.Fatalf("a manager of another unit sees %d uploads", len(list))
		}
		if _, err := s.DecideEvidence(ctx, store.ScopeOf(fremd), e.ID, fremd.ID, true, ""); domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Fatalf("a manager of another unit decided: %v", err)
		}
		if list, _ := s.EvidenceInScope(ctx, store.ScopeOf(chef), store.EvidencePending); len(list) != 1 || list[0].DisplayName != "lea@stadt.example" {
			t.Fatalf("the unit's manager sees %+v", list)
		}
		if _, err := s.DecideEvidence(ctx, store.ScopeOf(chef), e.ID, chef.ID, false, "  "); domain.ErrorCode(err) != domain.EINVALID {
			t.Fatalf("a rejection without a reason: %v", err)
		}
		if _, err := s.DecideEvidence(ctx, store.Scope{All: true}, e.ID, lea.ID, true, ""); domain.ErrorCode(err) != domain.EFORBIDDEN {
			t.Fatalf("lea decided on her own upload: %v", err)
		}
		if _, err := s.DecideEvidence(ctx, store.ScopeOf(chef), e.ID, chef.ID, true, ""); err != nil {
			t.Fatal(err)
		}
		cs, _ := s.CompletionsOfUser(ctx, lea.ID)
		if len(cs) != 1 || cs[0].CourseID != "external:ki-campus" || cs[0].ContentHash != e.SHA256 ||
			cs[0].Version != e.Version() || !cs[0].CompletedAt.Equal(issued) {
			t.Fatalf("completion after acceptance: %+v", cs)
		}
		if _, err := s.DecideEvidence(ctx, store.ScopeOf(chef), e.ID, chef.ID, false, "doch nicht"); domain.ErrorCode(err) != domain.ECONFLICT {
			t.Fatalf("deciding twice: %v", err)
		}
		second := *e
		if err := s.SubmitEvidence(ctx, &second); err != nil {
			t.Fatal(err)
		}
		if _, err := s.DecideEvidence(ctx, store.ScopeOf(chef), second.ID, chef.ID, false, "Nicht lesbar"); err != nil {
			t.Fatal(err)
		}
		events, _ := s.EvidenceOfUser(ctx, lea.ID)
		last := events[len(events)-1]
		if last.Type != store.EventEvidenceRejected || !strings.Contains(last.Payload, "Nicht lesbar") {
			t.Fatalf("last evidence event: %s %s", last.Type, last.Payload)
		}
		if cs, _ := s.CompletionsOfUser(ctx, lea.ID); len(cs) != 1 {
			t.Fatalf("a rejection recorded a completion: %d", len(cs))
		}
	})
}
