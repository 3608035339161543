package reporting_test

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"testing"

	"github.com/ailit/ailit/internal/report"
	"github.com/ailit/ailit/internal/reporting"
	"github.com/ailit/ailit/internal/store"
)

func TestTheDemoInventoryHasItsRecordPerSystemAndManagersSeeOnlyTheirPeople(t *testing.T) {
	ctx := context.Background()
	db, lib, res := seeded(t, 120, 14)
	src, err := reporting.New(ctx, db, lib, db.Now())
	if err != nil {
		t.Fatal(err)
	}
	rs := store.ReportSettings{Level: "status", K: 1}
	all, err := src.AISystems(ctx, store.Scope{All: true}, rs)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range all {
		names = append(names, e.System.Key)
	}
	want := []string{"chatbot-buergerservice", "dokumentenklassifikator", "ki-assistent-office", "uebersetzungsassistent"}
	if !slices.Equal(names, want) {
		t.Fatalf("systems %v, want %v", names, want)
	}
	chatbot := all[0]
	if chatbot.Coverage.People == 0 || len(chatbot.Coverage.Roles) != 2 || chatbot.Coverage.Roles[1].Role != "oversight" ||
		chatbot.Coverage.Roles[1].People != 1 || len(chatbot.Open)+len(chatbot.Overdue)+chatbot.Coverage.Covered != chatbot.Coverage.People {
		t.Fatalf("chatbot record: %+v", chatbot.Coverage)
	}

	// The manager of the first Amt (whose teams use systems) sees only the people of their units:
	// fewer, and all of them there.
	manager := res.Managers[0]
	visible, err := db.VisibleUnitIDs(ctx, manager)
	if err != nil {
		t.Fatal(err)
	}
	mine, err := src.AISystems(ctx, store.Scope{ManagerID: manager}, rs)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for i, e := range mine {
		total += e.Coverage.People
		if e.Coverage.People > all[i].Coverage.People {
			t.Errorf("%s: the manager sees %d people, the admin %d", e.System.Key, e.Coverage.People, all[i].Coverage.People)
		}
		for _, p := range append(e.Open, e.Overdue...) {
			found := false
			for _, u := range visible {
				found = found || src.UnitPath(u) == p.Unit
			}
			if !found {
				t.Errorf("%s: %s of %s is outside the manager's units", e.System.Key, p.Name, p.Unit)
			}
		}
	}
	if total == 0 || total >= chatbot.Coverage.People+all[1].Coverage.People+all[2].Coverage.People+all[3].Coverage.People {
		t.Errorf("the manager of one Amt sees as many people as the admin (%d)", total)
	}

	// Aggregate level with k = 5: the oversight role of one person shows no numbers, no names.
	agg, _ := src.AISystems(ctx, store.Scope{ManagerID: manager}, store.ReportSettings{Level: "aggregate", K: 5})
	for _, e := range agg {
		if len(e.Open)+len(e.Overdue) > 0 || e.Named {
			t.Errorf("%s: names at the aggregate level", e.System.Key)
		}
		if e.Coverage.People > 0 && e.Coverage.People < 5 && !e.Suppressed {
			t.Errorf("%s: %d people shown below k", e.System.Key, e.Coverage.People)
		}
	}

	// The evidence report's JSON carries the systems as "ai_systems".
	doc, err := src.EvidenceReport(ctx, store.Scope{All: true}, reporting.Filter{}, store.ReportSettings{Level: "status", K: 1, LegalWording: "x"}, "de", &reporting.Counter{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := report.WriteJSON(&buf, doc); err != nil {
		t.Fatal(err)
	}
	var out struct {
		AISystems []struct {
			ID             string   `json:"id"`
			Name           string   `json:"name"`
			Classification []string `json:"classification"`
			Roles          []struct {
				Role     string
				Measures []string
			}
			CoveragePercent *float64 `json:"coverage_percent"`
		} `json:"ai_systems"`
	}
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.AISystems) != 4 || out.AISystems[0].ID != "chatbot-buergerservice" || out.AISystems[0].Name != "Chatbot Bürgerservice" ||
		!slices.Equal(out.AISystems[0].Classification, []string{"prohibited_checked", "transparency", "gpai"}) ||
		out.AISystems[0].CoveragePercent == nil || len(out.AISystems[0].Roles) != 2 ||
		!slices.Equal(out.AISystems[0].Roles[0].Measures, []string{"course:ki-sicher-nutzen", "policy:dienstanweisung-ki"}) {
		t.Fatalf("ai_systems: %+v", out.AISystems)
	}
	if err := report.VerifyJSON(bytes.NewReader(buf.Bytes())); err != nil {
		t.Errorf("the evidence JSON with ai_systems does not verify: %v", err)
	}
}
