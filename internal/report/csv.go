package report

import (
	"bufio"
	"io"
	"strings"
)

// CSVOptions tunes the CSV for its reader. The zero value is right for German Excel.
type CSVOptions struct {
	Comma rune // ';' (default, what German Excel expects) or ','
}

// utf8BOM makes Excel read the file as UTF-8; without it, umlauts break.
const utf8BOM = "\uFEFF"

// German and English suffixes of the extra TT.MM.JJJJ column written after every date column.
const (
	germanDateSuffixDE = " (TT.MM.JJJJ)"
	germanDateSuffixEN = " (DD.MM.YYYY)"
)

// WriteCSV streams doc as CSV for Excel: UTF-8 with BOM, CRLF line ends, quoting per RFC 4180.
// Each section is a title line, a header line and the rows, then an empty line; the last section
// ("Filter & Integrität") holds the metadata and, on its last line, the integrity hash.
//
// Dates are ISO 8601 (2026-05-04), followed by a column in German form (04.05.2026). Percentages use
// a decimal comma when the separator is ';'.
//
// Excel safety, one rule: a text cell that Excel would interpret gets a leading apostrophe. That is
// every cell starting with = + - @ tab CR (formula injection, OWASP) and, in id columns, every value
// Excel would turn into a number or date (000123 → 123, 1.10 → 1. Okt). Excel shows the apostrophe
// in CSV files; it is the price of the rule. We do not use the ="000123" trick: it is itself a
// formula, so the file could no longer promise "no cell starts with =", and every other program
// reads it as the literal text ="000123". A cell that itself starts with an apostrophe gets a second
// one, so readers (and VerifyCSV) strip exactly one leading apostrophe. For clean ids use XLSX.
func WriteCSV(w io.Writer, doc Document, opts CSVOptions) (hash string, err error) {
	comma := byte(';')
	if opts.Comma == ',' {
		comma = ','
	}
	cw := &csvWriter{w: bufio.NewWriterSize(w, 64<<10), comma: comma}
	cw.w.WriteString(utf8BOM)
	canon := newCanonical(nil)
	var cells []string
	for _, s := range doc.Sections {
		canon.section(s.Key, s.Columns)
		cw.record(s.Title(doc.Lang))
		cw.record(csvHeader(cells[:0], s.Columns, doc.Lang)...)
		for vals, err := range s.Rows {
			if err != nil {
				return "", err
			}
			canon.row(vals)
			cells = cw.cells(cells[:0], s.Columns, vals, doc.Lang)
			cw.record(cells...)
		}
		cw.record()
		if cw.err != nil {
			return "", cw.err
		}
	}
	canon.meta(doc.Meta)
	hash = canon.hex()
	cw.record(label(sectionTitles, metaSection, doc.Lang))
	cw.record(csvHeader(cells[:0], metaColumns, doc.Lang)...)
	for _, f := range append(append([]Field{}, doc.Meta...), integrityFields(hash, doc.Lang)...) {
		cw.record(csvText(KindID, f.Key), csvText(KindText, f.Label), csvText(KindText, f.Value))
	}
	if cw.err != nil {
		return "", cw.err
	}
	return hash, cw.w.Flush()
}

func csvHeader(dst []string, cols []Column, lang string) []string {
	suffix := germanDateSuffixDE
	if lang == "en" {
		suffix = germanDateSuffixEN
	}
	for _, c := range cols {
		dst = append(dst, c.Label(lang))
		if c.Kind == KindDate {
			dst = append(dst, c.Label(lang)+suffix)
		}
	}
	return dst
}

type csvWriter struct {
	w     *bufio.Writer
	comma byte
	err   error
}

func (cw *csvWriter) cells(dst []string, cols []Column, vals []Value, lang string) []string {
	for i, c := range cols {
		v := vals[i]
		switch c.Kind {
		case KindDate:
			dst = append(dst, v.Text, germanDate(v))
		case KindPercent:
			if cw.comma == ';' {
				dst = append(dst, strings.Replace(v.Text, ".", ",", 1))
			} else {
				dst = append(dst, v.Text)
			}
		case KindInt:
			dst = append(dst, v.Text)
		default:
			dst = append(dst, csvText(c.Kind, display(c.Kind, v, lang)))
		}
	}
	return dst
}

func germanDate(v Value) string {
	if v.Text == "" {
		return ""
	}
	if t := v.Text; len(t) == len("2006-01-02") { // rearranged rather than formatted: one cell in four is a date
		return t[8:10] + "." + t[5:7] + "." + t[0:4]
	}
	return v.Time.Format("02.01.2006")
}

// csvText applies the apostrophe rule described at WriteCSV.
func csvText(k Kind, s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r', '\'':
		return "'" + s
	}
	if k == KindID && excelWouldConvert(s) {
		return "'" + s
	}
	return s
}

// excelWouldConvert reports whether Excel would read s as a number or date: it starts with a digit
// and has only digits, separators and exponent letters (000123, 1.10, 2026-05, 12E3).
func excelWouldConvert(s string) bool {
	if s[0] < '0' || s[0] > '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && !strings.ContainsRune(".,-/: eE", rune(c)) {
			return false
		}
	}
	return true
}

// record writes one CSV line, quoting fields per RFC 4180.
func (cw *csvWriter) record(fields ...string) {
	if cw.err != nil {
		return
	}
	for i, f := range fields {
		if i > 0 {
			cw.w.WriteByte(cw.comma)
		}
		if !cw.needsQuotes(f) {
			cw.w.WriteString(f)
			continue
		}
		cw.w.WriteByte('"')
		cw.w.WriteString(strings.ReplaceAll(f, `"`, `""`))
		cw.w.WriteByte('"')
	}
	_, cw.err = cw.w.WriteString("\r\n")
}

// needsQuotes reports whether f holds a quote, a line break or the separator (one pass, as most
// cells need none).
func (cw *csvWriter) needsQuotes(f string) bool {
	for i := 0; i < len(f); i++ {
		switch f[i] {
		case '"', '\r', '\n', cw.comma:
			return true
		}
	}
	return false
}
