package report

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"os"
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

// DefaultPDFMaxRows caps each printed table. fpdf builds the pages in memory, so the PDF is meant
// for summaries and evidence, not for 100,000 person rows; beyond the cap a note points to the
// attachment (which holds every row) and to CSV/XLSX/JSON.
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
//
// Memory stays flat however many rows there are: the printed tables stop at MaxRows, and the
// canonical form of every row goes, deflated as it is produced, into a temporary file. fpdf lays
// out the pages with an empty attachment; on the way out the empty attachment is swapped for the
// file (spliceAttachment), which gives the same bytes as handing fpdf the whole canonical form.
func WritePDF(w io.Writer, doc Document, opts PDFOptions) (hash string, err error) {
	return writePDF(w, doc, opts, true)
}

// writePDF is WritePDF; without spool the canonical form is kept in memory and handed to fpdf
// whole, as before spooling (the tests compare the two).
func writePDF(w io.Writer, doc Document, opts PDFOptions, spool bool) (hash string, err error) {
	maxRows := opts.MaxRows
	if maxRows <= 0 {
		maxRows = DefaultPDFMaxRows
	}
	var canonBytes bytes.Buffer
	var att *spooledAttachment
	var canon *canonical
	if spool {
		if att, err = newSpooledAttachment(); err != nil {
			return "", err
		}
		defer att.remove()
		canon = newCanonical(att)
	} else {
		canon = newCanonical(&canonBytes)
	}
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
	content := canonBytes.Bytes()
	if spool {
		if err := att.finish(); err != nil {
			return "", err
		}
		content = nil // the spooled file takes its place in spliceAttachment
	}
	p.SetAttachments([]fpdf.Attachment{{Content: content, Filename: canonicalAttachment,
		Description: "SHA-256 " + hash}})
	if !spool {
		return hash, p.Output(w)
	}
	var layout bytes.Buffer // the pages without the attachment: bounded by MaxRows
	if err := p.Output(&layout); err != nil {
		return "", err
	}
	return hash, spliceAttachment(w, layout.Bytes(), att)
}

// spooledAttachment deflates what is written to it into a temporary file, as fpdf deflates an
// attachment (zlib, best speed), counting its size and MD5 for the embedded file's parameters.
type spooledAttachment struct {
	file       *os.File
	buf        *bufio.Writer
	zw         *zlib.Writer
	sum        hash.Hash
	size       int64
	compressed int64
}

func newSpooledAttachment() (*spooledAttachment, error) {
	f, err := os.CreateTemp("", "ailit-report-*.pdfpart")
	if err != nil {
		return nil, fmt.Errorf("report: temporary file for the PDF attachment: %w", err)
	}
	a := &spooledAttachment{file: f, buf: bufio.NewWriterSize(f, 64<<10), sum: md5.New()}
	a.zw, _ = zlib.NewWriterLevel(a.buf, zlib.BestSpeed)
	return a, nil
}

// Write never fails (the canonical writer ignores errors); a failed write shows in finish.
func (a *spooledAttachment) Write(p []byte) (int, error) {
	a.sum.Write(p)
	a.size += int64(len(p))
	return a.zw.Write(p)
}

func (a *spooledAttachment) finish() error {
	if err := a.zw.Close(); err != nil {
		return fmt.Errorf("report: writing the PDF attachment: %w", err)
	}
	if err := a.buf.Flush(); err != nil {
		return fmt.Errorf("report: writing the PDF attachment: %w", err)
	}
	n, err := a.file.Seek(0, io.SeekCurrent)
	if err != nil {
		return err
	}
	a.compressed = n
	_, err = a.file.Seek(0, io.SeekStart)
	return err
}

func (a *spooledAttachment) remove() {
	a.file.Close()
	os.Remove(a.file.Name())
}

var (
	embeddedHeadPattern = regexp.MustCompile(`\d+ 0 obj\n<< /Type /EmbeddedFile /Length (\d+) /Filter /FlateDecode /Params << /CheckSum <[0-9a-f]{32}> /Size (\d+) >> >>\n+stream\n`)
	startxrefPattern    = regexp.MustCompile(`\nstartxref\n(\d+)\n%%EOF\n$`)
)

const streamEnd = "\nendstream\nendobj\n"

// spliceAttachment writes layout, fpdf's PDF with an empty attachment, to w with the spooled
// attachment in the empty one's place: the embedded file object gets the real length, checksum
// and size and the deflated canonical form as its stream, and every byte offset behind it in the
// cross-reference table (and startxref) moves by the difference in length.
func spliceAttachment(w io.Writer, layout []byte, a *spooledAttachment) error {
	head := embeddedHeadPattern.FindSubmatchIndex(layout)
	if head == nil {
		return fmt.Errorf("report: the PDF layout has no embedded file object")
	}
	objStart, streamStart := head[0], head[1]
	emptyLen, _ := strconv.Atoi(string(layout[head[2]:head[3]]))
	objEnd := streamStart + emptyLen + len(streamEnd)
	if objEnd > len(layout) || string(layout[streamStart+emptyLen:objEnd]) != streamEnd {
		return fmt.Errorf("report: the PDF layout's embedded file object is not as expected")
	}
	newHead := fmt.Appendf(nil, "%s /Length %d /Filter /FlateDecode /Params << /CheckSum <%s> /Size %d >> >>%s",
		layout[objStart:bytes.Index(layout[objStart:], []byte(" /Length "))+objStart], a.compressed,
		hex.EncodeToString(a.sum.Sum(nil)), a.size, layout[head[5]+len(" >> >>"):streamStart])
	delta := int64(len(newHead)) + a.compressed + int64(len(streamEnd)) - int64(objEnd-objStart)

	xref := bytes.LastIndex(layout, []byte("\nxref\n"))
	sx := startxrefPattern.FindSubmatchIndex(layout)
	if xref < objEnd || sx == nil || sx[0] < xref {
		return fmt.Errorf("report: the PDF layout has no cross-reference table where expected")
	}
	xref++ // the table starts after the line break
	var table bytes.Buffer
	for _, line := range bytes.SplitAfter(layout[xref:sx[0]+1], []byte("\n")) {
		// Entries are "nnnnnnnnnn ggggg n \n"; subsection heads and the trailer pass unchanged.
		if len(line) == 20 && line[17] == 'n' {
			off, err := strconv.ParseInt(string(line[:10]), 10, 64)
			if err == nil && off > int64(objStart) {
				line = fmt.Appendf(nil, "%010d%s", off+delta, line[10:])
			}
		}
		table.Write(line)
	}
	startxref, _ := strconv.ParseInt(string(layout[sx[2]:sx[3]]), 10, 64)
	fmt.Fprintf(&table, "startxref\n%d\n%%%%EOF\n", startxref+delta)

	for _, part := range [][]byte{layout[:objStart], newHead} {
		if _, err := w.Write(part); err != nil {
			return err
		}
	}
	if n, err := io.Copy(w, a.file); err != nil {
		return err
	} else if n != a.compressed {
		return fmt.Errorf("report: the PDF attachment is %d bytes, want %d", n, a.compressed)
	}
	for _, part := range [][]byte{[]byte(streamEnd), layout[objEnd:xref], table.Bytes()} {
		if _, err := w.Write(part); err != nil {
			return err
		}
	}
	return nil
}

type pdfDoc struct {
	*fpdf.Fpdf
	lang string
}

func newPDF(doc Document, compress bool) *pdfDoc {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetCompression(compress)
	f.SetCatalogSort(true) // fonts and resources in a fixed order: the same report, the same bytes
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
