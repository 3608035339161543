package report

import (
	"archive/zip"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// WriteXLSX streams doc as an Excel workbook with one sheet per section and a last sheet
// "Filter & Integrität" with the metadata and the integrity hash. Cells are typed: dates are dates
// (shown TT.MM.JJJJ), counts and percentages numbers, yes/no booleans, ids text cells, so leading
// zeros survive. Each sheet has a frozen header row, an autofilter (an Excel table) and column
// widths. Rows go through excelize's StreamWriter, which spills to a temporary file, so memory stays
// flat however many rows there are.
func WriteXLSX(w io.Writer, doc Document) (hash string, err error) {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newXLSXStyles(f)
	if err != nil {
		return "", err
	}
	canon := newCanonical(nil)
	for i, s := range doc.Sections {
		canon.section(s.Key, s.Columns)
		err := writeSheet(f, i == 0, s.Title(doc.Lang), "T_"+s.Key, s.Columns, doc.Lang, st, func(emit func([]Value) error) error {
			for vals, err := range s.Rows {
				if err != nil {
					return err
				}
				canon.row(vals)
				if err := emit(vals); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return "", err
		}
	}
	canon.meta(doc.Meta)
	hash = canon.hex()
	meta := append(append([]Field{}, doc.Meta...), integrityFields(hash, doc.Lang)...)
	err = writeSheet(f, len(doc.Sections) == 0, label(sectionTitles, metaSection, doc.Lang), "T_meta", metaColumns, doc.Lang, st, func(emit func([]Value) error) error {
		for _, m := range meta {
			if err := emit([]Value{Text(m.Key), Text(m.Label), Text(m.Value)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	err = f.SetDocProps(&excelize.DocProperties{Title: doc.Title, Creator: "ailit",
		Keywords: "sha256:" + hash, Language: langOrDefault(doc.Lang)})
	if err != nil {
		return "", err
	}
	// excelize's Write builds the whole zip in a bytes.Buffer first (tens of MB for 100,000
	// people). A zip writer on w streams the compressed workbook out instead; the buffer it is
	// handed stays empty. (That buffer is also where excelize would mark local headers of
	// entries over 4 GiB as zip64; Go's zip writer already writes the zip64 records.)
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(w) })
	return hash, f.Write(io.Discard)
}

// XLSXMaxRows is the most data rows a sheet of a workbook takes: Excel's 1,048,576 rows less the
// header row. A variable, so that tests can lower it.
var XLSXMaxRows = excelize.TotalRows - 1

// TooManyRowsError says that a table has more rows than a format can hold. Callers check it
// before the work starts (reporting.CheckExport); WriteXLSX checks it again as rows come.
type TooManyRowsError struct {
	Format string // "xlsx"
	Rows   int64  // rows the table has (counted before writing) or has reached (while writing)
	Max    int64
}

func (e *TooManyRowsError) Error() string {
	return fmt.Sprintf("report: the table has %s rows, more than the %s rows an %s sheet (Excel) can hold: export CSV or JSON, or narrow the filter (unit, course, status, period)",
		groupDigits(e.Rows, ','), groupDigits(e.Max, ','), strings.ToUpper(e.Format))
}

// groupDigits writes n with a separator between groups of three digits (1,048,575 or 1.048.575).
func groupDigits(n int64, sep byte) string {
	s := strconv.FormatInt(n, 10)
	var b []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 && s[i-1] != '-' {
			b = append(b, sep)
		}
		b = append(b, s[i])
	}
	return string(b)
}

// CountText writes a count as text in lang does: 1.048.575 in German, 1,048,575 in English.
func CountText(n int64, lang string) string {
	if lang == "en" {
		return groupDigits(n, ',')
	}
	return groupDigits(n, '.')
}

type xlsxStyles struct{ header, text, date, integer, percent int }

func newXLSXStyles(f *excelize.File) (xlsxStyles, error) {
	var st xlsxStyles
	var err error
	styles := []struct {
		dst   *int
		style excelize.Style
	}{
		{&st.header, excelize.Style{Font: &excelize.Font{Bold: true}, NumFmt: 49,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE7F0"}}}},
		{&st.text, excelize.Style{NumFmt: 49}}, // "@": Excel keeps the cell text when edited
		{&st.date, excelize.Style{CustomNumFmt: ptr("dd.mm.yyyy")}},
		{&st.integer, excelize.Style{NumFmt: 1}},
		{&st.percent, excelize.Style{CustomNumFmt: ptr("0.0")}},
	}
	for _, s := range styles {
		if *s.dst, err = f.NewStyle(&s.style); err != nil {
			return st, err
		}
	}
	return st, nil
}

func ptr[T any](v T) *T { return &v }

// writeSheet writes one sheet: widths, frozen header, the rows from fill, then an autofilter table.
func writeSheet(f *excelize.File, first bool, name, table string, cols []Column, lang string, st xlsxStyles, fill func(emit func([]Value) error) error) error {
	name = sheetName(name)
	if first {
		if err := f.SetSheetName(f.GetSheetName(0), name); err != nil {
			return err
		}
	} else if _, err := f.NewSheet(name); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, c.Width); err != nil {
			return err
		}
	}
	err = sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}})
	if err != nil {
		return err
	}
	header := make([]any, len(cols))
	for i, c := range cols {
		header[i] = excelize.Cell{StyleID: st.header, Value: c.Label(lang)}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	row := 1
	cells := make([]any, len(cols))
	err = fill(func(vals []Value) error {
		row++
		if row-1 > XLSXMaxRows {
			return fmt.Errorf("report: sheet %q: %w", name, &TooManyRowsError{Format: "xlsx", Rows: int64(row - 1), Max: int64(XLSXMaxRows)})
		}
		for i, c := range cols {
			cells[i] = xlsxCell(c.Kind, vals[i], lang, st)
		}
		cell, _ := excelize.CoordinatesToCellName(1, row)
		return sw.SetRow(cell, cells)
	})
	if err != nil {
		return err
	}
	last, _ := excelize.CoordinatesToCellName(len(cols), max(row, 2))
	err = sw.AddTable(&excelize.Table{Range: "A1:" + last, Name: table, StyleName: "TableStyleLight9", ShowRowStripes: ptr(true)})
	if err != nil {
		return fmt.Errorf("report: autofilter on %s: %w", name, err)
	}
	return sw.Flush()
}

func xlsxCell(k Kind, v Value, lang string, st xlsxStyles) any {
	if v.Text == "" {
		return nil
	}
	switch k {
	case KindDate:
		return excelize.Cell{StyleID: st.date, Value: v.Time}
	case KindInt:
		return excelize.Cell{StyleID: st.integer, Value: int(v.Num)}
	case KindPercent:
		return excelize.Cell{StyleID: st.percent, Value: v.Num}
	case KindBool:
		return v.Text == "true"
	}
	return excelize.Cell{StyleID: st.text, Value: display(k, v, lang)}
}

// sheetName makes a title a valid sheet name: at most 31 characters, none of : \ / ? * [ ].
func sheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '-'
		}
		return r
	}, s)
	if r := []rune(s); len(r) > 31 {
		s = string(r[:31])
	}
	return s
}
