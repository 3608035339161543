// Package recordtest reads back the text of the PDFs package record writes, for tests, without
// external tools.
//
// Why this is enough: fpdf writes text in a UTF-8 font with /Encoding /Identity-H and a CID for
// each character equal to its Unicode code point (its ToUnicode map is the identity), as the
// operand of a "Tj" operator in a PDF string literal. So decompressing the content streams
// (FlateDecode), unescaping each "(…)Tj" literal and reading it as UTF-16BE gives exactly the text
// a PDF reader extracts. It is not a general PDF parser.
package recordtest

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf16"
)

var (
	streamPattern = regexp.MustCompile(`(?s)<<([^>]*)>>\s*stream\r?\n(.*?)\r?\nendstream`)
	textPattern   = regexp.MustCompile(`(?s)\(((?:\\.|[^\\)])*)\)\s*Tj`)
)

// Text returns the text of every "Tj" operator of a PDF made by package record, one per line, in
// the order they were drawn.
func Text(pdf []byte) (string, error) {
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		return "", fmt.Errorf("not a PDF: starts with %q", pdf[:min(len(pdf), 8)])
	}
	var lines []string
	for _, m := range streamPattern.FindAllSubmatch(pdf, -1) {
		dict, data := m[1], m[2]
		if bytes.Contains(dict, []byte("/FlateDecode")) {
			r, err := zlib.NewReader(bytes.NewReader(data))
			if err != nil {
				continue // a font file or image, not a content stream
			}
			data, err = io.ReadAll(r)
			if err != nil {
				continue
			}
		}
		for _, t := range textPattern.FindAllSubmatch(data, -1) {
			lines = append(lines, decodeUTF16(unescape(t[1])))
		}
	}
	return strings.Join(lines, "\n"), nil
}

// unescape undoes the escapes of a PDF string literal.
func unescape(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' || i+1 == len(b) {
			out = append(out, b[i])
			continue
		}
		i++
		switch c := b[i]; c {
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case '0', '1', '2', '3', '4', '5', '6', '7':
			v, n := 0, 0
			for n < 3 && i < len(b) && b[i] >= '0' && b[i] <= '7' {
				v = v*8 + int(b[i]-'0')
				i++
				n++
			}
			i--
			out = append(out, byte(v))
		default: // \\, \(, \) and anything else: the character itself
			out = append(out, c)
		}
	}
	return out
}

func decodeUTF16(b []byte) string {
	units := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		units = append(units, uint16(b[i])<<8|uint16(b[i+1]))
	}
	return string(utf16.Decode(units))
}
