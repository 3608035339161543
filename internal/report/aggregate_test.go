package report

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
)

func unitRowsOf(sizes map[string]int) []Row {
	var rows []Row
	for unit, n := range sizes {
		for i := range n {
			st := StatusCompleted
			if i == 0 {
				st = StatusOverdue
			}
			rows = append(rows, Row{Pseudonym: fmt.Sprintf("%s-%d", unit, i), OrgUnitPath: unit, CourseID: "ki-basis",
				Status: st, CompetenceAreas: []string{"KA-SICHER"}, CompetenceLevel: "L1"})
		}
	}
	return rows
}

func suppressed(groups []Group) map[string]string {
	out := map[string]string{}
	for _, g := range groups {
		if g.Suppressed {
			out[g.Key.Unit] = g.Reason
		}
	}
	return out
}

func TestSuppressionWithGroupsOfFourAndFive(t *testing.T) {
	tests := []struct {
		name       string
		sizes      map[string]int
		want       map[string]string
		totalShown bool
	}{
		{"five is shown, nothing hidden", map[string]int{"A": 5, "B": 7}, map[string]string{}, true},
		{"four is hidden and the next smallest too, so total minus B does not reveal A",
			map[string]int{"A": 4, "B": 5, "C": 9}, map[string]string{"A": "small", "B": "complementary"}, true},
		{"two small groups that together reach k need no complement",
			map[string]int{"A": 4, "B": 3, "C": 9}, map[string]string{"A": "small", "B": "small"}, true},
		{"two small groups below k together pull in a third",
			map[string]int{"A": 1, "B": 2, "C": 5, "D": 9}, map[string]string{"A": "small", "B": "small", "C": "complementary"}, true},
		{"fewer than k people in all hides the total", map[string]int{"A": 4}, map[string]string{"A": "small"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			agg, err := Aggregate(RowsFromSlice(unitRowsOf(tt.sizes)))
			if err != nil {
				t.Fatal(err)
			}
			groups, totalShown := Suppress(agg.Units, 5)
			if got := suppressed(groups); fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("suppressed = %v, want %v", got, tt.want)
			}
			if totalShown != tt.totalShown {
				t.Errorf("totalShown = %v, want %v", totalShown, tt.totalShown)
			}
		})
	}
}

func TestAggregateReportHidesSmallGroupsAndHasNoPersonRows(t *testing.T) {
	o := testOptions(LevelAggregate)
	var buf bytes.Buffer
	doc := PersonReport(o, RowsFromSlice(unitRowsOf(map[string]int{"Klein": 4, "Mittel": 5, "Groß": 9})))
	f, err := WriteCSV(&buf, doc, CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"\uFEFFEinheit;Personen;Zuweisungen;",
		"Klein;;;;;;;;weniger als 5 Personen: ausgeblendet\r\n",
		"Mittel;;;;;;;;ausgeblendet, damit keine Gruppe unter 5 Personen errechenbar ist\r\n",
		"Groß;9;9;8;88,9;1;1;0;\r\n",
		"Gesamt;18;18;15;83,3;3;3;0;\r\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("aggregate CSV lacks %q", want)
		}
	}
	if sc := NewSidecar(doc, "x.csv", f); !slices.Contains(sc.Meta, SidecarField{Key: "k", Label: "Mindestgruppengröße (k)", Value: "5"}) {
		t.Errorf("the integrity file does not state k: %+v", sc.Meta)
	}
	if strings.Contains(out, "Personen\r\nPseudonym") || strings.Contains(out, "Klein-0") {
		t.Error("aggregate report contains person rows")
	}
}

func TestCountsRatesAndCoverage(t *testing.T) {
	rows := []Row{
		{Pseudonym: "p1", OrgUnitPath: "A", CourseID: "c1", Status: StatusCompleted, CompetenceAreas: []string{"KA-SICHER"}, CompetenceLevel: "L1"},
		{Pseudonym: "p1", OrgUnitPath: "A", CourseID: "c2", Status: StatusOverdue, CompetenceAreas: []string{"KA-SICHER"}, CompetenceLevel: "L1"},
		{Pseudonym: "p2", OrgUnitPath: "A", CourseID: "c1", Status: StatusInProgress, CompetenceAreas: []string{"KA-SICHER"}, CompetenceLevel: "L1"},
		{Pseudonym: "p3", OrgUnitPath: "A", CourseID: "c1", Status: StatusExempted, CompetenceAreas: []string{"KA-SICHER"}, CompetenceLevel: "L1"},
	}
	agg, err := Aggregate(RowsFromSlice(rows))
	if err != nil {
		t.Fatal(err)
	}
	u := agg.Units[0]
	if u.People != 3 || u.Assignments != 4 || u.Completed != 1 || u.Open != 2 || u.Overdue != 1 || u.Exempted != 1 {
		t.Errorf("unit counts = %+v", u)
	}
	if got := fmt.Sprintf("%.1f", u.Rate()); got != "33.3" {
		t.Errorf("rate = %s, want 33.3 (1 of 3 non-exempt assignments)", got)
	}
	c := agg.Coverage[0]
	if c.Key.Area != "KA-SICHER" || c.People != 2 || c.Completed != 1 || c.Rate() != 50 {
		t.Errorf("coverage = %+v, want 1 of 2 people (the exempted one not counted)", c)
	}
}

func TestTrendByMonthIncludesEmptyMonthsAndCumulates(t *testing.T) {
	rows := []Row{
		{Status: StatusCompleted, CompletedAt: day(2026, 1, 10)},
		{Status: StatusCompleted, CompletedAt: day(2026, 3, 2)},
		{Status: StatusExpired, CompletedAt: day(2026, 3, 30)},
		{Status: StatusOverdue},
	}
	got, err := TrendByMonth(RowsFromSlice(rows), day(2026, 1, 1), day(2026, 3, 31))
	if err != nil {
		t.Fatal(err)
	}
	want := "2026-01:1/1 2026-02:0/1 2026-03:2/3"
	var s []string
	for _, m := range got {
		s = append(s, fmt.Sprintf("%s:%d/%d", m.Month.Format("2006-01"), m.Completed, m.Cumulative))
	}
	if strings.Join(s, " ") != want {
		t.Errorf("trend = %s, want %s", strings.Join(s, " "), want)
	}
}

func TestEvidenceReportHasMeasuresVersionsCoverageAndLegalWording(t *testing.T) {
	var out string
	for _, section := range []string{"units", "unit_courses", "coverage", "measures", "versions"} {
		var buf bytes.Buffer
		doc := EvidenceReport(sampleEvidence(), RowsFromSlice(sampleRows()))
		f, err := WriteCSV(&buf, doc, CSVOptions{Section: section})
		if err != nil {
			t.Fatal(err)
		}
		out += buf.String()
		for _, m := range NewSidecar(doc, "x.csv", f).Meta {
			out += m.Key + ";" + m.Label + ";" + m.Value + "\r\n"
		}
	}
	for _, want := range []string{
		"\uFEFFEinheit;Kurs-ID;Version;Personen;Abgeschlossen;Quote (%);Offen;Überfällig;Hinweis\r\n",
		"Ordnungsamt / Team Süd;ki-basis;1.10;2;1;50,0;1;1;",
		"Ordnungsamt / Team Süd;KA-GRUND;L1;2;1;50,0;\r\n",
		"Ordnungsamt / Team Süd;KA-SICHER;L1;;;;weniger als 2 Personen: ausgeblendet\r\n",
		"M-01;Basis für alle;alle Beschäftigten;ki-basis;90 Tage nach Zuweisung, Auffrischung alle 24 Monate",
		"ki-basis;KI-Grundlagen;1.10;sha256:ab12;2026-02-01",
		"legal_status;Rechtlicher Hinweis;Art. 4 KI-VO in der Fassung des Digital-Omnibus",
		"period;Zeitraum;2026-01-01/2026-03-31", "scope;Geltungsbereich;Stadtverwaltung Musterstadt",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("evidence CSV and its integrity file lack %q", want)
		}
	}
	if strings.Contains(out, "Jürgen") {
		t.Error("the evidence report names a person")
	}
}

// Rows that come person by person are counted without sets of people; rows in any other order
// (a person coming back) are counted again with sets. Both give the same groups.
func TestAggregateCountsTheSameInAnyRowOrder(t *testing.T) {
	var rows []Row
	for r, _ := range syntheticRows(300, 4) {
		r.CompetenceAreas = []string{"KA-GRUND", "KA-SICHER"}
		rows = append(rows, r)
	}
	inOrder, err := Aggregate(RowsFromSlice(rows))
	if err != nil {
		t.Fatal(err)
	}
	withSets := NewAggregator(true)
	for i := range rows {
		withSets.Add(&rows[i])
	}
	shuffled := slices.Clone(rows)
	for i := range shuffled { // a fixed shuffle
		j := (i*7919 + 13) % len(shuffled)
		shuffled[i], shuffled[j] = shuffled[j], shuffled[i]
	}
	passes := 0
	interleaved, err := Aggregate(func(yield func(Row, error) bool) {
		passes++
		for _, r := range shuffled {
			if !yield(r, nil) {
				return
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if passes != 2 {
		t.Errorf("interleaved rows were read %d times, want 2 (the second with sets)", passes)
	}
	for name, got := range map[string]*Aggregates{"with sets": withSets.Result(), "interleaved": interleaved} {
		if fmt.Sprint(got) != fmt.Sprint(inOrder) {
			t.Errorf("%s: %+v\nperson by person: %+v", name, got.Total, inOrder.Total)
		}
	}
	if inOrder.Total.People != 300 || len(inOrder.Coverage) == 0 || inOrder.Coverage[0].People == 0 {
		t.Errorf("counts: total %+v, coverage %+v", inOrder.Total, inOrder.Coverage)
	}
}
