package chart

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
)

func charts() map[string]Chart {
	return map[string]Chart{
		"bars": HorizontalBars("rate", "Abschlussquote je Einheit", "Anteil abgeschlossener Zuweisungen", "de",
			[]Datum{{"Ordnungsamt", 92}, {"Bürgeramt & Co <Süd>", 40.5}}),
		"stacked": StackedBars("status", "Status je Einheit", "Anzahl je Status", "de", []string{"Ordnungsamt", "Bürgeramt"},
			[]Series{{Name: "abgeschlossen", Values: []float64{12, 3}}, {Name: "offen", Values: []float64{4, 5}}, {Name: "überfällig", Values: []float64{1, 0}}}),
		"line": Line("trend", "Abschlüsse pro Monat", "Verlauf 2026", "de", []string{"01/2026", "02/2026", "03/2026"},
			[]Series{{Name: "Abschlüsse", Values: []float64{3, 8, 5}}, {Name: "kumuliert", Values: []float64{3, 11, 16}}}),
	}
}

func TestChartsAreWellFormedAccessibleSVGWithoutInlineStyles(t *testing.T) {
	for name, c := range charts() {
		t.Run(name, func(t *testing.T) {
			dec := xml.NewDecoder(strings.NewReader(c.SVG))
			var elements []string
			for {
				tok, err := dec.Token()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatalf("not well-formed XML: %v", err)
				}
				if se, ok := tok.(xml.StartElement); ok {
					elements = append(elements, se.Name.Local)
					for _, a := range se.Attr {
						if a.Name.Local == "style" {
							t.Errorf("<%s> has a style attribute; the CSP forbids inline styles", se.Name.Local)
						}
						if len(elements) == 1 && a.Name.Local == "role" && a.Value != "img" {
							t.Errorf("role = %q", a.Value)
						}
					}
				}
			}
			if len(elements) < 3 || elements[0] != "svg" || elements[1] != "title" || elements[2] != "desc" {
				t.Errorf("want <svg> with <title> and <desc> first, got %v", elements[:min(3, len(elements))])
			}
			if !strings.Contains(c.SVG, `role="img"`) || !strings.Contains(c.SVG, `aria-labelledby=`) {
				t.Error("missing role or aria-labelledby")
			}
			if c.Summary == "" || len(c.Table.Rows) == 0 || c.Table.Caption == "" {
				t.Errorf("missing text alternative: %q %+v", c.Summary, c.Table)
			}
		})
	}
}

func TestBarSummaryAndTableCarryTheNumbers(t *testing.T) {
	c := charts()["bars"]
	if want := "Abschlussquote je Einheit: 2 Balken; am höchsten Ordnungsamt (92 %), am niedrigsten Bürgeramt & Co <Süd> (40,5 %)."; c.Summary != want {
		t.Errorf("summary = %q\nwant %q", c.Summary, want)
	}
	if c.Table.Rows[1][1] != "40,5" || !strings.Contains(c.SVG, "Bürgeramt &amp; Co &lt;Süd&gt;") {
		t.Error("value or escaped label missing")
	}
}

func TestSeriesDifferByMoreThanColour(t *testing.T) {
	stacked := charts()["stacked"].SVG
	for _, want := range []string{`<pattern id="status-p1"`, `<path d="M0 8L8 0"`, `<circle cx="4" cy="4"`} {
		if !strings.Contains(stacked, want) {
			t.Errorf("stacked bars lack the pattern %q", want)
		}
	}
	if line := charts()["line"].SVG; !strings.Contains(line, `stroke-dasharray="6 3"`) {
		t.Error("second line is not dashed")
	}
}

func TestLongUnitPathsShowTheirLastPartWithTheFullPathAsTooltip(t *testing.T) {
	full := "Stadtverwaltung / Dezernat 1 Stadtentwicklung und Umwelt / Bauordnungsamt / Team Baugenehmigung"
	c := HorizontalBars("x", "Quote", "Quote je Einheit", "de", []Datum{{Label: full, Value: 40}})
	if !strings.Contains(c.SVG, "<title>"+full+"</title>Team Baugenehmigung</text>") {
		t.Fatalf("label not shortened with tooltip:\n%s", c.SVG)
	}
	if c.Table.Rows[0][0] != full {
		t.Fatalf("the data table must keep the full path, got %q", c.Table.Rows[0][0])
	}
}

func TestOverdueIsDrawnInTheAlarmColourAndKeepsItsPattern(t *testing.T) {
	svg := StackedBars("status", "Stand je Einheit", "Anzahl je Status", "de", []string{"Ordnungsamt"}, []Series{
		{Name: "abgeschlossen", Values: []float64{12}, Color: ColorDone},
		{Name: "offen", Values: []float64{4}, Color: ColorNeutral},
		{Name: "überfällig", Values: []float64{2}, Color: ColorAlarm}}).SVG
	for _, want := range []string{
		`<pattern id="status-p0" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#2e7d32"/></pattern>`,
		`<pattern id="status-p1" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#5f6b76"/><path d="M0 8L8 0"`,
		`<pattern id="status-p2" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#c62828"/><circle cx="4" cy="4"`,
		`fill="url(#status-p2)" stroke="#ffffff" stroke-width="1"><title>überfällig: 2</title>`,
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
}
