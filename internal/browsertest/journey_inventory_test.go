package browsertest

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ailit/ailit/internal/measure"
	"github.com/ailit/ailit/internal/store"
)

// Issue 14 (inventory part): an admin registers "Chatbot Bürgerservice" for the Bürgeramt with the
// rule "users: ki-sicher-nutzen and the AI policy; oversight: ai-act-verwaltung and a workshop",
// names an oversight person; the people of the unit see exactly those measures on their
// dashboard, a person of another unit none; the record per AI system shows the right coverage for
// the admin and for the unit's manager; the public register lists the system. Axe on every page.
func TestAdminRegistersAnAISystemAndThePeopleOfTheUnitSeeTheirMeasures(t *testing.T) {
	srv := Start(t, Options{})
	ctx := context.Background()
	root, err := srv.Store.CreateOrgUnit(ctx, nil, "Stadtverwaltung")
	if err != nil {
		t.Fatal(err)
	}
	buergeramt, _ := srv.Store.CreateOrgUnit(ctx, &root.ID, "Bürgeramt")
	ordnungsamt, _ := srv.Store.CreateOrgUnit(ctx, &root.ID, "Ordnungsamt")
	srv.CreateUser(t, "alex.admin@stadt.example", "admin-password-1", store.RoleAdmin)
	person := func(email string, unit *store.OrgUnit, roles ...string) *store.User {
		u := srv.CreateUser(t, email, "lernen-ist-gut-1", roles...)
		if err := srv.Store.SetUserOrgUnit(ctx, u.ID, &unit.ID); err != nil {
			t.Fatal(err)
		}
		return u
	}
	ana := person("ana@stadt.example", buergeramt, store.RoleLearner)
	person("ben@stadt.example", buergeramt, store.RoleLearner)
	person("olga@stadt.example", ordnungsamt, store.RoleLearner)
	mia := person("mia@stadt.example", root, store.RoleManager) // placed above the unit she manages
	if err := srv.Store.AddManagerUnit(ctx, mia.ID, buergeramt.ID); err != nil {
		t.Fatal(err)
	}

	admin := srv.NewTab(t)
	Login(t, admin, "alex.admin@stadt.example", "admin-password-1")
	ClickLink(t, admin, "KI-Register")
	AssertHeading(t, admin, "KI-Register")
	AssertAccessible(t, admin, "AI inventory, empty")
	ClickLink(t, admin, "KI-System erfassen")
	AssertHeading(t, admin, "KI-System erfassen")
	AssertAccessible(t, admin, "new AI system")
	Fill(t, admin, "Kennung", "chatbot-buergerservice")
	Fill(t, admin, "Name", "Chatbot Bürgerservice")
	if err := chromedp.Do(admin, chromedp.SendKeys(chromedp.CSS("#f-purpose"), "Beantwortet Fragen zu Dienstleistungen des Bürgeramts")); err != nil {
		t.Fatal(err) // an empty textarea cannot be cleared first, so it is typed into directly
	}
	Check(t, admin, "im Einsatz")
	Check(t, admin, "Transparenzpflichten (Art. 50)")
	Check(t, admin, "Stadtverwaltung/Bürgeramt")
	if status := ClickButton(t, admin, "KI-System anlegen"); status != 422 {
		t.Fatalf("a system in use without the Art. 5 check: status %d, want 422", status)
	}
	AssertText(t, admin, "#f-classification-error", "muss auf verbotene Praktiken (Art. 5) geprüft sein")
	AssertAccessible(t, admin, "new AI system with an error")
	Check(t, admin, "Auf verbotene Praktiken geprüft (Art. 5)")
	Fill(t, admin, "Ansprechperson", "ki-koordination@stadt.example")
	Check(t, admin, "Im öffentlichen KI-Register zeigen")
	ClickButton(t, admin, "KI-System anlegen")
	AssertHeading(t, admin, "Chatbot Bürgerservice")
	AssertText(t, admin, "[role=status]", "Das KI-System wurde angelegt")

	addRule := func(role, course, other, months string) {
		t.Helper()
		if err := chromedp.Do(admin, chromedp.SetValue(chromedp.CSS("#f-role"), role)); err != nil {
			t.Fatal(err)
		}
		if course != "" {
			if err := chromedp.Do(admin, chromedp.SetValue(chromedp.CSS("#f-measure"), course)); err != nil {
				t.Fatal(err)
			}
		}
		Fill(t, admin, "Oder andere Maßnahme (Art:Kennung)", other)
		Fill(t, admin, "Auffrischen nach (Monate, 0 = einmalig)", months)
		Fill(t, admin, "Frist (Tage ab Zuweisung)", "60")
		// Enter in the last field submits the rule form, as a keyboard user does; a click at the
		// button's coordinates on this long page missed it under load.
		if status := PressEnter(t, admin, "Frist (Tage ab Zuweisung)"); status != 200 {
			t.Fatalf("adding a rule: status %d", status)
		}
		AssertText(t, admin, "[role=status]", "Die Regeln wurden gespeichert")
	}
	addRule("user", "course:ki-sicher-nutzen", "", "24")
	addRule("user", "", "policy:dienstanweisung-ki", "12")
	addRule("oversight", "course:ai-act-verwaltung", "", "12")
	addRule("oversight", "", "session:workshop-ki-buergerservice", "24")
	Fill(t, admin, "E-Mail-Adresse", "ben@stadt.example")
	PressEnter(t, admin, "E-Mail-Adresse")
	AssertText(t, admin, "[role=status]", "Die Rolle wurde gespeichert")
	AssertText(t, admin, "#people ~ .kern-table-responsive", "ben@stadt.example")
	for _, want := range []string{"Kurs: ki-sicher-nutzen", "Dienstanweisung bestätigen: dienstanweisung-ki", "Kurs: ai-act-verwaltung",
		"Präsenz-/Online-Schulung: workshop-ki-buergerservice", "alle 24 Monate"} {
		AssertText(t, admin, "#rules ~ .kern-table-responsive", want)
	}
	AssertAccessible(t, admin, "AI system with rules and people")
	Screenshot(t, admin, "inventory-system")

	// Ana (user) sees the two user measures, Ben (user and oversight) all four, Olga none.
	dashboard := func(email string) []string {
		t.Helper()
		tab := srv.NewTab(t)
		Login(t, tab, email, "lernen-ist-gut-1")
		var items []string
		for _, s := range Texts(t, tab, ".assigned-list li") {
			if strings.Contains(s, "Chatbot Bürgerservice") {
				items = append(items, s)
			}
		}
		if email == "ana@stadt.example" {
			AssertAccessible(t, tab, "dashboard with the measures of an AI system")
			Screenshot(t, tab, "inventory-dashboard")
		}
		return items
	}
	checkItems := func(email string, want ...string) {
		t.Helper()
		got := dashboard(email)
		if len(got) != len(want) {
			t.Fatalf("%s sees %d measures of the chatbot, want %d: %q", email, len(got), len(want), got)
		}
		for _, w := range want {
			found := false
			for _, g := range got {
				found = found || strings.Contains(g, w)
			}
			if !found {
				t.Errorf("%s's dashboard lacks %q: %q", email, w, got)
			}
		}
	}
	checkItems("ana@stadt.example", "Nutzung · KI sicher und rechtskonform nutzen", "Nutzung · Dienstanweisung zur Nutzung von KI")
	checkItems("ben@stadt.example", "Nutzung · KI sicher und rechtskonform nutzen", "Nutzung · Dienstanweisung zur Nutzung von KI",
		"Menschliche Aufsicht · Der AI Act in der Verwaltung", "Menschliche Aufsicht · Schulung workshop-ki-buergerservice")
	checkItems("olga@stadt.example")

	// Ana takes both her measures: the course is completed, the policy confirmed (as the measures
	// pages record it). Ben has done nothing: 1 of 2 people covered.
	course := srv.Library.Catalog().Course("ki-sicher-nutzen").Latest()
	err = srv.Store.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.RecordCompletion(&store.Completion{UserID: ana.ID, CourseID: course.CourseID, Version: course.Version, ContentHash: course.Hash})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := srv.Store.CompleteMeasureNow(ctx, store.MeasureCompletion{UserID: ana.ID,
		Measure: measure.Ref{Kind: measure.Policy, ID: "dienstanweisung-ki"}, Version: "1.0.0", ContentHash: strings.Repeat("a", 64)}); err != nil {
		t.Fatal(err)
	}
	rs, _ := srv.Store.ReportSettings(ctx, "status")
	small := rs
	small.K = 2
	if err := srv.Store.SaveReportSettings(ctx, mia.ID, rs, small); err != nil {
		t.Fatal(err)
	}
	Open(t, admin, "/reports/ai-systems")
	AssertHeading(t, admin, "Nachweis je KI-System (Art. 4 KI-VO)")
	AssertText(t, admin, ".ai-system .coverage", "50 % (1 von 2 Personen)")
	AssertText(t, admin, ".ai-system", "Offen ben (Stadtverwaltung / Bürgeramt)")
	AssertAccessible(t, admin, "record per AI system")
	Screenshot(t, admin, "inventory-record")

	manager := srv.NewTab(t)
	Login(t, manager, "mia@stadt.example", "lernen-ist-gut-1")
	Open(t, manager, "/reports/ai-systems")
	AssertText(t, manager, ".ai-system .coverage", "50 % (1 von 2 Personen)")
	AssertAccessible(t, manager, "record per AI system for a manager")

	// The public register: off until the admin switches it on; then the system without people.
	anon := srv.NewTab(t)
	if status := Open(t, anon, "/ki-register"); status != 404 {
		t.Errorf("public register before switching on: status %d", status)
	}
	Open(t, admin, "/admin/inventory")
	AssertText(t, admin, "table", "Chatbot Bürgerservice")
	Check(t, admin, "Öffentliche Seite /ki-register anbieten")
	ClickButton(t, admin, "Einstellung speichern")
	AssertText(t, admin, "[role=status]", "Die öffentliche Seite ist eingeschaltet")
	AssertAccessible(t, admin, "AI inventory with a system")
	Open(t, anon, "/ki-register")
	AssertHeading(t, anon, "Öffentliches KI-Register")
	AssertText(t, anon, "main", "Chatbot Bürgerservice")
	AssertText(t, anon, "main", "Transparenzpflichten (Art. 50)")
	AssertText(t, anon, "main", "ki-koordination@stadt.example")
	if main := strings.Join(Texts(t, anon, "main"), " "); strings.Contains(main, "ben@") || strings.Contains(main, "Stadtverwaltung / Bürgeramt") || strings.Contains(main, "Stadtverwaltung/Bürgeramt") {
		t.Errorf("the public register shows people or units: %s", main)
	}
	AssertAccessible(t, anon, "public AI register")
}
