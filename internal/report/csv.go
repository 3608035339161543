package report

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"strings"
	"sync/atomic"
)

// CSVOptions tunes the CSV for its reader. The zero value is right for German Excel.
type CSVOptions struct {
	Comma   rune   // ';' (default, what German Excel expects) or ','
	Section string // key of the section to write; "" writes the document's first (main) section
}

// CSVFile is what WriteCSV wrote: what the integrity sidecar states about the file.
type CSVFile struct {
	SHA256  string // SHA-256 of the file's bytes, BOM included, 64 lowercase hex digits
	Bytes   int64
	Records int64 // data lines, the header not counted
	Section string
	Comma   rune
}

// utf8BOM makes Excel read the file as UTF-8; without it, umlauts break.
const utf8BOM = "\uFEFF"

// WriteCSV streams one section of doc as a plain table (RFC 4180): UTF-8 with BOM, CRLF line ends,
// the header in line 1, then one line per record and nothing else, so Excel's sort and filter, a
// pivot table, Power BI or any CSV reader take the file as it is. The metadata (report, time,
// privacy level, filters) and the hash of the file go into the sidecar (see Sidecar), built from
// the returned CSVFile.
//
// Dates are ISO 8601 (2026-05-04, which German Excel reads as a date), statuses words in the
// document's language, percentages with a decimal comma when the separator is ';'.
//
// Formula injection (OWASP): a cell starting with = + - @ tab or CR gets a leading apostrophe, so a
// spreadsheet shows it as text. Every other value is written as it is: personnel numbers and
// versions keep their exact text (a spreadsheet may still turn 000123 into 123 on opening; for
// typed cells use XLSX).
func WriteCSV(w io.Writer, doc Document, opts CSVOptions) (CSVFile, error) {
	comma := byte(';')
	if opts.Comma == ',' {
		comma = ','
	}
	s, err := csvSection(doc, opts.Section)
	if err != nil {
		return CSVFile{}, err
	}
	sum := &hashingWriter{w: w, h: sha256.New()}
	cw := &csvWriter{w: bufio.NewWriterSize(sum, 64<<10), comma: comma}
	cw.w.WriteString(utf8BOM)
	var cells []string
	for _, c := range s.Columns {
		cells = append(cells, c.Label(doc.Lang))
	}
	cw.record(cells...)
	lines := startLines(cw, len(s.Columns))
	var n int64
	for vals, err := range s.Rows {
		if err != nil {
			lines.stop()
			return CSVFile{}, err
		}
		lines.batch = cw.cells(lines.batch, s.Columns, vals, doc.Lang)
		if !lines.handOver() {
			break // the file cannot be written: stop reading rows
		}
		n++
	}
	if err := lines.stop(); err != nil {
		return CSVFile{}, err
	}
	return CSVFile{SHA256: hex.EncodeToString(sum.h.Sum(nil)), Bytes: sum.n, Records: n, Section: s.Key, Comma: rune(comma)}, nil
}

// csvLinesBatch is the number of lines handed to the line writer at once.
const csvLinesBatch = 256

// csvLines writes the lines of WriteCSV on their own goroutine: quoting, the integrity hash and
// the file take about a third of a large export's time, which then runs on a second core beside
// the making of the rows' values. Lines are handed over as their cells, in batches.
type csvLines struct {
	cw     *csvWriter
	width  int      // cells per line
	batch  []string // the cells of the lines not yet handed over
	full   chan []string
	free   chan []string
	done   chan error
	failed atomic.Bool
}

func startLines(cw *csvWriter, width int) *csvLines {
	l := &csvLines{cw: cw, width: width, full: make(chan []string, 4), free: make(chan []string, 6),
		done: make(chan error, 1)}
	l.batch = make([]string, 0, csvLinesBatch*width)
	go l.write()
	return l
}

// handOver hands the batch over once it is full; the caller appends each line's cells to batch.
// It returns false when writing failed; stop returns the error.
func (l *csvLines) handOver() bool {
	if len(l.batch) < csvLinesBatch*l.width {
		return !l.failed.Load()
	}
	l.full <- l.batch
	select {
	case l.batch = <-l.free:
	default:
		l.batch = make([]string, 0, csvLinesBatch*l.width)
	}
	return !l.failed.Load()
}

// stop hands over the last lines, waits until every line is written and flushed, and returns the
// first error of writing.
func (l *csvLines) stop() error {
	if len(l.batch) > 0 {
		l.full <- l.batch
	}
	close(l.full)
	return <-l.done
}

func (l *csvLines) write() {
	cw := l.cw
	for batch := range l.full {
		for i := 0; i < len(batch) && cw.err == nil; i += l.width {
			cw.record(batch[i : i+l.width]...)
		}
		if cw.err != nil {
			l.failed.Store(true)
		}
		select {
		case l.free <- batch[:0]:
		default:
		}
	}
	if cw.err == nil {
		cw.err = cw.w.Flush()
	}
	l.done <- cw.err
}

// csvSection picks the section a CSV file carries: one table per file.
func csvSection(doc Document, key string) (Section, error) {
	if len(doc.Sections) == 0 {
		return Section{}, fmt.Errorf("report: the document has no table to write")
	}
	if key == "" {
		return doc.Sections[0], nil
	}
	var keys []string
	for _, s := range doc.Sections {
		if s.Key == key {
			return s, nil
		}
		keys = append(keys, s.Key)
	}
	return Section{}, fmt.Errorf("report: no table %q in this report (tables: %s)", key, strings.Join(keys, ", "))
}

// hashingWriter hashes and counts what passes through it to w.
type hashingWriter struct {
	w io.Writer
	h hash.Hash
	n int64
}

func (hw *hashingWriter) Write(p []byte) (int, error) {
	n, err := hw.w.Write(p)
	hw.h.Write(p[:n])
	hw.n += int64(n)
	return n, err
}

type csvWriter struct {
	w     *bufio.Writer
	comma byte
	line  []byte // the record being written: a line goes to w in one call, not in one per cell
	err   error
}

func (cw *csvWriter) cells(dst []string, cols []Column, vals []Value, lang string) []string {
	for i, c := range cols {
		v := vals[i]
		switch c.Kind {
		case KindPercent:
			if cw.comma == ';' {
				dst = append(dst, strings.Replace(v.Text, ".", ",", 1))
			} else {
				dst = append(dst, v.Text)
			}
		case KindInt, KindDate:
			dst = append(dst, v.Text)
		default:
			dst = append(dst, csvText(display(c.Kind, v, lang)))
		}
	}
	return dst
}

// csvText neutralises a cell a spreadsheet would run as a formula (OWASP CSV injection): a leading
// = + - @ tab or CR gets an apostrophe in front. Everything else is written as it is.
func csvText(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// record writes one CSV line, quoting fields per RFC 4180.
func (cw *csvWriter) record(fields ...string) {
	if cw.err != nil {
		return
	}
	line := cw.line[:0]
	for i, f := range fields {
		if i > 0 {
			line = append(line, cw.comma)
		}
		if !cw.needsQuotes(f) {
			line = append(line, f...)
			continue
		}
		line = append(line, '"')
		for j := 0; j < len(f); j++ {
			if f[j] == '"' {
				line = append(line, '"')
			}
			line = append(line, f[j])
		}
		line = append(line, '"')
	}
	line = append(line, '\r', '\n')
	cw.line = line
	_, cw.err = cw.w.Write(line)
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
