package inventory_test

import (
	"bytes"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/inventory"
	"github.com/ailit/ailit/internal/measure"
)

func chatbot() inventory.System {
	return inventory.System{Key: "chatbot-buergerservice", Name: "Chatbot Bürgerservice", Provider: "Kommunal-IT eG",
		Purpose: "Beantwortet Fragen zu Dienstleistungen", Status: inventory.StatusInUse,
		Classification: []string{inventory.ClassProhibitedChecked, inventory.ClassTransparency, inventory.ClassGPAI},
		Contact:        "ki-koordination@stadt.example", Documents: inventory.Documents{DPIA: "https://dms.stadt.example/dsfa/114"}}
}

func fields(ps []inventory.Problem) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, p.Field+"="+p.Key)
	}
	return out
}

func TestValidateNamesEachBadField(t *testing.T) {
	tests := []struct {
		name   string
		change func(*inventory.System)
		want   []string
	}{
		{"a good system", func(*inventory.System) {}, []string{}},
		{"key with capitals", func(s *inventory.System) { s.Key = "Chatbot" }, []string{"key=inventory.err.key"}},
		{"no name", func(s *inventory.System) { s.Name = " " }, []string{"name=inventory.err.name"}},
		{"no purpose", func(s *inventory.System) { s.Purpose = "" }, []string{"purpose=inventory.err.purpose"}},
		{"unknown status", func(s *inventory.System) { s.Status = "live" }, []string{"status=inventory.err.status"}},
		{"no classification", func(s *inventory.System) { s.Classification = nil }, []string{"classification=inventory.err.class_required"}},
		{"unknown code", func(s *inventory.System) { s.Classification = []string{"low"} }, []string{"classification=inventory.err.class_unknown"}},
		{"minimal and transparency", func(s *inventory.System) {
			s.Classification = []string{inventory.ClassProhibitedChecked, inventory.ClassMinimal, inventory.ClassTransparency}
		}, []string{"classification=inventory.err.class_minimal"}},
		{"in use without the Art. 5 check", func(s *inventory.System) { s.Classification = []string{inventory.ClassTransparency} },
			[]string{"classification=inventory.err.class_unchecked"}},
		{"planned without the Art. 5 check is fine", func(s *inventory.System) {
			s.Classification, s.Status = []string{inventory.ClassTransparency}, inventory.StatusPlanned
		}, []string{}},
		{"high risk without area", func(s *inventory.System) { s.Classification = append(s.Classification, inventory.ClassHighRisk) },
			[]string{"annex_area=inventory.err.annex_area"}},
		{"high risk with area 5", func(s *inventory.System) {
			s.Classification, s.AnnexIIIArea = append(s.Classification, inventory.ClassHighRisk), 5
		}, []string{}},
		{"area without high risk", func(s *inventory.System) { s.AnnexIIIArea = 4 }, []string{"annex_area=inventory.err.annex_without_high_risk"}},
		{"a link with a script scheme", func(s *inventory.System) { s.Documents.FRIA = "javascript://x" }, []string{"fria=inventory.err.link"}},
		{"a DMS number is a link", func(s *inventory.System) { s.Documents.Contract = "DMS 2026/114" }, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := chatbot()
			tt.change(&s)
			if got := fields(s.Validate()); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("problems = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestRuleValidateRefusesUnknownMeasures(t *testing.T) {
	known := func(r measure.Ref) bool { return r.ID == "ki-sicher-nutzen" }
	good := inventory.Rule{Role: "user", Measure: ref("course:ki-sicher-nutzen"), DueDays: 90}
	if ps := good.Validate(known); len(ps) != 0 {
		t.Errorf("good rule: %v", fields(ps))
	}
	bad := inventory.Rule{Role: "boss", Measure: ref("course:gibt-es-nicht"), ValidityMonths: -1, DueDays: 0}
	want := []string{"role=inventory.err.role", "measure=inventory.err.measure_unknown", "validity_months=inventory.err.validity", "due_days=inventory.err.due_days"}
	if got := fields(bad.Validate(known)); !reflect.DeepEqual(got, want) {
		t.Errorf("problems = %v, want %v", got, want)
	}
}

func TestJSONAndCSVRoundTrip(t *testing.T) {
	s := chatbot()
	s.ReviewDate = time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC)
	s.Public = true
	entries := []inventory.Entry{{System: s, Units: []string{"Stadtverwaltung/Bürgeramt"},
		Rules: []inventory.Rule{useKI, actKI}}}
	for _, format := range []string{"json", "csv"} {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			write, parse := inventory.WriteJSON, inventory.ParseJSON
			if format == "csv" {
				write, parse = inventory.WriteCSV, inventory.ParseCSV
			}
			if err := write(&buf, entries); err != nil {
				t.Fatal(err)
			}
			got, errs := parse(buf.Bytes())
			if len(errs) != 0 {
				t.Fatalf("errors reading back: %v\n%s", errs, buf.String())
			}
			if len(got) != 1 || got[0].Line < 2 {
				t.Fatalf("entries = %+v", got)
			}
			got[0].Line = 0
			if !reflect.DeepEqual(got[0], entries[0]) {
				t.Errorf("read back\n%+v\nwant\n%+v", got[0], entries[0])
			}
		})
	}
}

func TestBadFilesNameTheLine(t *testing.T) {
	tests := []struct {
		name, format, data string
		want               []string // "line: part of the message"
	}{
		{"not JSON", "json", "{\"format\": \"ailit-inventory-v1\",\n \"systems\": [\n {\"id\": }\n]}", []string{"3: not valid JSON"}},
		{"another format", "json", `{"systems": []}`, []string{"0: not an inventory file"}},
		{"unknown field on the second system", "json", "{\"format\": \"ailit-inventory-v1\", \"systems\": [\n  {\"id\": \"a\"},\n\n  {\"id\": \"b\", \"colour\": \"red\"}\n]}",
			[]string{"4: system: json: unknown field \"colour\""}},
		{"bad measure and date", "json", "{\"format\": \"ailit-inventory-v1\", \"systems\": [\n  {\"id\": \"a\", \"review_date\": \"31.03.2027\", \"rules\": [{\"role\": \"user\", \"measure\": \"video:x\"}]}\n]}",
			[]string{"2: review_date \"31.03.2027\" is not a date", "2: rule: unknown kind of measure \"video\""}},
		{"missing CSV columns", "csv", "id;name\nx;y\n", []string{"1: missing columns: provider"}},
		{"bad CSV rule", "csv", "id;name;provider;purpose;status;classification;annex_iii_area;units;contact;dpia;fria;contract;review_date;public;rules\n" +
			"a;A;;Zweck;in_use;minimal;;;;;;;;ja;user=course:x\n", []string{"2: public \"ja\" must be true or false", "2: rule \"user=course:x\": expected"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parse := inventory.ParseJSON
			if tt.format == "csv" {
				parse = inventory.ParseCSV
			}
			_, errs := parse([]byte(tt.data))
			if len(errs) != len(tt.want) {
				t.Fatalf("errors = %v, want %d", errs, len(tt.want))
			}
			for i, w := range tt.want {
				line, msg, _ := strings.Cut(w, ": ")
				if got := errs[i]; line != strconv.Itoa(got.Line) || !strings.Contains(got.Message, msg) {
					t.Errorf("error %d = line %d %q, want line %s containing %q", i, got.Line, got.Message, line, msg)
				}
			}
		})
	}
}
