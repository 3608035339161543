package record

import (
	"fmt"
	"io"
	"time"

	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansregular"
	"github.com/go-pdf/fpdf"
	"github.com/skip2/go-qrcode"

	"github.com/ailit/ailit/internal/i18n"
)

// The PDF embeds Liberation Sans (SIL OFL 1.1, metric-compatible with Arial) from a Go module, as a
// subset. The Go fonts were the first choice but have no Vietnamese letters and no combining marks,
// so a name like "Nguyễn" could not be printed; Liberation Sans covers Latin, Greek, Cyrillic and
// Vietnamese. The PDF is real text (searchable, copyable), but not tagged: fpdf cannot write a
// structure tree, so it is not PDF/UA. The verification page is the accessible form of the same
// facts.
const fontFamily = "LiberationSans"

// Page geometry in millimetres (A4 portrait).
const (
	pageMargin = 20.0
	textWidth  = 210.0 - 2*pageMargin
	labelWidth = 52.0
	qrSize     = 38.0
)

// Entry is one record with its verification URL, as printed: the long URL goes into the QR code
// and the links; the short code and the address of the page to type it into are printed.
type Entry struct {
	Record    Record
	URL       string
	ShortCode string // e.g. "4711-K3QZ-8M2D-X" (Signer.ShortCode)
	CodePage  string // the page with the form for the short code, e.g. "https://lernen.stadt.example/verify"
}

// WritePDF writes the record of participation as a one-page A4 PDF in lang ("de" or "en").
func WritePDF(w io.Writer, lang string, e Entry) error {
	r := e.Record
	doc := newDocument(lang, i18n.T(lang, "record.pdf.title")+": "+r.CourseTitle, r.Issuer)
	doc.AddPage()

	doc.SetTextColor(80, 80, 80)
	doc.setFont("", 11)
	doc.MultiCell(textWidth, 5, r.Issuer, "", "L", false)
	doc.SetTextColor(0, 0, 0)
	doc.Ln(8)
	doc.setFont("B", 26)
	doc.MultiCell(textWidth, 12, i18n.T(lang, "record.pdf.title"), "", "L", false)
	doc.Ln(8)

	doc.setFont("", 12)
	doc.MultiCell(textWidth, 6, i18n.T(lang, "record.pdf.intro"), "", "L", false)
	doc.Ln(2)
	doc.setFont("B", 20)
	doc.MultiCell(textWidth, 9, r.PersonName, "", "L", false)
	doc.Ln(2)
	doc.setFont("", 12)
	doc.MultiCell(textWidth, 6, i18n.T(lang, "record.pdf.completed"), "", "L", false)
	doc.Ln(2)
	doc.setFont("B", 16)
	doc.MultiCell(textWidth, 8, r.CourseTitle, "", "L", false)
	doc.Ln(6)

	doc.details(lang, r)
	doc.Ln(6)
	doc.setFont("", 10)
	doc.MultiCell(textWidth, 5, r.Wording, "", "L", false)
	doc.Ln(3)
	doc.MultiCell(textWidth, 5, i18n.T(lang, "record.pdf.about"), "", "L", false)
	doc.Ln(8)

	doc.verificationBlock(lang, e)
	return doc.Output(w)
}

// document adds a few helpers to fpdf.
type document struct {
	*fpdf.Fpdf
}

func newDocument(lang, title, author string) *document {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetMargins(pageMargin, pageMargin, pageMargin)
	f.SetAutoPageBreak(true, pageMargin)
	f.AddUTF8FontFromBytes(fontFamily, "", liberationsansregular.TTF)
	f.AddUTF8FontFromBytes(fontFamily, "B", liberationsansbold.TTF)
	f.SetTitle(title, true)
	f.SetAuthor(author, true)
	f.SetSubject(i18n.T(lang, "record.pdf.subject"), true)
	f.SetCreator("ailit", true)
	f.SetLang(i18n.T(lang, "record.pdf.langtag"))
	return &document{f}
}

func (d *document) setFont(style string, size float64) { d.SetFont(fontFamily, style, size) }

// row prints a label and a value side by side; long values wrap within their column.
func (d *document) row(label, value string, valueSize float64) {
	y := d.GetY()
	d.setFont("B", 10)
	d.MultiCell(labelWidth, 5.5, label, "", "L", false)
	labelEnd := d.GetY()
	d.SetXY(pageMargin+labelWidth, y)
	d.setFont("", valueSize)
	d.MultiCell(textWidth-labelWidth, 5.5, value, "", "L", false)
	d.SetY(max(labelEnd, d.GetY()) + 1)
}

func (d *document) details(lang string, r Record) {
	d.row(i18n.T(lang, "record.field.version"), r.Version, 10)
	d.row(i18n.T(lang, "record.field.course_id"), r.CourseID, 10)
	d.row(i18n.T(lang, "record.field.completed"), FormatDate(lang, r.CompletedAt), 10)
	d.row(i18n.T(lang, "record.field.valid_until"), ValidUntilText(lang, r.ValidUntil), 10)
	d.row(i18n.T(lang, "record.field.issuer"), r.Issuer, 10)
	d.row(i18n.T(lang, "record.field.id"), r.ID, 10)
	d.row(i18n.T(lang, "record.field.hash"), r.ContentHash, 8)
}

// verificationBlock draws the QR code of the verification URL with an explanation beside it, the
// address of the verification page and the short code to type in there (the long URL wraps and
// cannot be typed). The QR code and the address link to the long URL. It starts a new page if it
// would not fit.
func (d *document) verificationBlock(lang string, e Entry) {
	_, pageHeight := d.GetPageSize()
	if d.GetY()+qrSize > pageHeight-pageMargin {
		d.AddPage()
	}
	top, width := d.GetY(), textWidth-qrSize-6
	d.qrCode(e.URL, pageMargin, top, qrSize)
	d.LinkString(pageMargin, top, qrSize, qrSize, e.URL)
	textX := pageMargin + qrSize + 6
	d.SetXY(textX, top)
	d.setFont("B", 11)
	d.MultiCell(width, 6, i18n.T(lang, "record.pdf.verify.title"), "", "L", false)
	d.SetX(textX)
	d.setFont("", 10)
	d.MultiCell(width, 5, i18n.T(lang, "ops.record.pdf.verify.text"), "", "L", false)
	d.Ln(1)
	d.SetX(textX)
	pageTop := d.GetY()
	d.SetTextColor(0, 70, 140)
	d.MultiCell(width, 5, e.CodePage, "", "L", false)
	d.SetTextColor(0, 0, 0)
	d.LinkString(textX, pageTop, width, d.GetY()-pageTop, e.URL)
	d.SetX(textX)
	d.setFont("", 10)
	d.MultiCell(width, 6, i18n.T(lang, "ops.record.field.short_code"), "", "L", false)
	d.SetX(textX)
	d.setFont("B", 14)
	d.MultiCell(width, 7, e.ShortCode, "", "L", false)
	d.SetY(max(d.GetY(), top+qrSize))
}

// qrCode draws the code as vector rectangles (one per run of dark modules in a row), so it stays
// sharp at any zoom and on any printer. The bitmap includes the quiet zone.
func (d *document) qrCode(text string, x, y, size float64) {
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		d.SetError(fmt.Errorf("QR code: %w", err))
		return
	}
	bits := q.Bitmap()
	module := size / float64(len(bits))
	d.SetFillColor(0, 0, 0)
	for row, line := range bits {
		for col := 0; col < len(line); {
			if !line[col] {
				col++
				continue
			}
			start := col
			for col < len(line) && line[col] {
				col++
			}
			d.Rect(x+float64(start)*module, y+float64(row)*module, float64(col-start)*module, module, "F")
		}
	}
}

// FormatDate is i18n.FormatDate, kept for the PDF code's readability.
func FormatDate(lang string, t time.Time) string { return i18n.FormatDate(lang, t) }

// ValidUntilText is the valid-until date, or the words for "does not expire".
func ValidUntilText(lang string, t time.Time) string {
	if t.IsZero() {
		return i18n.T(lang, "record.valid_until.never")
	}
	return FormatDate(lang, t)
}
