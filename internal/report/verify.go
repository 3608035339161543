package report

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// rebuilder turns the sections of a parsed file back into the canonical form, collecting the
// metadata (hashed last) and the stated hash.
type rebuilder struct {
	canon  *canonical
	meta   []Field
	stated string
	cols   []Column
	skip   []bool // CSV: the derived TT.MM.JJJJ columns
	key    string
	vals   []Value
}

func newRebuilder() *rebuilder { return &rebuilder{canon: newCanonical(nil)} }

func (rb *rebuilder) section(key string, labels []string, byName map[string]Column) error {
	rb.key, rb.cols, rb.skip = key, nil, nil
	for _, l := range labels {
		if strings.HasSuffix(l, germanDateSuffixDE) || strings.HasSuffix(l, germanDateSuffixEN) {
			rb.skip = append(rb.skip, true)
			continue
		}
		c, ok := byName[l]
		if !ok {
			return fmt.Errorf("report: unknown column %q in section %q", l, key)
		}
		rb.cols = append(rb.cols, c)
		rb.skip = append(rb.skip, false)
	}
	if key != metaSection {
		rb.canon.section(key, rb.cols)
	}
	return nil
}

// row takes the cells as shown; shown turns one cell into canonical text.
func (rb *rebuilder) row(cells []string, shown func(Kind, string) (string, error)) error {
	rb.vals = rb.vals[:0]
	col := 0
	for i, s := range cells {
		if i < len(rb.skip) && rb.skip[i] {
			continue
		}
		if col >= len(rb.cols) {
			if s == "" {
				continue
			}
			return fmt.Errorf("report: more cells than columns in section %q", rb.key)
		}
		k := rb.cols[col].Kind
		text, err := shown(k, s)
		if err != nil {
			return fmt.Errorf("report: column %q: %w", rb.cols[col].Key, err)
		}
		v, err := parseCanonical(k, undisplay(k, text))
		if err != nil {
			return fmt.Errorf("report: column %q: %w", rb.cols[col].Key, err)
		}
		rb.vals = append(rb.vals, v)
		col++
	}
	for len(rb.vals) < len(rb.cols) {
		rb.vals = append(rb.vals, Value{})
	}
	if rb.key == metaSection {
		rb.metaField(rb.vals[0].Text, rb.vals[2].Text)
		return nil
	}
	rb.canon.row(rb.vals)
	return nil
}

func (rb *rebuilder) metaField(key, value string) {
	if key == integrityKey {
		rb.stated = value
	}
	rb.meta = append(rb.meta, Field{Key: key, Value: value})
}

func (rb *rebuilder) check() error {
	rb.canon.meta(rb.meta)
	return compareHash(rb.stated, rb.canon.hex())
}

// VerifyCSV recomputes the integrity hash of a CSV written by WriteCSV (either separator) and
// compares it with the hash stated in its last line. A changed cell gives an ErrIntegrity error.
func VerifyCSV(r io.Reader) error {
	br := bufio.NewReader(r)
	if bom, _ := br.Peek(len(utf8BOM)); string(bom) == utf8BOM {
		br.Discard(len(utf8BOM))
	}
	head, err := br.Peek(4096)
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = false
	comma := ','
	if firstLines := bytes.SplitN(head, []byte("\n"), 3); len(firstLines) > 1 && bytes.Contains(firstLines[1], []byte(";")) {
		comma = ';'
	}
	cr.Comma = comma
	rb := newRebuilder()
	expectHeader := false
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		if len(rec) == 1 && sectionByTitle[rec[0]] != "" {
			rb.key, expectHeader = sectionByTitle[rec[0]], true
			continue
		}
		if expectHeader {
			if err := rb.section(rb.key, rec, columnByLabel); err != nil {
				return err
			}
			expectHeader = false
			continue
		}
		if rb.cols == nil {
			return fmt.Errorf("report: CSV row outside a section")
		}
		if err := rb.row(rec, func(k Kind, s string) (string, error) { return csvUnshow(k, s, comma), nil }); err != nil {
			return err
		}
	}
	return rb.check()
}

func csvUnshow(k Kind, s string, comma rune) string {
	switch k {
	case KindPercent:
		if comma == ';' {
			return strings.Replace(s, ",", ".", 1)
		}
		return s
	case KindInt, KindDate:
		return s
	}
	return strings.TrimPrefix(s, "'")
}

// VerifyXLSX recomputes the integrity hash of a workbook written by WriteXLSX and compares it with
// the hash on the "Filter & Integrität" sheet. Sheets are read row by row.
func VerifyXLSX(r io.Reader) error {
	f, err := excelize.OpenReader(r, excelize.Options{RawCellValue: true})
	if err != nil {
		return err
	}
	defer f.Close()
	rb := newRebuilder()
	for _, sheet := range f.GetSheetList() {
		key := sectionByTitle[sheet]
		if key == "" {
			return fmt.Errorf("report: unknown sheet %q", sheet)
		}
		rows, err := f.Rows(sheet)
		if err != nil {
			return err
		}
		header := true
		for rows.Next() {
			cells, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				return err
			}
			if header {
				if err := rb.section(key, cells, columnByLabel); err != nil {
					return err
				}
				header = false
				continue
			}
			if err := rb.row(cells, xlsxUnshow); err != nil {
				return err
			}
		}
		if err := rows.Close(); err != nil {
			return err
		}
	}
	return rb.check()
}

func xlsxUnshow(k Kind, s string) (string, error) {
	switch k {
	case KindDate:
		if s == "" {
			return "", nil
		}
		serial, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return "", err
		}
		t, err := excelize.ExcelDateToTime(serial, false)
		if err != nil {
			return "", err
		}
		return Date(t).Text, nil
	case KindBool:
		switch s {
		case "1", "TRUE", "true":
			return "true", nil
		case "0", "FALSE", "false":
			return "false", nil
		}
	}
	return s, nil
}

// VerifyJSON recomputes the integrity hash of a file written by WriteJSON and compares it with
// its "integrity" object. Rows are decoded one at a time.
func VerifyJSON(r io.Reader) error {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	rb := newRebuilder()
	err := walkObject(dec, func(key string) error {
		switch key {
		case "meta":
			var m struct{ Fields []Field }
			if err := dec.Decode(&m); err != nil {
				return err
			}
			for _, f := range m.Fields {
				rb.metaField(f.Key, f.Value)
			}
			return nil
		case "sections":
			return walkArray(dec, func() error { return verifyJSONSection(dec, rb) })
		case "integrity":
			var in struct{ SHA256 string }
			if err := dec.Decode(&in); err != nil {
				return err
			}
			rb.stated = in.SHA256
			return nil
		}
		var skip json.RawMessage
		return dec.Decode(&skip)
	})
	if err != nil {
		return err
	}
	return rb.check()
}

func verifyJSONSection(dec *json.Decoder, rb *rebuilder) error {
	var key string
	return walkObject(dec, func(field string) error {
		switch field {
		case "key":
			return dec.Decode(&key)
		case "columns":
			var cols []struct{ Key string }
			if err := dec.Decode(&cols); err != nil {
				return err
			}
			keys := make([]string, len(cols))
			for i, c := range cols {
				keys[i] = c.Key
			}
			return rb.section(key, keys, columnByKey)
		case "rows":
			cells := make([]string, len(rb.cols))
			return walkArray(dec, func() error {
				var row map[string]any
				if err := dec.Decode(&row); err != nil {
					return err
				}
				for i, c := range rb.cols {
					switch v := row[c.Key].(type) {
					case nil:
						cells[i] = ""
					case string:
						cells[i] = v
					case json.Number:
						cells[i] = v.String()
					case bool:
						cells[i] = strconv.FormatBool(v)
					default:
						return fmt.Errorf("report: unexpected value in column %q", c.Key)
					}
				}
				return rb.row(cells, func(_ Kind, s string) (string, error) { return s, nil })
			})
		}
		var skip json.RawMessage
		return dec.Decode(&skip)
	})
}

func walkObject(dec *json.Decoder, field func(string) error) error {
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return fmt.Errorf("report: JSON object expected: %v", err)
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		if err := field(t.(string)); err != nil {
			return err
		}
	}
	_, err := dec.Token()
	return err
}

func walkArray(dec *json.Decoder, elem func() error) error {
	if t, err := dec.Token(); err != nil || t != json.Delim('[') {
		return fmt.Errorf("report: JSON array expected: %v", err)
	}
	for dec.More() {
		if err := elem(); err != nil {
			return err
		}
	}
	_, err := dec.Token()
	return err
}
