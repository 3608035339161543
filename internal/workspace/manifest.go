package workspace

import (
	"errors"
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

// WriteManifest returns course.yaml with the edited fields and the other fields of current (the
// file as it is). Comments in the file are not kept: the form owns its layout. The field names
// in FieldLines are the YAML keys ("title", "competences", …).
func WriteManifest(current []byte, f ManifestFields) ([]byte, FieldLines, error) {
	m, _ := content.ParseManifest("course.yaml", current)
	if m == nil {
		return nil, nil, errors.New("course.yaml cannot be read; fix it in the file or import a corrected version")
	}
	var o yamlOut
	o.kv(0, "id", m.ID)
	o.kv(0, "version", m.Version)
	o.kv(0, "status", m.Status)
	if m.Change != "" {
		o.kv(0, "change", m.Change)
	}
	o.mark("title")
	o.text(0, "title", f.Title)
	o.mark("summary")
	o.text(0, "summary", f.Summary)
	o.kv(0, "language", m.Language)
	if m.TranslationOf != "" {
		o.kv(0, "translation_of", m.TranslationOf)
	}
	o.mark("duration_minutes")
	o.kv(0, "duration_minutes", strconv.Itoa(f.DurationMinutes))
	o.mark("level")
	o.kv(0, "level", scalar(f.Level))
	o.mark("competences")
	o.flow(0, "competences", quoteAll(f.Competences))
	o.mark("audiences")
	o.flow(0, "audiences", quoteAll(f.Audiences))
	if len(f.Objectives) > 0 {
		o.mark("objectives")
		o.list(0, "objectives", f.Objectives)
	}
	o.mark("")
	o.kv(0, "license", scalar(m.License))
	o.b.WriteString("authors:\n")
	for _, a := range m.Authors {
		o.kv(2, "- name", scalar(a.Name))
		if a.Organisation != "" {
			o.kv(4, "organisation", scalar(a.Organisation))
		}
	}
	o.mark("legal_status_as_of")
	o.kv(0, "legal_status_as_of", scalar(f.LegalStatusAsOf))
	o.mark("review_due")
	o.kv(0, "review_due", scalar(f.ReviewDue))
	o.mark("validity_months")
	o.kv(0, "validity_months", strconv.Itoa(f.ValidityMonths))
	o.mark("")
	o.b.WriteString("completion:\n")
	o.kv(2, "modules", ruleValue(m.Completion.Modules))
	o.kv(2, "quizzes", ruleValue(m.Completion.Quizzes))
	return o.bytes(), FieldLines(o.marks), nil
}

func quoteAll(codes []string) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = scalar(c)
	}
	return out
}

func ruleValue(r content.Rule) string {
	switch {
	case r.All:
		return "all"
	case r.None:
		return "none"
	}
	out := "["
	for i, id := range r.IDs {
		if i > 0 {
			out += ", "
		}
		out += scalar(id)
	}
	return out + "]"
}
