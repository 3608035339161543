package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/inventory"
	"github.com/ailit/ailit/internal/measure"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/store/storetest"
)

func chatbotSystem() inventory.System {
	return inventory.System{Key: "chatbot-buergerservice", Name: "Chatbot Bürgerservice", Provider: "Kommunal-IT",
		Purpose: "Beantwortet Fragen", Status: inventory.StatusInUse,
		Classification: []string{inventory.ClassTransparency, inventory.ClassProhibitedChecked}}
}

func courseRule(role, id string, months int) inventory.Rule {
	return inventory.Rule{Role: role, Measure: measure.Ref{Kind: measure.Course, ID: id}, ValidityMonths: months, DueDays: 30}
}

func members(t *testing.T, s *store.Store, assignmentID int64) []int64 {
	t.Helper()
	recs, err := s.MemberRecords(context.Background(), store.Scope{All: true}, store.RecordFilter{AssignmentID: assignmentID})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, r := range recs {
		ids = append(ids, r.User.ID)
	}
	slices.Sort(ids)
	return ids
}

func eventTypes(t *testing.T, s *store.Store) []string {
	t.Helper()
	var types []string
	if err := s.TestReader().Model(&store.EvidenceEvent{}).Order("seq").Pluck("type", &types).Error; err != nil {
		t.Fatal(err)
	}
	return types
}

func TestARuleBecomesAnAssignmentOfTheUnitAndTheNamedOversight(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		root := mustUnit(t, s, nil, "Stadtverwaltung")
		buergeramt := mustUnit(t, s, root, "Bürgeramt")
		bauamt := mustUnit(t, s, root, "Bauamt")
		admin := mustPerson(t, s, "admin@stadt.example", nil, store.RoleAdmin)
		ana := mustPerson(t, s, "ana@stadt.example", buergeramt)
		ben := mustPerson(t, s, "ben@stadt.example", buergeramt)
		cem := mustPerson(t, s, "cem@stadt.example", bauamt)

		id, err := s.SaveAISystem(ctx, admin.ID, 0, chatbotSystem(), []int64{buergeramt.ID})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveAISystem(ctx, admin.ID, 0, chatbotSystem(), nil); err == nil || !strings.Contains(err.Error(), "exists already") {
			t.Errorf("a second system with the same key: %v", err)
		}
		if err := s.SaveAISystemRules(ctx, admin.ID, id, []inventory.Rule{courseRule("user", "ki-sicher-nutzen", 24),
			courseRule("oversight", "ai-act-verwaltung", 12)}); err != nil {
			t.Fatal(err)
		}
		if err := s.SetAISystemHolder(ctx, admin.ID, id, cem.ID, inventory.RoleOversight, true); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SyncAISystem(ctx, admin.ID, id, nil, nil); err != nil {
			t.Fatal(err)
		}
		sys, err := s.AISystemByID(ctx, id)
		if err != nil || len(sys.Rules) != 2 || sys.Rules[0].AssignmentID == nil || sys.Rules[1].AssignmentID == nil {
			t.Fatalf("rules after sync: %+v %v", sys.Rules, err)
		}
		users, oversight := *sys.Rules[0].AssignmentID, *sys.Rules[1].AssignmentID
		if got := members(t, s, users); !slices.Equal(got, []int64{ana.ID, ben.ID}) {
			t.Errorf("users' assignment has %v, want Ana and Ben", got)
		}
		if got := members(t, s, oversight); !slices.Equal(got, []int64{cem.ID}) {
			t.Errorf("oversight assignment has %v, want Cem", got)
		}
		a, _ := s.AssignmentByID(ctx, users)
		if a.CourseID != "ki-sicher-nutzen" || a.ValidityMonths != 24 || a.DueDays != 30 || !strings.Contains(a.Title, "Chatbot Bürgerservice") {
			t.Errorf("users' assignment: %+v", a)
		}

		// A rule change re-derives: validity follows, the removed rule's assignment goes, the
		// same assignment stays for the rule that stays (no second copy).
		if err := s.SaveAISystemRules(ctx, admin.ID, id, []inventory.Rule{courseRule("user", "ki-sicher-nutzen", 36)}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SyncAISystem(ctx, admin.ID, id, nil, nil); err != nil {
			t.Fatal(err)
		}
		if a, _ := s.AssignmentByID(ctx, users); a.ValidityMonths != 36 {
			t.Errorf("validity after the change: %d", a.ValidityMonths)
		}
		if _, err := s.AssignmentByID(ctx, oversight); err == nil {
			t.Error("the assignment of the removed rule still exists")
		}
		as, _ := s.Assignments(ctx)
		if len(as) != 1 {
			t.Errorf("%d assignments, want 1", len(as))
		}
		// Retiring the system: everybody leaves the assignment.
		retired := chatbotSystem()
		retired.Status = inventory.StatusRetired
		if _, err := s.SaveAISystem(ctx, admin.ID, id, retired, []int64{buergeramt.ID}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SyncAISystem(ctx, admin.ID, id, nil, nil); err != nil {
			t.Fatal(err)
		}
		if got := members(t, s, users); len(got) != 0 {
			t.Errorf("members of a retired system's assignment: %v", got)
		}
		want := []string{"ai_system.saved", "ai_system.rules", "ai_system.role", "ai_system.rules", "ai_system.saved"}
		if got := eventTypes(t, s); !slices.Equal(got[len(got)-len(want):], want) {
			t.Errorf("evidence log ends with %v, want %v", got, want)
		}
		if n, broken, err := s.VerifyEvidence(ctx); err != nil || broken != nil || n == 0 {
			t.Errorf("evidence chain: %d %+v %v", n, broken, err)
		}
	})
}

func TestABadInventoryImportChangesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		root := mustUnit(t, s, nil, "Stadtverwaltung")
		mustUnit(t, s, root, "Bürgeramt")
		admin := mustPerson(t, s, "admin@stadt.example", nil, store.RoleAdmin)
		file := `{"format": "ailit-inventory-v1", "systems": [
  {"id": "chatbot-buergerservice", "name": "Chatbot Bürgerservice", "purpose": "Fragen beantworten", "status": "in_use",
   "classification": ["prohibited_checked", "transparency"], "units": ["Stadtverwaltung/Bürgeramt"],
   "rules": [{"role": "user", "measure": "course:ki-sicher-nutzen", "validity_months": 24}]},
  {"id": "uebersetzer", "name": "Übersetzer", "purpose": "Übersetzen", "status": "in_use",
   "classification": ["minimal", "transparency"], "units": ["Stadtverwaltung/Ordnungsamt"],
   "rules": [{"role": "boss", "measure": "course:gibt-es-nicht"}]}
]}`
		entries, parseErrs := inventory.ParseJSON([]byte(file))
		exists, unitID, err := s.InventoryImportContext(ctx)
		if err != nil {
			t.Fatal(err)
		}
		ic := inventory.ImportContext{Exists: exists, UnitID: unitID, Translate: func(k string) string { return k },
			Known: func(r measure.Ref) bool { return r.ID == "ki-sicher-nutzen" }}
		plan := inventory.PlanImport(entries, parseErrs, ic)
		if plan.Ok() || len(plan.Errors) != 1 || plan.Errors[0].Line != 5 {
			t.Fatalf("plan errors: %+v", plan.Errors)
		}
		msg := plan.Errors[0].Message
		for _, want := range []string{"inventory.err.class_minimal", `no org unit "Stadtverwaltung/Ordnungsamt"`, "inventory.err.role", "inventory.err.measure_unknown"} {
			if !strings.Contains(msg, want) {
				t.Errorf("line 5 message %q lacks %q", msg, want)
			}
		}
		before := len(eventTypes(t, s))
		if err := s.ApplyInventoryImport(ctx, admin.ID, plan); err == nil {
			t.Fatal("a plan with errors was applied")
		}
		if systems, _ := s.AISystems(ctx); len(systems) != 0 || len(eventTypes(t, s)) != before {
			t.Fatalf("a refused import left %d systems and %d new events", len(systems), len(eventTypes(t, s))-before)
		}
		// The good half alone imports, and a second run updates instead of duplicating.
		for range 2 {
			plan = inventory.PlanImport(entries[:1], nil, ic)
			if !plan.Ok() {
				t.Fatal(plan.Errors)
			}
			if err := s.ApplyInventoryImport(ctx, admin.ID, plan); err != nil {
				t.Fatal(err)
			}
			exists, unitID, _ = s.InventoryImportContext(ctx)
			ic.Exists, ic.UnitID = exists, unitID
		}
		if len(plan.Updates) != 1 || len(plan.Creates) != 0 {
			t.Errorf("second import: %d creates, %d updates", len(plan.Creates), len(plan.Updates))
		}
		got, err := s.InventoryEntries(ctx)
		if err != nil || len(got) != 1 || !slices.Equal(got[0].Units, []string{"Stadtverwaltung/Bürgeramt"}) || len(got[0].Rules) != 1 {
			t.Fatalf("exported back: %+v %v", got, err)
		}
	})
}

func TestSSOGroupsReplaceOnlyTheRolesTheyGave(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		admin := mustPerson(t, s, "admin@stadt.example", nil, store.RoleAdmin)
		dana := mustPerson(t, s, "dana@stadt.example", nil)
		id, err := s.SaveAISystem(ctx, admin.ID, 0, chatbotSystem(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SaveAISystemRules(ctx, admin.ID, id, []inventory.Rule{courseRule("oversight", "ai-act-verwaltung", 12)}); err != nil {
			t.Fatal(err)
		}
		if err := s.SetAISystemHolder(ctx, admin.ID, id, dana.ID, inventory.RoleDecisionMaker, true); err != nil {
			t.Fatal(err)
		}
		roles := []store.SystemRole{{Key: "chatbot-buergerservice", Role: "oversight"}, {Key: "gibt-es-nicht", Role: "oversight"}}
		changed, err := s.ReplaceSSOHolders(ctx, dana.ID, roles)
		if err != nil || !slices.Equal(changed, []int64{id}) {
			t.Fatalf("first login: changed %v, %v", changed, err)
		}
		if changed, _ := s.ReplaceSSOHolders(ctx, dana.ID, roles); len(changed) != 0 {
			t.Errorf("the same groups again changed %v", changed)
		}
		if _, err := s.SyncAISystem(ctx, 0, id, nil, nil); err != nil {
			t.Fatal(err)
		}
		sys, _ := s.AISystemByID(ctx, id)
		if got := members(t, s, *sys.Rules[0].AssignmentID); !slices.Equal(got, []int64{dana.ID}) {
			t.Errorf("oversight members %v, want Dana", got)
		}
		// She leaves the group: the SSO role goes, the role the admin named stays.
		if changed, _ := s.ReplaceSSOHolders(ctx, dana.ID, []store.SystemRole{}); !slices.Equal(changed, []int64{id}) {
			t.Errorf("leaving the group changed %v", changed)
		}
		sys, _ = s.AISystemByID(ctx, id)
		if len(sys.Holders) != 1 || sys.Holders[0].Role != inventory.RoleDecisionMaker || sys.Holders[0].Source != store.HolderByAdmin {
			t.Errorf("holders after leaving the group: %+v", sys.Holders)
		}
	})
}
