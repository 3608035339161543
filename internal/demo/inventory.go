package demo

import (
	"context"
	"time"

	"github.com/ailit/ailit/internal/compliance"
	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/inventory"
	"github.com/ailit/ailit/internal/measure"
	"github.com/ailit/ailit/internal/store"
)

// demoSystem is one AI system of the demo inventory, with the teams (by index into the leaves)
// that use it and its rules.
type demoSystem struct {
	system inventory.System
	teams  []int
	rules  []inventory.Rule
}

func rule(role, ref string, months, days int) inventory.Rule {
	r, _ := measure.Parse(ref)
	return inventory.Rule{Role: role, Measure: r, ValidityMonths: months, DueDays: days}
}

// demoInventory is a believable KI-Register of a city administration.
func demoInventory(now time.Time) []demoSystem {
	review := now.AddDate(0, 6, 0).Truncate(24 * time.Hour)
	checked := inventory.ClassProhibitedChecked
	return []demoSystem{
		{system: inventory.System{Key: "chatbot-buergerservice", Name: "Chatbot Bürgerservice", Provider: "Kommunale IT-Genossenschaft",
			Purpose: "Beantwortet auf der Website Fragen zu Dienstleistungen, Öffnungszeiten und benötigten Unterlagen; verweist bei Einzelfällen an das Bürgerbüro.",
			Status:  inventory.StatusInUse, Classification: []string{checked, inventory.ClassTransparency, inventory.ClassGPAI},
			Contact: "ki-koordination@stadt.example", ReviewDate: review, Public: true,
			Documents: inventory.Documents{DPIA: "DMS 2026/0412", Contract: "https://intranet.stadt.example/vertraege/chatbot"}},
			teams: []int{0, 1},
			rules: []inventory.Rule{rule("user", "course:ki-sicher-nutzen", 24, 60), rule("user", "policy:dienstanweisung-ki", 12, 30),
				rule("oversight", "course:ai-act-verwaltung", 12, 30), rule("oversight", "session:workshop-ki-buergerservice", 24, 90)}},
		{system: inventory.System{Key: "uebersetzungsassistent", Name: "Übersetzungsassistent", Provider: "Europäischer Anbieter (EU-Rechenzentrum)",
			Purpose: "Übersetzt Schreiben und Merkblätter in und aus Englisch, Arabisch, Ukrainisch und Türkisch; Ergebnisse werden vor dem Versand geprüft.",
			Status:  inventory.StatusInUse, Classification: []string{checked, inventory.ClassTransparency},
			Contact: "it-service@stadt.example", ReviewDate: review, Public: true},
			teams: []int{1, 2},
			rules: []inventory.Rule{rule("user", "course:generative-ki-arbeitsalltag", 24, 90)}},
		{system: inventory.System{Key: "ki-assistent-office", Name: "KI-Assistent im Office-Paket", Provider: "Anbieter des Office-Pakets",
			Purpose: "Entwürfe, Zusammenfassungen und Protokolle in Textverarbeitung und E-Mail (Copilot-artiger Assistent); Pilot in zwei Teams.",
			Status:  inventory.StatusPilot, Classification: []string{checked, inventory.ClassGPAI, inventory.ClassTransparency},
			Contact: "digitalisierung@stadt.example", ReviewDate: review},
			teams: []int{2, 3},
			rules: []inventory.Rule{rule("user", "course:ki-sicher-nutzen", 24, 60), rule("user", "course:generative-ki-arbeitsalltag", 24, 90),
				rule("administrator", "course:ai-act-verwaltung", 12, 30)}},
		{system: inventory.System{Key: "dokumentenklassifikator", Name: "Dokumentenklassifikator Posteingang", Provider: "Eigenentwicklung IT-Abteilung",
			Purpose: "Ordnet eingescannte Post dem zuständigen Fachbereich zu; Sachbearbeitende bestätigen oder korrigieren die Zuordnung.",
			Status:  inventory.StatusInUse, Classification: []string{checked, inventory.ClassMinimal},
			Contact: "poststelle@stadt.example", ReviewDate: review},
			teams: []int{0},
			rules: []inventory.Rule{rule("user", "course:ki-grundlagen", 0, 90), rule("decision_maker", "course:ki-sicher-nutzen", 24, 60)}},
	}
}

// seedInventory records the demo inventory for the seeded organisation, names the first manager
// for the oversight of the chatbot and the decisions on the classifier, and derives the
// assignments through the ordinary engine. Rules for courses that are not loaded are left out.
func seedInventory(ctx context.Context, db *store.Store, lib *content.Library, res *Result) error {
	if len(res.Leaves) == 0 || len(res.Managers) == 0 {
		return nil
	}
	by := res.Managers[0]
	known := compliance.KnownMeasure(lib)
	for _, d := range demoInventory(db.Now()) {
		var units []int64
		for _, i := range d.teams {
			units = append(units, res.Leaves[i%len(res.Leaves)])
		}
		id, err := db.SaveAISystem(ctx, by, 0, d.system, units)
		if err != nil {
			return err
		}
		var rules []inventory.Rule
		for _, r := range d.rules {
			if known(r.Measure) {
				rules = append(rules, r)
			}
		}
		if err := db.SaveAISystemRules(ctx, by, id, rules); err != nil {
			return err
		}
		switch d.system.Key {
		case "chatbot-buergerservice":
			err = db.SetAISystemHolder(ctx, by, id, by, inventory.RoleOversight, true)
		case "dokumentenklassifikator":
			err = db.SetAISystemHolder(ctx, by, id, by, inventory.RoleDecisionMaker, true)
		}
		if err != nil {
			return err
		}
		n, err := db.SyncAISystem(ctx, by, id, store.PinFunc(compliance.Pin(lib)), compliance.MeasureTitles(ctx, db, lib, "de", nil).Of)
		if err != nil {
			return err
		}
		res.Members += n
	}
	return nil
}
