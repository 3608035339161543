package record

import (
	"io"
	"time"

	"github.com/ailit/ailit/internal/i18n"
)

// Transcript is every record of one person, for the "My data" download.
type Transcript struct {
	PersonName  string
	Issuer      string
	Wording     string
	GeneratedAt time.Time
	Entries     []Entry // newest first, as the caller orders them
}

// WriteTranscript writes all records of a person into one A4 PDF: one block per record with its
// state at GeneratedAt and its verification URL.
func WriteTranscript(w io.Writer, lang string, t Transcript) error {
	title := i18n.T(lang, "record.transcript.title")
	doc := newDocument(lang, title+": "+t.PersonName, t.Issuer)
	doc.AliasNbPages("{nb}")
	doc.SetFooterFunc(func() {
		doc.SetY(-15)
		doc.setFont("", 8)
		doc.CellFormat(0, 5, i18n.T(lang, "record.transcript.page", doc.PageNo(), "{nb}"), "", 0, "C", false, 0, "")
	})
	doc.AddPage()

	doc.SetTextColor(80, 80, 80)
	doc.setFont("", 11)
	doc.MultiCell(textWidth, 5, t.Issuer, "", "L", false)
	doc.SetTextColor(0, 0, 0)
	doc.Ln(6)
	doc.setFont("B", 22)
	doc.MultiCell(textWidth, 10, title, "", "L", false)
	doc.Ln(4)
	doc.row(i18n.T(lang, "record.field.person"), t.PersonName, 10)
	doc.row(i18n.T(lang, "record.field.generated"), FormatDate(lang, t.GeneratedAt), 10)
	doc.Ln(4)

	if len(t.Entries) == 0 {
		doc.setFont("", 11)
		doc.MultiCell(textWidth, 6, i18n.T(lang, "record.transcript.empty"), "", "L", false)
	}
	for _, e := range t.Entries {
		r := e.Record
		doc.setFont("B", 13)
		doc.MultiCell(textWidth, 7, r.CourseTitle, "", "L", false)
		doc.Ln(1)
		doc.row(i18n.T(lang, "record.field.version"), r.Version, 10)
		doc.row(i18n.T(lang, "record.field.completed"), FormatDate(lang, r.CompletedAt), 10)
		doc.row(i18n.T(lang, "record.field.valid_until"), ValidUntilText(lang, r.ValidUntil), 10)
		doc.row(i18n.T(lang, "record.field.status"), StatusText(lang, r, t.GeneratedAt), 10)
		doc.row(i18n.T(lang, "record.field.id"), r.ID, 10)
		doc.row(i18n.T(lang, "ops.record.field.short_code"), e.ShortCode+"  ("+e.CodePage+")", 10)
		doc.Ln(4)
	}

	doc.setFont("", 10)
	doc.MultiCell(textWidth, 5, t.Wording, "", "L", false)
	doc.Ln(3)
	doc.MultiCell(textWidth, 5, i18n.T(lang, "record.pdf.about"), "", "L", false)
	return doc.Output(w)
}

// StatusText says in words whether a record is valid, expired or revoked at now, with the date
// and reason of a revocation.
func StatusText(lang string, r Record, now time.Time) string {
	switch s := r.StatusAt(now); s {
	case Revoked:
		return i18n.T(lang, "record.status.revoked.detail", FormatDate(lang, r.RevokedAt), r.RevokeReason)
	default:
		return i18n.T(lang, "record.status."+string(s))
	}
}
