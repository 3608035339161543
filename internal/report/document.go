package report

import (
	"iter"
	"time"
)

// Document is what the writers write: a title, metadata and sections of typed rows. Every format
// carries the same content, so one integrity hash covers all of them (see integrity.go).
type Document struct {
	Lang     string // "de" (default) or "en"
	Title    string
	Meta     []Field
	Sections []Section
	// AISystems, when not nil, is also written as a top-level "ai_systems" array in JSON (the same
	// content as the "ai_systems" section, which the integrity hash covers).
	AISystems []AISystem
}

// Field is one line of metadata: generated-at, privacy level, filters, legal wording.
type Field struct {
	Key   string // stable, e.g. "generated_at", "filter.org_unit"
	Label string // shown to people, in the document's language
	Value string
}

// Section is one table: a sheet in XLSX, a file in CSV, an array in JSON, a table in PDF.
// Rows may reuse the slice it yields; writers never keep it.
type Section struct {
	Key       string // "persons", "units", ... (see sectionTitles)
	Columns   []Column
	Rows      iter.Seq2[[]Value, error]
	Landscape bool // PDF: wide person tables go on landscape pages
}

// Title is the section heading in lang.
func (s Section) Title(lang string) string { return label(sectionTitles, s.Key, lang) }

// The section catalogue: key → German and English title.
var sectionTitles = map[string][2]string{
	"units":        {"Übersicht", "Overview"},
	"persons":      {"Personen", "People"},
	"unit_courses": {"Kurse je Einheit", "Courses per unit"},
	"coverage":     {"Kompetenzabdeckung", "Competence coverage"},
	"measures":     {"Maßnahmen", "Measures"},
	"versions":     {"Kursversionen", "Course versions"},
	"ai_systems":   {"KI-Systeme", "AI systems"},
	metaSection:    {"Filter & Integrität", "Filters & integrity"},
}

// metaSection is the XLSX sheet with the metadata and, last, the integrity hash.
const metaSection = "meta"

// sectionByTitle maps a heading in either language back to its key (for the verifiers).
var sectionByTitle = func() map[string]string {
	m := map[string]string{}
	for k, t := range sectionTitles {
		m[t[0]], m[t[1]] = k, k
	}
	return m
}()

// Words shown instead of codes.
var (
	statusLabels = map[string][2]string{
		string(StatusNotStarted): {"nicht begonnen", "not started"},
		string(StatusInProgress): {"in Bearbeitung", "in progress"},
		string(StatusCompleted):  {"abgeschlossen", "completed"},
		string(StatusDueSoon):    {"bald fällig", "due soon"},
		string(StatusOverdue):    {"überfällig", "overdue"},
		string(StatusExpired):    {"abgelaufen", "expired"},
		string(StatusExempted):   {"befreit", "exempted"},
	}
	boolLabels = map[string][2]string{"true": {"ja", "yes"}, "false": {"nein", "no"}}
	metaLabels = map[string][2]string{
		"report":           {"Bericht", "Report"},
		"generated_at":     {"Erstellt am", "Generated at"},
		"level":            {"Sichtbarkeitsstufe", "Privacy level"},
		"k":                {"Mindestgruppengröße (k)", "Minimum group size (k)"},
		"period":           {"Zeitraum", "Period"},
		"scope":            {"Geltungsbereich", "Scope"},
		"legal_status":     {"Rechtlicher Hinweis", "Legal notice"},
		"evidence_count":   {"Einträge im Nachweisprotokoll", "Entries in the evidence log"},
		"evidence_head":    {"Letzter Eintrag im Nachweisprotokoll (Hash)", "Newest entry of the evidence log (hash)"},
		integrityKey:       {"Integritätshash (SHA-256)", "Integrity hash (SHA-256)"},
		integrityFormatKey: {"Hash-Verfahren", "Hash method"},
	}
)

func label(m map[string][2]string, key, lang string) string {
	l, ok := m[key]
	if !ok {
		return key
	}
	if lang == "en" {
		return l[1]
	}
	return l[0]
}

// reverse maps a shown word in either language back to its code.
func reverse(m map[string][2]string) map[string]string {
	r := map[string]string{}
	for k, l := range m {
		r[l[0]], r[l[1]] = k, k
	}
	return r
}

var (
	statusByLabel = reverse(statusLabels)
	boolByLabel   = reverse(boolLabels)
)

// display is a value as a person reads it: translated status and yes/no, everything else canonical.
func display(k Kind, v Value, lang string) string {
	switch k {
	case KindStatus:
		return label(statusLabels, v.Text, lang)
	case KindBool:
		if v.Text == "" {
			return ""
		}
		return label(boolLabels, v.Text, lang)
	}
	return v.Text
}

// undisplay turns a shown value back into canonical text.
func undisplay(k Kind, s string) string {
	switch k {
	case KindStatus:
		if code, ok := statusByLabel[s]; ok {
			return code
		}
	case KindBool:
		if code, ok := boolByLabel[s]; ok {
			return code
		}
	}
	return s
}

// MetaField makes a standard metadata field labelled in lang.
func MetaField(key, value, lang string) Field {
	return Field{Key: key, Label: label(metaLabels, key, lang), Value: Text(value).Text}
}

// Filter makes a metadata field for a filter the reader chose (org unit, course, period ...).
func Filter(key, label, value string) Field {
	return Field{Key: "filter." + key, Label: Text(label).Text, Value: Text(value).Text}
}

// StandardMeta is the metadata every report starts with.
func StandardMeta(report string, generatedAt time.Time, level Level, lang string) []Field {
	return []Field{
		MetaField("report", report, lang),
		MetaField("generated_at", generatedAt.UTC().Format(time.RFC3339), lang),
		MetaField("level", string(level), lang),
	}
}

// sliceRows yields fixed rows (small sections: measures, versions).
func sliceRows(rows [][]Value) iter.Seq2[[]Value, error] {
	return func(yield func([]Value, error) bool) {
		for _, r := range rows {
			if !yield(r, nil) {
				return
			}
		}
	}
}

// SectionTitle is the heading of a section key in lang ("coverage" → "Kompetenzabdeckung").
func SectionTitle(key, lang string) string { return label(sectionTitles, key, lang) }

// EvidenceTables are the tables of the evidence report, in document order (one CSV file each).
var EvidenceTables = []string{"units", "unit_courses", "coverage", "measures", "versions"}
