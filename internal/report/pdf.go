package report

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansregular"
	"github.com/go-pdf/fpdf"
)

// PDFOptions tunes the PDF. The zero value is right for production.
type PDFOptions struct {
	Uncompressed bool // leave page streams readable (tests look for text in them)
	MaxRows      int  // rows printed per section; 0 means DefaultPDFMaxRows
}

// DefaultPDFMaxRows caps each printed table. fpdf builds the whole document in memory, so the PDF
// is meant for summaries and evidence, not for 100,000 person rows; beyond the cap a note points to
// the attachment and to CSV/XLSX/JSON.
const DefaultPDFMaxRows = 2000

// pdfFont is Liberation Sans (SIL OFL), embedded as a subset. The Go fonts lack Vietnamese letters
// ("Nguyễn"), Liberation Sans has them; internal/record made the same choice.
const pdfFont = "LiberationSans"

// hashPlaceholder is printed where the hash goes and swapped for it when the PDF is written (the
// hash is known only at the end). It holds every hex digit so the font subset contains them all.
var hashPlaceholder = strings.Repeat("0123456789abcdef", 4)

// canonicalAttachment is the name of the attached canonical form; its SHA-256 is the hash.
const canonicalAttachment = "report-canonical.jsonl"

// WritePDF writes doc as an A4 PDF: a first page with the metadata, then one table per section
// (person tables on landscape pages). Every page has a header with title, generated-at and filters,
// and a footer with the integrity hash and "Seite n von m". The canonical form is attached as
// report-canonical.jsonl, so an auditor can check the hash with sha256sum (see integrity.go).
func WritePDF(w io.Writer, doc Document, opts PDFOptions) (hash string, err error) {
	maxRows := opts.MaxRows
	if maxRows <= 0 {
		maxRows = DefaultPDFMaxRows
	}
	var canonBytes bytes.Buffer
	canon := newCanonical(&canonBytes)
	p := newPDF(doc, !opts.Uncompressed)
	p.AddPage()
	p.metaTable(doc)
	for _, s := range doc.Sections {
		canon.section(s.Key, s.Columns)
		if err := p.section(s, maxRows, canon); err != nil {
			return "", err
		}
	}
	canon.meta(doc.Meta)
	hash = canon.hex()
	p.RegisterAlias(hashPlaceholder, hash)
	p.SetKeywords("sha256:"+hash, false)
	p.SetAttachments([]fpdf.Attachment{{Content: canonBytes.Bytes(), Filename: canonicalAttachment,
		Description: "SHA-256 " + hash}})
	return hash, p.Output(w)
}

type pdfDoc struct {
	*fpdf.Fpdf
	lang string
}

func newPDF(doc Document, compress bool) *pdfDoc {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetCompression(compress)
	f.AddUTF8FontFromBytes(pdfFont, "", liberationsansregular.TTF)
	f.AddUTF8FontFromBytes(pdfFont, "B", liberationsansbold.TTF)
	f.SetMargins(15, 22, 15)
	f.SetAutoPageBreak(true, 15)
	f.SetTitle(doc.Title, true)
	f.SetCreator("ailit", true)
	f.SetLang(langOrDefault(doc.Lang))
	f.AliasNbPages("{nb}")
	p := &pdfDoc{Fpdf: f, lang: doc.Lang}
	generated, filters := "", []string{}
	for _, m := range doc.Meta {
		if m.Key == "generated_at" {
			generated = m.Label + ": " + m.Value
		}
		if strings.HasPrefix(m.Key, "filter.") {
			filters = append(filters, m.Label+": "+m.Value)
		}
	}
	f.SetHeaderFuncMode(func() {
		pageW, _ := f.GetPageSize()
		f.SetY(8)
		f.SetFont(pdfFont, "B", 9)
		f.CellFormat(pageW-30, 4.5, doc.Title, "", 1, "L", false, 0, "")
		f.SetFont(pdfFont, "", 7.5)
		f.CellFormat(pageW-30, 4, strings.Join(append([]string{generated}, filters...), " · "), "B", 1, "L", false, 0, "")
		f.SetY(22)
	}, false)
	f.SetFooterFunc(func() {
		pageW, pageH := f.GetPageSize()
		f.SetY(pageH - 12)
		f.SetFont(pdfFont, "", 7)
		f.CellFormat(pageW-60, 4, label(metaLabels, integrityKey, p.lang)+": "+hashPlaceholder, "T", 0, "L", false, 0, "")
		f.CellFormat(30, 4, pageLabel(p.lang, f.PageNo()), "T", 0, "R", false, 0, "")
	})
	return p
}

func pageLabel(lang string, n int) string {
	if lang == "en" {
		return "Page " + strconv.Itoa(n) + " of {nb}"
	}
	return "Seite " + strconv.Itoa(n) + " von {nb}"
}

// metaTable prints the title and the metadata as label: value lines.
func (p *pdfDoc) metaTable(doc Document) {
	p.SetFont(pdfFont, "B", 16)
	p.MultiCell(0, 8, doc.Title, "", "L", false)
	p.Ln(3)
	for _, m := range doc.Meta {
		p.SetFont(pdfFont, "B", 9)
		y := p.GetY()
		p.MultiCell(55, 5, m.Label, "", "L", false)
		end := p.GetY()
		p.SetXY(15+55, y)
		p.SetFont(pdfFont, "", 9)
		p.MultiCell(0, 5, m.Value, "", "L", false)
		p.SetY(max(end, p.GetY()))
	}
}

// section prints one table; columns without a PDF width are left out (they are in the attachment).
func (p *pdfDoc) section(s Section, maxRows int, canon *canonical) error {
	var cols []int
	total := 0.0
	for i, c := range s.Columns {
		if c.PDFWidth > 0 {
			cols = append(cols, i)
			total += c.PDFWidth
		}
	}
	orientation := "P"
	if s.Landscape {
		orientation = "L"
	}
	p.AddPageFormat(orientation, p.GetPageSizeStr("A4"))
	pageW, pageH := p.GetPageSize()
	scale := (pageW - 30) / total
	const rowH = 5.0
	p.SetFont(pdfFont, "B", 12)
	p.CellFormat(0, 8, s.Title(p.lang), "", 1, "L", false, 0, "")
	header := func() {
		p.SetFont(pdfFont, "B", 7.5)
		p.SetFillColor(221, 231, 240)
		for _, i := range cols {
			p.CellFormat(s.Columns[i].PDFWidth*scale, rowH+1, p.fit(s.Columns[i].Label(p.lang), s.Columns[i].PDFWidth*scale), "1", 0, "L", true, 0, "")
		}
		p.Ln(-1)
		p.SetFont(pdfFont, "", 7.5)
	}
	header()
	printed, skipped := 0, 0
	for vals, err := range s.Rows {
		if err != nil {
			return err
		}
		canon.row(vals)
		if printed >= maxRows {
			skipped++
			continue
		}
		if p.GetY()+rowH > pageH-16 {
			p.AddPageFormat(orientation, p.GetPageSizeStr("A4"))
			header()
		}
		for _, i := range cols {
			c := s.Columns[i]
			align := "L"
			if c.Kind == KindInt || c.Kind == KindPercent {
				align = "R"
			}
			text := pdfText(c.Kind, vals[i], p.lang)
			p.CellFormat(c.PDFWidth*scale, rowH, p.fit(text, c.PDFWidth*scale), "1", 0, align, false, 0, "")
		}
		p.Ln(-1)
		printed++
	}
	if skipped > 0 {
		p.Ln(2)
		p.SetFont(pdfFont, "", 8)
		p.MultiCell(0, 4.5, moreRowsNote(p.lang, skipped), "", "L", false)
	}
	return p.Error()
}

func moreRowsNote(lang string, n int) string {
	if lang == "en" {
		return fmt.Sprintf("%d more rows are not printed. They are in the attached file %s and in the CSV, XLSX and JSON exports.", n, canonicalAttachment)
	}
	return fmt.Sprintf("%d weitere Zeilen sind nicht gedruckt. Sie stehen in der angehängten Datei %s und in den Exporten CSV, XLSX und JSON.", n, canonicalAttachment)
}

// pdfText shows dates in German or English form; the rest as in CSV.
func pdfText(k Kind, v Value, lang string) string {
	if k == KindDate && v.Text != "" {
		if lang == "en" {
			return v.Time.Format("2 Jan 2006")
		}
		return v.Time.Format("02.01.2006")
	}
	if k == KindPercent && lang != "en" {
		return strings.Replace(v.Text, ".", ",", 1)
	}
	return display(k, v, lang)
}

// fit cuts text to the cell width, ending with an ellipsis.
func (p *pdfDoc) fit(text string, width float64) string {
	limit := width - 2*p.GetCellMargin()
	if p.GetStringWidth(text) <= limit {
		return text
	}
	r := []rune(text)
	for len(r) > 0 && p.GetStringWidth(string(r)+"…") > limit {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

var (
	keywordsPattern   = regexp.MustCompile(`/Keywords \(sha256:([0-9a-f]{64})\)`)
	embeddedPattern   = regexp.MustCompile(`/Type /EmbeddedFile /Length (\d+) /Filter /FlateDecode`)
	streamStartMarker = []byte("stream\n")
)

// VerifyPDF checks a PDF written by WritePDF: the SHA-256 of the attached canonical form must equal
// the hash in the document properties (the same hash is printed in every footer).
func VerifyPDF(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	stated := ""
	if m := keywordsPattern.FindSubmatch(data); m != nil {
		stated = string(m[1])
	}
	loc := embeddedPattern.FindSubmatchIndex(data)
	if loc == nil {
		return fmt.Errorf("report: the PDF has no attached canonical form")
	}
	length, _ := strconv.Atoi(string(data[loc[2]:loc[3]]))
	start := bytes.Index(data[loc[1]:], streamStartMarker)
	if start < 0 || loc[1]+start+len(streamStartMarker)+length > len(data) {
		return fmt.Errorf("report: the attachment stream is cut off")
	}
	start = loc[1] + start + len(streamStartMarker)
	zr, err := zlib.NewReader(bytes.NewReader(data[start : start+length]))
	if err != nil {
		return fmt.Errorf("%w: attachment unreadable: %v", ErrIntegrity, err)
	}
	sum := sha256.New()
	if _, err := io.Copy(sum, zr); err != nil {
		return fmt.Errorf("%w: attachment damaged: %v", ErrIntegrity, err)
	}
	return compareHash(stated, hex.EncodeToString(sum.Sum(nil)))
}
