package report

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

func writeCSV(t *testing.T, doc Document, opts CSVOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := WriteCSV(&buf, doc, opts); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestCSVIsUTF8WithBOMSemicolonsAndCRLF(t *testing.T) {
	out := writeCSV(t, PersonReport(testOptions(LevelStatus), RowsFromSlice(sampleRows())), CSVOptions{})
	if !bytes.HasPrefix(out, []byte("\xEF\xBB\xBF")) {
		t.Fatal("no UTF-8 byte order mark: German Excel would break the umlauts")
	}
	if bytes.Contains(bytes.ReplaceAll(out, []byte("\r\n"), nil), []byte("\r")) {
		t.Error("a bare CR outside CRLF")
	}
	lines := strings.Split(string(out), "\r\n")
	if got := lines[0]; got != "\uFEFFPersonen" {
		t.Errorf("first line = %q", got)
	}
	if !strings.HasPrefix(lines[1], "Pseudonym;Personalnummer;Name;") {
		t.Errorf("header not separated by ';': %q", lines[1])
	}
	if !strings.Contains(string(out), "\r\n\r\nÜbersicht\r\nEinheit;Personen;Zuweisungen;") {
		t.Error("no overview after the person rows")
	}
	for _, want := range []string{"Jürgen Müller", "Nguyễn Thị Lan", "Ordnungsamt / Team Süd", "Fällig am;Fällig am (TT.MM.JJJJ)"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("CSV lacks %q", want)
		}
	}
}

func TestCSVCells(t *testing.T) {
	out := string(writeCSV(t, PersonReport(testOptions(LevelResults), RowsFromSlice(sampleRows())), CSVOptions{}))
	tests := []struct{ name, want string }{
		{"personnel number keeps leading zeros as forced text", ";'000123;"},
		{"short numeric id also forced to text", ";'9;"},
		{"version 1.10 is not turned into a date", ";'1.10;"},
		{"formula with = neutralised and quoted", `;"'=HYPERLINK(""http://evil"")";`},
		{"+ neutralised", ";'+49 30 1234;"},
		{"- neutralised", ";'-Bürgeramt;"},
		{"@ neutralised", ";'@SUM(A1);"},
		{"separator inside a cell is quoted", `;"KI-Grundlagen; Teil 1";`},
		{"newline and quotes inside a cell", "\"Zeile 1\nZeile \"\"2\"\"\""},
		{"ISO date followed by German date", ";2026-02-14;14.02.2026;"},
		{"status as German word", ";abgeschlossen;"},
		{"score with decimal comma", ";ja;87,5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(out, tt.want) {
				t.Errorf("CSV lacks %q", tt.want)
			}
		})
	}
}

func TestCSVNeverStartsACellWithAFormulaCharacter(t *testing.T) {
	out := writeCSV(t, PersonReport(testOptions(LevelResults), RowsFromSlice(sampleRows())), CSVOptions{})
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(out, []byte(utf8BOM))))
	r.Comma, r.FieldsPerRecord = ';', -1
	records, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range records {
		for _, cell := range rec {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("cell %q starts with a formula character", cell)
			}
		}
	}
}

func TestCSVWithCommaOnRequest(t *testing.T) {
	out := string(writeCSV(t, PersonReport(testOptions(LevelResults), RowsFromSlice(sampleRows())), CSVOptions{Comma: ','}))
	if !strings.Contains(out, "Einheit,Personen,Zuweisungen,") {
		t.Error("header not separated by ','")
	}
	if !strings.Contains(out, ",ja,87.5") {
		t.Error("with ',' the decimal separator must be a point")
	}
	if !strings.Contains(out, `,"KI-Grundlagen; Teil 1",`) && !strings.Contains(out, `,KI-Grundlagen; Teil 1,`) {
		t.Error("title missing")
	}
}

func TestCSVHeadersInEnglish(t *testing.T) {
	o := testOptions(LevelStatus)
	o.Lang = "en"
	out := string(writeCSV(t, PersonReport(o, RowsFromSlice(sampleRows())), CSVOptions{}))
	for _, want := range []string{"People\r\n", "Personnel number;Name;Email;Org unit", "Due on;Due on (DD.MM.YYYY)", ";completed;", "Filters & integrity"} {
		if !strings.Contains(out, want) {
			t.Errorf("English CSV lacks %q", want)
		}
	}
}

func TestCSVEndsWithMetadataAndIntegrityHash(t *testing.T) {
	var buf bytes.Buffer
	hash, err := WriteCSV(&buf, PersonReport(testOptions(LevelStatus), RowsFromSlice(sampleRows())), CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"Filter & Integrität\r\nSchlüssel;Bezeichnung;Wert\r\n", "generated_at;Erstellt am;2026-05-04T09:30:00Z",
		"filter.org_unit;Organisationseinheit;Ordnungsamt", "integrity_sha256;Integritätshash (SHA-256);" + hash + "\r\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("CSV lacks %q", want)
		}
	}
	if !strings.HasSuffix(out, hash+"\r\n") {
		t.Error("the hash is not the last line")
	}
}
