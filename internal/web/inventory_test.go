package web_test

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/store"
)

func TestAdminRegistersASystemAndItsRuleAssignsThePeopleOfTheUnits(t *testing.T) {
	t.Parallel()
	f := newOrgFixture(t)
	f.env.CreateUser(t, "admin@stadt.example", pw, store.RoleAdmin)
	admin := f.client(t, "admin@stadt.example")
	ctx := context.Background()

	form := url.Values{"key": {"chatbot-buergerservice"}, "name": {"Chatbot Bürgerservice"}, "purpose": {"Beantwortet Fragen zu Dienstleistungen"},
		"status": {"in_use"}, "classification": {"transparency"},
		"unit_id": {strconv.FormatInt(f.amt.ID, 10), strconv.FormatInt(f.other.ID, 10)}}
	// Without the Art. 5 check a system in use is refused, with the message next to the field.
	r := admin.Post("/admin/inventory", form)
	if r.Status != 422 || !strings.Contains(r.Body, `id="f-classification-error"`) || !strings.Contains(r.Body, "verbotene Praktiken (Art. 5) geprüft") {
		t.Fatalf("bad form: %d\n%s", r.Status, r.Body)
	}
	if systems, _ := f.env.Store.AISystems(ctx); len(systems) != 0 {
		t.Fatal("a refused form stored a system")
	}
	form["classification"] = []string{"prohibited_checked", "transparency", "gpai"}
	r = admin.Post("/admin/inventory", form)
	if r.Status != 303 || !strings.HasPrefix(r.Location(), "/admin/inventory/") {
		t.Fatalf("create: %d %s\n%s", r.Status, r.Location(), r.Body)
	}
	page := r.Location()
	r = admin.Post(page+"/rules", url.Values{"role": {"user"}, "measure": {"course:gibt-es-nicht"}, "due_days": {"30"}})
	if r.Status != 422 || !strings.Contains(r.Body, "Diese Maßnahme gibt es nicht") {
		t.Fatalf("unknown course: %d", r.Status)
	}
	if r := admin.Post(page+"/rules", url.Values{"role": {"user"}, "measure": {"policy:gibt-es-nicht"}, "due_days": {"30"}}); r.Status != 422 {
		t.Fatalf("unknown policy: %d", r.Status)
	}
	r = admin.Post(page+"/rules", url.Values{"role": {"user"}, "measure": {"course:ki-grundlagen"}, "validity_months": {"24"}, "due_days": {"30"}})
	if r.Status != 303 {
		t.Fatalf("rule: %d\n%s", r.Status, r.Body)
	}
	r = admin.Post(page+"/people", url.Values{"action": {"add"}, "email": {"niemand@stadt.example"}, "role": {"oversight"}})
	if r.Status != 422 || !strings.Contains(r.Body, `id="f-email-error"`) || !strings.Contains(r.Body, "Keine aktive Person mit dieser E-Mail-Adresse") {
		t.Errorf("naming an unknown person: %d", r.Status)
	}
	r = admin.Get(page)
	if !strings.Contains(r.Body, "Nutzer:in") || !strings.Contains(r.Body, "ki-grundlagen") || !strings.Contains(r.Body, "alle 24 Monate") {
		t.Fatalf("system page lacks the rule:\n%s", r.Body)
	}
	systems, _ := f.env.Store.AISystems(ctx)
	if len(systems) != 1 || len(systems[0].Rules) != 1 || systems[0].Rules[0].AssignmentID == nil {
		t.Fatalf("stored: %+v", systems)
	}
	got := members(t, f.env, *systems[0].Rules[0].AssignmentID)
	_, hasLea := got[f.lea.ID]
	_, hasBen := got[f.ben.ID]
	if !hasLea || !hasBen || len(got) != 2 {
		t.Fatalf("members of the derived assignment: %v", got)
	}
	// Lea sees the course on her dashboard, with the system's name as the assignment title.
	r = f.client(t, "lea@stadt.example").Get("/")
	if !strings.Contains(r.Body, "KI-Register: Chatbot Bürgerservice") {
		t.Errorf("Lea's dashboard lacks the derived assignment:\n%s", r.Body)
	}

	// The record per system: k = 1 so single people count; the manager of the Ordnungsamt sees
	// Lea only, the admin both.
	rs, _ := f.env.Store.ReportSettings(ctx, "status")
	next := rs
	next.K = 1
	if err := f.env.Store.SaveReportSettings(ctx, 1, rs, next); err != nil {
		t.Fatal(err)
	}
	r = admin.Get("/reports/ai-systems")
	if !strings.Contains(r.Body, "0 % (0 von 2 Personen)") || !strings.Contains(r.Body, "lea@stadt.example") && !strings.Contains(r.Body, "Ordnungsamt") {
		t.Errorf("admin's record:\n%s", r.Body)
	}
	if r := f.client(t, "chef@stadt.example").Get("/reports"); !strings.Contains(r.Body, `href="/reports/ai-systems"`) {
		t.Error("the reports page does not lead to the record per AI system")
	}
	r = f.client(t, "chef@stadt.example").Get("/reports/ai-systems")
	if r.Status != 200 || !strings.Contains(r.Body, "0 % (0 von 1 Personen)") || !strings.Contains(r.Body, "(Ordnungsamt)") || strings.Contains(r.Body, "Kämmerei") {
		t.Errorf("manager's record is not limited to the Ordnungsamt:\n%s", r.Body)
	}
	// A learner may not see it, nor the inventory.
	lea := f.client(t, "lea@stadt.example")
	if r := lea.Get("/reports/ai-systems"); r.Status != 403 {
		t.Errorf("learner on the record: %d", r.Status)
	}
	if r := lea.Get("/admin/inventory"); r.Status != 403 {
		t.Errorf("learner on the inventory: %d", r.Status)
	}
}

func TestThePublicRegisterIsOffByDefaultAndShowsOnlyPublicSystemsWithoutPeople(t *testing.T) {
	t.Parallel()
	f := newOrgFixture(t)
	f.env.CreateUser(t, "admin@stadt.example", pw, store.RoleAdmin)
	admin := f.client(t, "admin@stadt.example")
	anon := f.env.Client(t)
	if r := anon.Get("/ki-register"); r.Status != 404 {
		t.Fatalf("public register before switching on: %d", r.Status)
	}
	for _, s := range []struct{ key, name, public string }{{"chatbot-buergerservice", "Chatbot Bürgerservice", "1"}, {"dokumentenklassifikator", "Dokumentenklassifikator", ""}} {
		r := admin.Post("/admin/inventory", url.Values{"key": {s.key}, "name": {s.name}, "purpose": {"Zweck von " + s.name},
			"status": {"in_use"}, "classification": {"prohibited_checked", "transparency"}, "contact": {"ki@stadt.example"}, "public": {s.public},
			"unit_id": {strconv.FormatInt(f.amt.ID, 10)}})
		if r.Status != 303 {
			t.Fatalf("create %s: %d", s.key, r.Status)
		}
	}
	// The classifier's review date has passed (the fixture's clock is 1 March 2026): the list says so.
	systems, _ := f.env.Store.AISystems(context.Background())
	old := systems[1].Model()
	old.ReviewDate = f.clock.t.AddDate(0, 0, -1)
	if _, err := f.env.Store.SaveAISystem(context.Background(), 1, systems[1].ID, old, systems[1].UnitIDs()); err != nil {
		t.Fatal(err)
	}
	if r := admin.Get("/admin/inventory"); strings.Count(r.Body, "Prüfung fällig") != 1 || !strings.Contains(r.Body, "28.02.2026") {
		t.Errorf("the list does not mark the one review that is due:\n%s", r.Body)
	}
	if r := admin.Post("/admin/inventory/public-register", url.Values{"public_register": {"1"}}); r.Status != 303 {
		t.Fatalf("switch on: %d", r.Status)
	}
	r := anon.Get("/ki-register")
	if r.Status != 200 || !strings.Contains(r.Body, "Chatbot Bürgerservice") || !strings.Contains(r.Body, "Transparenzpflichten (Art. 50)") ||
		!strings.Contains(r.Body, "ki@stadt.example") || strings.Contains(r.Body, "Dokumentenklassifikator") || strings.Contains(r.Body, "Ordnungsamt") {
		t.Fatalf("public register: %d\n%s", r.Status, r.Body)
	}
	admin.Post("/admin/inventory/public-register", url.Values{})
	if r := anon.Get("/ki-register"); r.Status != 404 {
		t.Errorf("public register after switching off: %d", r.Status)
	}
}
