package report

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

func keys(cols []Column) []string {
	var out []string
	for _, c := range cols {
		out = append(out, c.Key)
	}
	return out
}

func TestColumnsPerPrivacyLevel(t *testing.T) {
	status := []string{"pseudonym", "personnel_number", "name", "email", "org_unit", "course_id", "course_title",
		"course_version", "content_hash", "status", "exemption_reason", "assigned_at", "due_at", "completed_at",
		"valid_until", "competence_areas", "competence_level"}
	tests := []struct {
		level Level
		want  []string
	}{
		{LevelAggregate, []string{"unit", "people", "assignments", "completed", "completion_rate", "open", "overdue", "exempted", "note"}},
		{LevelStatus, status},
		{LevelResults, append(slices.Clone(status), "passed", "score_percent")},
	}
	for _, tt := range tests {
		t.Run(string(tt.level), func(t *testing.T) {
			if got := keys(Columns(tt.level)); !slices.Equal(got, tt.want) {
				t.Errorf("Columns(%s) = %v\nwant %v", tt.level, got, tt.want)
			}
		})
	}
}

func TestNoColumnExposesAnswersAttemptsTimeOnTaskOrLogins(t *testing.T) {
	forbidden := []string{"answer", "antwort", "attempt", "versuch", "time_on_task", "duration", "dauer", "login", "anmeld", "click"}
	for _, cols := range allColumnSources {
		for _, c := range cols {
			for _, name := range []string{c.Key, c.DE, c.EN} {
				for _, f := range forbidden {
					if strings.Contains(strings.ToLower(name), f) {
						t.Errorf("column %q (%s) looks like %q, which managers must never see", c.Key, name, f)
					}
				}
			}
		}
	}
}

func TestScoresOnlyAtResultsLevel(t *testing.T) {
	for _, level := range []Level{LevelAggregate, LevelStatus} {
		for _, k := range keys(Columns(level)) {
			if k == "passed" || k == "score_percent" {
				t.Errorf("level %s shows %s", level, k)
			}
		}
	}
}

func TestHeaderLabelsAreUniqueSoFilesCanBeVerified(t *testing.T) {
	seen := map[string]string{}
	for _, cols := range allColumnSources {
		for _, c := range cols {
			for _, l := range []string{c.DE, c.EN} {
				if other, ok := seen[l]; ok && other != c.Key {
					t.Errorf("label %q used by %s and %s", l, other, c.Key)
				}
				seen[l] = c.Key
			}
		}
	}
}

func TestParseLevelRejectsUnknownLevels(t *testing.T) {
	if l, err := ParseLevel(""); err != nil || l != LevelStatus {
		t.Errorf("empty level = %v, %v; want status (the default)", l, err)
	}
	if _, err := ParseLevel("everything"); err == nil {
		t.Error("unknown level accepted")
	}
}

func TestPseudonymIsStableAndKeyed(t *testing.T) {
	a, b := Pseudonym([]byte("k1"), "user-1"), Pseudonym([]byte("k1"), "user-1")
	if a != b || len(a) != 32 {
		t.Fatalf("pseudonym not stable or wrong length: %q %q", a, b)
	}
	if Pseudonym([]byte("k2"), "user-1") == a {
		t.Error("another key gives the same pseudonym")
	}
	if strings.Contains(a, "user") {
		t.Error("pseudonym contains the user id")
	}
}

// Pseudonyms keeps one HMAC for many users: each pseudonym must be the one Pseudonym gives.
func TestPseudonymsAreThoseOfPseudonym(t *testing.T) {
	p := NewPseudonyms([]byte("k1"))
	for _, id := range []int64{1, 42, 42, 7, 100000, 0, -3, 1 << 40} {
		if got, want := p.Of(id), Pseudonym([]byte("k1"), strconv.FormatInt(id, 10)); got != want {
			t.Errorf("Of(%d) = %s, want %s", id, got, want)
		}
	}
}

func TestPickColumns(t *testing.T) {
	keys := func(cols []Column, idx []int) string {
		var out []string
		for _, i := range idx {
			out = append(out, cols[i].Key)
		}
		return strings.Join(out, ",")
	}
	tests := []struct {
		name   string
		level  Level
		chosen []string
		want   string
	}{
		{"nothing chosen: what a manager needs", LevelStatus, nil, "name,org_unit,course_title,status,due_at,completed_at"},
		{"chosen columns in table order", LevelStatus, []string{"valid_until", "personnel_number", "name"}, "personnel_number,name,valid_until"},
		{"a column the level does not allow is ignored", LevelStatus, []string{"name", "score_percent"}, "name"},
		{"only unknown keys: the defaults", LevelStatus, []string{"password"}, "name,org_unit,course_title,status,due_at,completed_at"},
		{"results level offers the score", LevelResults, []string{"name", "score_percent"}, "name,score_percent"},
		{"aggregate level: the unit columns, all of them", LevelAggregate, nil, "unit,people,assignments,completed,completion_rate,open,overdue,exempted,note"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cols := Columns(tt.level)
			if got := keys(cols, PickColumns(cols, tt.chosen)); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

// The cells of a report come from cellMaker, which keeps a text cell whose text did not change
// since the row before: for every row they must be the cells each column computes on its own.
func TestCellMakerGivesTheCellsOfEachRow(t *testing.T) {
	rows := sampleRows()
	for r := range syntheticRows(40, 3) {
		rows = append(rows, r)
	}
	// Rows that change one text at a time, back and forth, and texts that are not valid UTF-8.
	bad := rows[0]
	bad.Name, bad.OrgUnitPath = "Anna \xff Becker", "Amt \xc3"
	exempt := rows[0]
	exempt.Status, exempt.ExemptionReason = StatusExempted, "Elternzeit"
	rows = append(rows, bad, bad, rows[0], exempt, rows[0], exempt, Row{}, rows[1])
	cols := Columns(LevelResults)
	m := newCellMaker(cols)
	for i := range rows {
		got := m.cells(&rows[i])
		for j, c := range cols {
			if want := c.cell(&rows[i]); got[j] != want {
				t.Errorf("row %d, %s: %+v, want %+v", i, c.Key, got[j], want)
			}
		}
	}
}
