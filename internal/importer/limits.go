package importer

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"unicode/utf8"
)

// Limits of an HR file. A line or field beyond them is refused with its line (and column), never
// read into memory whole: a single 2 GB line must not take the server with it.
const (
	// MaxLineBytes is the longest physical line read. Six fields at their limits (see fieldLimits)
	// need about 1.6 KB plus quotes; 8 KiB leaves room for generous quoting.
	MaxLineBytes = 8 << 10
	// MaxRecordBytes is the longest record, also when a quoted field spans several lines.
	MaxRecordBytes = 8 << 10
	// MaxDisplayName is what a person's name (first and last name) can hold: the length of
	// users.display_name, the same limit as the account form.
	MaxDisplayName = 200
)

// fieldLimits are the most characters a field may have: the database column (personnel number 40,
// email 320, unit names 200 each) or what a name can reasonably hold.
var fieldLimits = map[string]int{
	"personnel_number": 40,
	"last_name":        100,
	"first_name":       100,
	"email":            320,
	"org_unit":         1000,
	"roles":            100,
}

// maxUnitName is the length of org_units.name: one name in the org unit path.
const maxUnitName = 200

// lineReader hands the CSV reader one checked physical line at a time: valid UTF-8, no line over
// MaxLineBytes and no record (a quoted field may span lines) over MaxRecordBytes. Memory stays at
// one buffer of MaxLineBytes whatever the file holds.
type lineReader struct {
	br        *bufio.Reader
	line      int  // physical lines handed out so far
	inQuotes  bool // the current record continues on the next line inside a quoted field
	recordLen int  // bytes of the current record so far
	pending   []byte
	err       error
}

var quote = []byte{'"'}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{br: bufio.NewReaderSize(r, MaxLineBytes)}
}

func (l *lineReader) Read(p []byte) (int, error) {
	for len(l.pending) == 0 {
		if l.err != nil {
			return 0, l.err
		}
		l.nextLine()
	}
	n := copy(p, l.pending)
	l.pending = l.pending[n:]
	return n, nil
}

// nextLine reads and checks one line into pending, or sets err.
func (l *lineReader) nextLine() {
	line, err := l.br.ReadSlice('\n')
	l.line++
	if errors.Is(err, bufio.ErrBufferFull) {
		l.err = &FileError{LineError{Line: l.line, Key: "import.err.line_long", Args: []any{l.line, MaxLineBytes / 1024}}}
		return
	}
	if err != nil && !errors.Is(err, io.EOF) {
		l.err = err
		return
	}
	if l.line == 1 && len(line) >= 3 && string(line[:3]) == "\xef\xbb\xbf" {
		line = line[3:]
	}
	if !utf8.Valid(line) {
		l.err = &FileError{LineError{Line: l.line, Key: "import.err.encoding", Args: []any{l.line}}}
		return
	}
	if !l.inQuotes {
		l.recordLen = 0
	}
	l.recordLen += len(line)
	if l.recordLen > MaxRecordBytes {
		l.err = &FileError{LineError{Line: l.line, Key: "import.err.line_long", Args: []any{l.line, MaxRecordBytes / 1024}}}
		return
	}
	if bytes.Count(line, quote)%2 == 1 { // a doubled quote inside a field toggles twice
		l.inQuotes = !l.inQuotes
	}
	l.pending = line
	if err != nil {
		l.err = err // io.EOF after the last line
	}
}
