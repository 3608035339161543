package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// rebuilder turns the sections of a parsed file back into the canonical form, collecting the
// metadata (hashed last) and the stated hash.
type rebuilder struct {
	canon  *canonical
	meta   []Field
	stated string
	cols   []Column
	key    string
	vals   []Value
}

func newRebuilder() *rebuilder { return &rebuilder{canon: newCanonical(nil)} }

func (rb *rebuilder) section(key string, labels []string, byName map[string]Column) error {
	rb.key, rb.cols = key, nil
	for _, l := range labels {
		c, ok := byName[l]
		if !ok {
			return fmt.Errorf("report: unknown column %q in section %q", l, key)
		}
		rb.cols = append(rb.cols, c)
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
	for _, s := range cells {
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
