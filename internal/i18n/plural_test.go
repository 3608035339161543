package i18n

import "testing"

func TestCatalogEntriesMayHaveSingularAndPluralForms(t *testing.T) {
	m, err := parseCatalog([]byte(`{"plain": "Personen", "n": {"one": "%d Eintrag", "other": "%d Einträge"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if m["plain"].one != "Personen" || m["plain"].other != "Personen" {
		t.Errorf("plain = %+v", m["plain"])
	}
	if m["n"].one != "%d Eintrag" || m["n"].other != "%d Einträge" {
		t.Errorf("n = %+v", m["n"])
	}
	if _, err := parseCatalog([]byte(`{"half": {"one": "1 Eintrag"}}`)); err == nil {
		t.Error("an entry without its plural form was accepted")
	}
}

func TestTPicksTheFormByTheFirstArgument(t *testing.T) {
	tests := []struct {
		lang string
		n    any
		want string
	}{
		{"de", 1, "„Basis“ wurde zugewiesen; 1 Person ist eingeschrieben."},
		{"de", 0, "„Basis“ wurde zugewiesen; 0 Personen sind eingeschrieben."},
		{"de", int64(2), "„Basis“ wurde zugewiesen; 2 Personen sind eingeschrieben."},
		{"en", 1, "“Basis” was assigned; 1 person is enrolled."},
		{"en", 7, "“Basis” was assigned; 7 people are enrolled."},
	}
	for _, tt := range tests {
		if got := T(tt.lang, "assign.created", tt.n, "Basis"); got != tt.want {
			t.Errorf("T(%s, %v) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
	if got := T("de", "report.caption", 1, 1, 1); got != "1 Eintrag (Seite 1 von 1)" {
		t.Errorf("report caption for one = %q", got)
	}
}

func TestEveryPluralMessageHasBothFormsInBothLanguages(t *testing.T) {
	for _, key := range Keys("de") {
		if Plural("de", key) != Plural("en", key) && Has("en", key) {
			t.Errorf("%s: plural forms in one language only", key)
		}
	}
}
