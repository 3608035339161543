// Package council writes the documents a staff council (Personalrat) and the data protection
// officer need before ailit may be used: a record of processing activities (Art. 30 GDPR) and a
// draft service agreement (Dienstvereinbarung). They are generated from the instance's actual
// settings (privacy level, minimum group size, retention periods, sign-in, reminders, who holds
// which role), so what the council signs matches what the platform does. Points the authority
// must decide itself are marked in the text.
//
// The documents are Markdown (for editing and for git) and PDF (for signing); the PDF is laid out
// from the same Markdown, so both say the same.
package council

import (
	"bytes"
	"embed"
	"fmt"
	"text/template"
	"time"

	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/retention"
)

// Facts are the settings and figures the documents are generated from.
type Facts struct {
	OrgName       string
	BaseURL       string
	GeneratedAt   time.Time
	Version       string // ailit's version
	PrivacyLevel  string // aggregate, status or results
	K             int    // minimum group size of aggregates
	Retention     retention.Policy
	LocalLogin    bool
	OIDCIssuer    string // "" when off
	LDAPURL       string // "" when off
	Reminders     bool   // SMTP configured: reminders and manager digests are sent
	SMTPHost      string
	Active        int64
	PerRole       map[string]int64
	Admins        []string
	HTTPS         bool
	PublicDocsURL string // the imprint/privacy pages of the instance
}

// Kinds of document.
const (
	RecordOfProcessing = "verarbeitungsverzeichnis" // Art. 30 GDPR
	ServiceAgreement   = "dienstvereinbarung"       // draft Dienstvereinbarung
)

// Kinds lists the documents in display order.
var Kinds = []string{RecordOfProcessing, ServiceAgreement}

//go:embed templates/*.md.tmpl
var templateFiles embed.FS

// Markdown writes document kind in lang ("de" or "en") from the facts.
func Markdown(kind, lang string, f Facts) ([]byte, error) {
	lang = i18n.Normalize(lang)
	name := kind + "." + lang + ".md.tmpl"
	tpl, err := template.New(name).Funcs(template.FuncMap{
		"date":   func(t time.Time) string { return i18n.FormatDate(lang, t) },
		"period": func(c retention.Category) string { return periodText(lang, f.Retention, c) },
		"t":      func(key string) string { return i18n.T(lang, key) },
		"role":   func(r string) int64 { return f.PerRole[r] },
	}).ParseFS(templateFiles, "templates/"+name)
	if err != nil {
		return nil, fmt.Errorf("council: unknown document %q in %q: %w", kind, lang, err)
	}
	var buf bytes.Buffer
	if err := tpl.Execute(&buf, struct {
		Facts
		Categories []retention.Definition
	}{f, retention.Definitions}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// periodText is a category's period as a phrase: "30 Tage nach Abgabe des Versuchs".
func periodText(lang string, p retention.Policy, c retention.Category) string {
	d, _ := retention.Lookup(c)
	return fmt.Sprintf("%d %s %s", p.Period(c), i18n.T(lang, "retention.unit."+string(d.Unit)),
		i18n.T(lang, "retention."+string(c)+".from"))
}
