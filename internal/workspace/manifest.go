package workspace

import (
	"errors"
	"slices"
	"strconv"
	"time"

	"github.com/ailit/ailit/internal/content"
)

// ManifestFields are the fields of course.yaml a trainer edits in the form. Id, version, status,
// change, language, license, authors and completion are kept as they are.
type ManifestFields struct {
	Title           string
	Summary         string
	DurationMinutes int
	Level           string
	Competences     []string
	Audiences       []string
	Objectives      []string
	LegalStatusAsOf string // YYYY-MM-DD
	ReviewDue       string // YYYY-MM-DD
	ValidityMonths  int
}

// FieldsOf returns the editable fields of a manifest.
func FieldsOf(m *content.Manifest) ManifestFields {
	return ManifestFields{
		Title: m.Title, Summary: m.Summary, DurationMinutes: m.DurationMinutes, Level: m.Level,
		Competences: m.Competences, Audiences: m.Audiences, Objectives: m.Objectives,
		LegalStatusAsOf: dateString(m.LegalStatusAsOf), ReviewDue: dateString(m.ReviewDue),
		ValidityMonths: m.ValidityMonths,
	}
}

func dateString(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// WriteManifest returns course.yaml with the edited fields changed in place: a field whose value
// is unchanged keeps its bytes, and comments, blank lines and key order of the file stay as the
// trainer wrote them. The field names in FieldLines are the YAML keys ("title", "competences", …)
// of the fields the form edits; other lines belong to "".
func WriteManifest(current []byte, f ManifestFields) ([]byte, FieldLines, error) {
	m, _ := content.ParseManifest("course.yaml", current)
	y, err := parseYAMLFile(current)
	if m == nil || err != nil {
		return nil, nil, errors.New("course.yaml cannot be read; fix it in the file or import a corrected version")
	}
	old := FieldsOf(m)
	one := func(render func(o *yamlOut)) string {
		var o yamlOut
		render(&o)
		return o.b.String()
	}
	type edit struct {
		key, after string
		changed    bool
		render     func(o *yamlOut)
	}
	edits := []edit{
		{"title", "change", f.Title != old.Title, func(o *yamlOut) { o.text(0, "title", f.Title) }},
		{"summary", "title", f.Summary != old.Summary, func(o *yamlOut) { o.text(0, "summary", f.Summary) }},
		{"duration_minutes", "language", f.DurationMinutes != old.DurationMinutes,
			func(o *yamlOut) { o.kv(0, "duration_minutes", strconv.Itoa(f.DurationMinutes)) }},
		{"level", "duration_minutes", f.Level != old.Level, func(o *yamlOut) { o.kv(0, "level", scalar(f.Level)) }},
		{"competences", "level", !slices.Equal(f.Competences, old.Competences),
			func(o *yamlOut) { o.flow(0, "competences", quoteAll(f.Competences)) }},
		{"audiences", "competences", !slices.Equal(f.Audiences, old.Audiences),
			func(o *yamlOut) { o.flow(0, "audiences", quoteAll(f.Audiences)) }},
		{"objectives", "audiences", !slices.Equal(f.Objectives, old.Objectives),
			func(o *yamlOut) { o.list(0, "objectives", f.Objectives) }},
		{"legal_status_as_of", "authors", f.LegalStatusAsOf != old.LegalStatusAsOf,
			func(o *yamlOut) { o.kv(0, "legal_status_as_of", scalar(f.LegalStatusAsOf)) }},
		{"review_due", "legal_status_as_of", f.ReviewDue != old.ReviewDue,
			func(o *yamlOut) { o.kv(0, "review_due", scalar(f.ReviewDue)) }},
		{"validity_months", "review_due", f.ValidityMonths != old.ValidityMonths,
			func(o *yamlOut) { o.kv(0, "validity_months", strconv.Itoa(f.ValidityMonths)) }},
	}
	formFields := map[string]bool{}
	for _, e := range edits {
		formFields[e.key] = true
		switch {
		case !e.changed:
		case e.key == "objectives" && len(f.Objectives) == 0:
			y.remove(e.key)
		default:
			y.set(e.key, one(e.render), e.after)
		}
	}
	data := y.bytes()
	lines := fieldLinesOf(data, func(key string) string {
		if formFields[key] {
			return key
		}
		return ""
	}, "", nil)
	return data, lines, nil
}

func quoteAll(codes []string) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = scalar(c)
	}
	return out
}
