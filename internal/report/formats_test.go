package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

func writeFile(t *testing.T, name string, write func(*bytes.Buffer) (string, error)) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	hash, err := write(&buf)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return hash, buf.Bytes()
}

func resultsDoc() Document {
	return PersonReport(testOptions(LevelResults), RowsFromSlice(sampleRows()))
}

func TestXLSXHasTypedCellsFrozenHeaderAutofilterAndSheets(t *testing.T) {
	_, data := writeFile(t, "r.xlsx", func(b *bytes.Buffer) (string, error) { return WriteXLSX(b, resultsDoc()) })
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), "|"); got != "Personen|Übersicht|Filter & Integrität" {
		t.Errorf("sheets = %s", got)
	}
	cellTypes := []struct {
		cell string
		typ  excelize.CellType
		val  string
	}{
		{"B2", excelize.CellTypeInlineString, "000123"}, // personnel number stays text
		{"C3", excelize.CellTypeInlineString, "Nguyễn Thị Lan"},
		{"C4", excelize.CellTypeInlineString, `=HYPERLINK("http://evil")`}, // a string, never a formula
		{"N2", excelize.CellTypeUnset, "14.02.2026"},                       // a date serial shown as TT.MM.JJJJ
		{"R2", excelize.CellTypeBool, "TRUE"},
		{"S2", excelize.CellTypeUnset, "87.5"},
	}
	for _, c := range cellTypes {
		typ, _ := f.GetCellType("Personen", c.cell)
		val, _ := f.GetCellValue("Personen", c.cell)
		if typ != c.typ || val != c.val {
			t.Errorf("Personen!%s = %q (type %v), want %q (type %v)", c.cell, val, typ, c.val, c.typ)
		}
	}
	if formula, _ := f.GetCellFormula("Personen", "C4"); formula != "" {
		t.Errorf("C4 has a formula %q", formula)
	}
	raw, _ := f.GetCellValue("Personen", "N2", excelize.Options{RawCellValue: true})
	if raw != "46067" { // 2026-02-14 as an Excel serial
		t.Errorf("date cell raw value = %q, want the serial 46067", raw)
	}
	panes, err := f.GetPanes("Personen")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("header row not frozen: %+v %v", panes, err)
	}
	tables, err := f.GetTables("Personen")
	if err != nil || len(tables) != 1 || tables[0].Range != "A1:S4" {
		t.Errorf("autofilter table = %+v, %v; want one over A1:S4", tables, err)
	}
	if w, _ := f.GetColWidth("Personen", "C"); w != colName.Width {
		t.Errorf("name column width = %v", w)
	}
}

func TestJSONDecodesWithMetaSectionsAndTypedRows(t *testing.T) {
	hash, data := writeFile(t, "r.json", func(b *bytes.Buffer) (string, error) { return WriteJSON(b, resultsDoc()) })
	var got struct {
		Meta struct {
			Title  string
			Fields []Field
		}
		Sections []struct {
			Key  string
			Rows []map[string]any
		}
		Integrity struct{ SHA256 string }
	}
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if got.Meta.Title != "Bericht KI-Kompetenz" || got.Integrity.SHA256 != hash || len(got.Sections) != 2 {
		t.Fatalf("unexpected document: %+v", got)
	}
	first := got.Sections[0].Rows[0]
	want := map[string]any{"personnel_number": "000123", "name": "Jürgen Müller", "status": "completed",
		"due_at": "2026-03-31", "passed": true, "score_percent": 87.5, "exemption_reason": nil}
	for k, v := range want {
		if first[k] != v {
			t.Errorf("%s = %#v, want %#v", k, first[k], v)
		}
	}
	if got.Sections[0].Rows[1]["name"] != "Nguyễn Thị Lan" {
		t.Error("Vietnamese name changed")
	}
}

// pdfHasText looks for text in an uncompressed fpdf page stream, where UTF-8 fonts write strings
// as escaped UTF-16BE.
func pdfHasText(pdf []byte, text string) bool {
	var b strings.Builder
	for _, u := range utf16.Encode([]rune(text)) {
		b.WriteByte(byte(u >> 8))
		b.WriteByte(byte(u))
	}
	esc := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`, "\r", `\r`).Replace(b.String())
	return bytes.Contains(pdf, []byte("("+esc+")"))
}

func TestPDFShowsUmlautsTablesHeaderFooterAndHash(t *testing.T) {
	hash, data := writeFile(t, "r.pdf", func(b *bytes.Buffer) (string, error) {
		return WritePDF(b, resultsDoc(), PDFOptions{Uncompressed: true})
	})
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	for _, want := range []string{"Bericht KI-Kompetenz", "Jürgen Müller", "Nguyễn Thị Lan", "Ordnungsamt / Team Süd",
		"Übersicht", "Personen", "überfällig", "31.03.2026", "87,5", "Seite 1 von 3", "Seite 3 von 3",
		"Integritätshash (SHA-256): " + hash, "Erstellt am: 2026-05-04T09:30:00Z · Organisationseinheit: Ordnungsamt"} {
		if !pdfHasText(data, want) {
			t.Errorf("PDF lacks the text %q", want)
		}
	}
	if !bytes.Contains(data, []byte("/MediaBox [0 0 841.89 595.28]")) {
		t.Error("the person table is not on a landscape page")
	}
}

func TestPDFCapsLongTablesWithANote(t *testing.T) {
	_, data := writeFile(t, "r.pdf", func(b *bytes.Buffer) (string, error) {
		return WritePDF(b, resultsDoc(), PDFOptions{Uncompressed: true, MaxRows: 1})
	})
	if !pdfHasText(data, "2 weitere Zeilen sind nicht gedruckt. Sie stehen in der angehängten Datei report-canonical.jsonl und in den Exporten CSV, XLSX und JSON.") {
		t.Error("no note about the rows left out")
	}
	if err := VerifyPDF(bytes.NewReader(data)); err != nil {
		t.Errorf("capped PDF does not verify: %v", err)
	}
}

type format struct {
	name   string
	write  func(*bytes.Buffer, Document) (string, error)
	verify func(*bytes.Reader) error
}

var formats = []format{
	{"xlsx", func(b *bytes.Buffer, d Document) (string, error) { return WriteXLSX(b, d) }, func(r *bytes.Reader) error { return VerifyXLSX(r) }},
	{"json", func(b *bytes.Buffer, d Document) (string, error) { return WriteJSON(b, d) }, func(r *bytes.Reader) error { return VerifyJSON(r) }},
	{"pdf", func(b *bytes.Buffer, d Document) (string, error) { return WritePDF(b, d, PDFOptions{}) }, func(r *bytes.Reader) error { return VerifyPDF(r) }},
}

func TestEveryFormatCarriesTheSameVerifiableHash(t *testing.T) {
	docs := map[string]func() Document{
		"results": resultsDoc,
		"english": func() Document {
			o := testOptions(LevelStatus)
			o.Lang = "en"
			return PersonReport(o, RowsFromSlice(sampleRows()))
		},
		"evidence": func() Document { return EvidenceReport(sampleEvidence(), RowsFromSlice(sampleRows())) },
	}
	for name, doc := range docs {
		hashes := map[string]bool{}
		for _, f := range formats {
			t.Run(name+"/"+f.name, func(t *testing.T) {
				var buf bytes.Buffer
				hash, err := f.write(&buf, doc())
				if err != nil {
					t.Fatal(err)
				}
				hashes[hash] = true
				if err := f.verify(bytes.NewReader(buf.Bytes())); err != nil {
					t.Errorf("untouched file does not verify: %v", err)
				}
			})
		}
		if len(hashes) != 1 {
			t.Errorf("%s: formats disagree on the hash: %v", name, hashes)
		}
	}
}

func TestChangedContentChangesTheHash(t *testing.T) {
	var buf bytes.Buffer
	before, _ := WriteJSON(&buf, PersonReport(testOptions(LevelStatus), RowsFromSlice(sampleRows())))
	rows := sampleRows()
	rows[0].Name = "Jürgen Müllar"
	after, _ := WriteJSON(&buf, PersonReport(testOptions(LevelStatus), RowsFromSlice(rows)))
	if before == after {
		t.Error("changed content, same hash")
	}
}

func TestOneChangedByteIsDetected(t *testing.T) {
	tamper := map[string]func(t *testing.T, data []byte) []byte{
		"json": replaceOnce(`"status":"completed"`, `"status":"completes"`),
		"pdf":  flipKeywordHashDigit,
		"xlsx": func(t *testing.T, data []byte) []byte {
			f, err := excelize.OpenReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if err := f.SetCellValue("Personen", "B2", "000124"); err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			if err := f.Write(&out); err != nil {
				t.Fatal(err)
			}
			return out.Bytes()
		},
	}
	for _, f := range formats {
		t.Run(f.name, func(t *testing.T) {
			var buf bytes.Buffer
			if _, err := f.write(&buf, resultsDoc()); err != nil {
				t.Fatal(err)
			}
			changed := tamper[f.name](t, bytes.Clone(buf.Bytes()))
			if err := f.verify(bytes.NewReader(changed)); !errors.Is(err, ErrIntegrity) {
				t.Errorf("tampered file: err = %v, want ErrIntegrity", err)
			}
		})
	}
}

func TestPDFWithDamagedAttachmentFailsVerification(t *testing.T) {
	var buf bytes.Buffer
	if _, err := WritePDF(&buf, resultsDoc(), PDFOptions{}); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	loc := embeddedPattern.FindIndex(data)
	start := loc[1] + bytes.Index(data[loc[1]:], streamStartMarker) + len(streamStartMarker)
	data[start+20] ^= 0x01
	if err := VerifyPDF(bytes.NewReader(data)); !errors.Is(err, ErrIntegrity) {
		t.Errorf("damaged attachment: err = %v, want ErrIntegrity", err)
	}
}

func replaceOnce(old, new string) func(*testing.T, []byte) []byte {
	return func(t *testing.T, data []byte) []byte {
		if len(old) != len(new) || !bytes.Contains(data, []byte(old)) {
			t.Fatalf("cannot make a one-byte change of %q", old)
		}
		return bytes.Replace(data, []byte(old), []byte(new), 1)
	}
}

func flipKeywordHashDigit(t *testing.T, data []byte) []byte {
	m := keywordsPattern.FindSubmatchIndex(data)
	if m == nil {
		t.Fatal("no hash in the PDF properties")
	}
	if data[m[2]] == '0' {
		data[m[2]] = '1'
	} else {
		data[m[2]] = '0'
	}
	return data
}

func sampleEvidence() Evidence {
	return Evidence{
		Options: Options{Title: "Nachweis KI-Kompetenz", Lang: "de", GeneratedAt: time.Date(2026, 5, 4, 9, 30, 0, 0, time.UTC), K: 2},
		Scope:   "Stadtverwaltung Musterstadt", PeriodFrom: day(2026, 1, 1), PeriodTo: day(2026, 3, 31),
		LegalStatus: "Art. 4 KI-VO in der Fassung des Digital-Omnibus: Anbieter und Betreiber fördern die KI-Kompetenz.",
		Measures: []Measure{{ID: "M-01", Title: "Basis für alle", Audiences: []string{"alle Beschäftigten"},
			Courses: []string{"ki-basis"}, DueRule: "90 Tage nach Zuweisung, Auffrischung alle 24 Monate"}},
		Versions: []CourseVersion{{CourseID: "ki-basis", Title: "KI-Grundlagen", Version: "1.10", ContentHash: "sha256:ab12", LegalStatusDate: day(2026, 2, 1)}},
	}
}
