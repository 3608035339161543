package council

import (
	"bufio"
	"bytes"
	"io"
	"strings"

	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansregular"
	"github.com/go-pdf/fpdf"
)

// The PDF is laid out from the generated Markdown, which uses only what the templates write:
// "# title", "## heading", "- item", paragraphs and **bold** spans. Liberation Sans (SIL OFL) is
// embedded as for the records, so names beyond Latin-1 print.
const (
	pdfFont   = "LiberationSans"
	pdfMargin = 20.0
	pdfWidth  = 210.0 - 2*pdfMargin
)

// PDF writes the Markdown document md as an A4 PDF.
func PDF(w io.Writer, title, author string, md []byte) error {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetMargins(pdfMargin, pdfMargin, pdfMargin)
	f.SetAutoPageBreak(true, pdfMargin)
	f.AddUTF8FontFromBytes(pdfFont, "", liberationsansregular.TTF)
	f.AddUTF8FontFromBytes(pdfFont, "B", liberationsansbold.TTF)
	f.SetTitle(title, true)
	f.SetAuthor(author, true)
	f.SetCreator("ailit", true)
	f.SetFooterFunc(func() {
		f.SetY(-12)
		f.SetFont(pdfFont, "", 8)
		f.SetTextColor(90, 90, 90)
		f.CellFormat(0, 5, title, "", 0, "L", false, 0, "")
		f.SetTextColor(0, 0, 0)
	})
	f.AddPage()
	sc := bufio.NewScanner(bytes.NewReader(md))
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), " ")
		switch {
		case line == "":
			f.Ln(2)
		case strings.HasPrefix(line, "# "):
			f.SetFont(pdfFont, "B", 17)
			f.MultiCell(pdfWidth, 8, line[2:], "", "L", false)
			f.Ln(3)
		case strings.HasPrefix(line, "## "):
			f.Ln(3)
			f.SetFont(pdfFont, "B", 12.5)
			f.MultiCell(pdfWidth, 6, line[3:], "", "L", false)
			f.Ln(1)
		case strings.HasPrefix(line, "- "):
			f.SetFont(pdfFont, "", 10.5)
			f.SetX(pdfMargin)
			f.CellFormat(5, 5.2, "•", "", 0, "L", false, 0, "")
			f.SetLeftMargin(pdfMargin + 5)
			writeSpans(f, line[2:])
			f.SetLeftMargin(pdfMargin)
			f.Ln(6)
		default:
			f.SetFont(pdfFont, "", 10.5)
			writeSpans(f, line)
			f.Ln(6)
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	return f.Output(w)
}

// writeSpans writes text with **bold** spans, wrapping at the margins.
func writeSpans(f *fpdf.Fpdf, text string) {
	bold := false
	for i, part := range strings.Split(text, "**") {
		if i > 0 {
			bold = !bold
		}
		style := ""
		if bold {
			style = "B"
		}
		f.SetFont(pdfFont, style, 10.5)
		f.Write(5.2, part)
	}
}
