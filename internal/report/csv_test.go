package report

import (
	"bytes"
	"encoding/csv"
	"errors"
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

// readCSV reads a file the way any program would: a standard CSV reader, nothing ailit-specific.
func readCSV(t *testing.T, data []byte, comma rune) [][]string {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		t.Fatal("no UTF-8 byte order mark: German Excel would break the umlauts")
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte(utf8BOM))))
	r.Comma = comma // FieldsPerRecord 0: every line must have as many fields as the header
	records, err := r.ReadAll()
	if err != nil {
		t.Fatalf("a standard CSV reader cannot read the export: %v", err)
	}
	return records
}

func TestCSVIsATableWithTheHeaderInLineOneAndOneRowPerRecord(t *testing.T) {
	rows := sampleRows()
	out := writeCSV(t, PersonReport(testOptions(LevelStatus), RowsFromSlice(rows)), CSVOptions{})
	if n := bytes.Count(out, []byte("\r\n")); n != 1+len(rows) || !bytes.HasSuffix(out, []byte("\r\n")) {
		t.Errorf("%d CRLF line ends, want %d (the header and one per record)", n, 1+len(rows))
	}
	records := readCSV(t, out, ';')
	wantHeader := "Pseudonym;Personalnummer;Name;E-Mail;Organisationseinheit;Kurs-ID;Kurstitel;Version;Inhalts-Hash;Status;Befreiungsgrund;Zugewiesen am;Fällig am;Abgeschlossen am;Gültig bis;Kompetenzbereiche;Kompetenzstufe"
	if got := strings.Join(records[0], ";"); got != wantHeader {
		t.Errorf("line 1 = %q\nwant    %q", got, wantHeader)
	}
	if len(records) != 1+len(rows) {
		t.Fatalf("%d lines, want the header and %d records (no title, no overview, no metadata)", len(records), len(rows))
	}
	first := map[string]string{}
	for i, h := range records[0] {
		first[h] = records[1][i]
	}
	for col, want := range map[string]string{"Name": "Jürgen Müller", "Personalnummer": "000123", "Version": "1.10",
		"Organisationseinheit": "Ordnungsamt / Team Süd", "Fällig am": "2026-03-31", "Status": "abgeschlossen",
		"Kurstitel": "KI-Grundlagen; Teil 1"} {
		if first[col] != want {
			t.Errorf("%s = %q, want %q", col, first[col], want)
		}
	}
	if got := records[2][2]; got != "Nguyễn Thị Lan" {
		t.Errorf("second record's name = %q", got)
	}
}

func TestCSVNeutralisesFormulasAndLeavesOtherValuesAsTheyAre(t *testing.T) {
	records := readCSV(t, writeCSV(t, PersonReport(testOptions(LevelResults), RowsFromSlice(sampleRows())), CSVOptions{}), ';')
	injected := records[3] // the third sample person
	tests := []struct {
		name string
		col  int
		want string
	}{
		{"a name starting with = comes back neutralised", 2, `'=HYPERLINK("http://evil")`},
		{"+ neutralised", 3, "'+49 30 1234"},
		{"- neutralised", 4, "'-Bürgeramt"},
		{"@ neutralised", 6, "'@SUM(A1)"},
		{"a short personnel number as it is", 1, "9"},
		{"a version as it is", 7, "2"},
		{"line break and quotes inside a cell survive", 10, "Zeile 1\nZeile \"2\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := injected[tt.col]; got != tt.want {
				t.Errorf("%s = %q, want %q", records[0][tt.col], got, tt.want)
			}
		})
	}
	for _, rec := range records {
		for _, cell := range rec {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("cell %q starts with a formula character", cell)
			}
		}
	}
	if got := records[1][len(records[1])-1]; got != "87,5" {
		t.Errorf("score = %q, want the decimal comma German Excel reads as a number", got)
	}
	if got := records[1][len(records[1])-2]; got != "ja" {
		t.Errorf("passed = %q, want ja", got)
	}
}

func TestCSVWithCommaOnRequest(t *testing.T) {
	records := readCSV(t, writeCSV(t, PersonReport(testOptions(LevelResults), RowsFromSlice(sampleRows())), CSVOptions{Comma: ','}), ',')
	if records[0][0] != "Pseudonym" || records[1][6] != "KI-Grundlagen; Teil 1" {
		t.Errorf("header or title wrong: %q / %q", records[0][0], records[1][6])
	}
	if got := records[1][len(records[1])-1]; got != "87.5" {
		t.Errorf("with ',' the decimal separator must be a point: %q", got)
	}
}

func TestCSVHeadersInEnglish(t *testing.T) {
	o := testOptions(LevelStatus)
	o.Lang = "en"
	records := readCSV(t, writeCSV(t, PersonReport(o, RowsFromSlice(sampleRows())), CSVOptions{}), ';')
	if got := strings.Join(records[0][1:5], ";"); got != "Personnel number;Name;Email;Org unit" {
		t.Errorf("English header = %q", got)
	}
	if records[1][9] != "completed" {
		t.Errorf("status = %q, want completed", records[1][9])
	}
}

func TestCSVOfAnotherSectionOnRequest(t *testing.T) {
	records := readCSV(t, writeCSV(t, EvidenceReport(sampleEvidence(), RowsFromSlice(sampleRows())), CSVOptions{Section: "versions"}), ';')
	if got := strings.Join(records[0], ";"); got != "Kurs-ID;Kurstitel;Version;Inhalts-Hash;Rechtsstand" {
		t.Errorf("header = %q", got)
	}
	if got := strings.Join(records[1], ";"); got != "ki-basis;KI-Grundlagen;1.10;sha256:ab12;2026-02-01" {
		t.Errorf("record = %q", got)
	}
	var buf bytes.Buffer
	if _, err := WriteCSV(&buf, EvidenceReport(sampleEvidence(), RowsFromSlice(sampleRows())), CSVOptions{Section: "people"}); err == nil ||
		!strings.Contains(err.Error(), "units, unit_courses, coverage, measures, versions") {
		t.Errorf("unknown table: err = %v, want the list of tables", err)
	}
}

func TestCSVSidecarStatesHashAndMetadataAndVerifies(t *testing.T) {
	doc := PersonReport(testOptions(LevelStatus), RowsFromSlice(sampleRows()))
	var buf bytes.Buffer
	f, err := WriteCSV(&buf, doc, CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	sc := NewSidecar(doc, "bericht.csv", f)
	sc.Evidence = &SidecarEvidence{EntryID: 7, EntryHash: "abc"}
	parsed, err := ParseSidecar(sc.JSON())
	if err != nil {
		t.Fatal(err)
	}
	if parsed.Records != 3 || parsed.Report != "persons" || parsed.Table != "persons" || parsed.PrivacyLevel != "status" ||
		parsed.GeneratedAt != "2026-05-04T09:30:00Z" || parsed.Filters["org_unit"] != "Ordnungsamt" || parsed.Evidence.EntryID != 7 ||
		parsed.Bytes != int64(buf.Len()) {
		t.Errorf("sidecar = %+v", parsed)
	}
	if err := VerifyCSV(bytes.NewReader(buf.Bytes()), sc.JSON()); err != nil {
		t.Errorf("untouched pair: %v", err)
	}
	changed := bytes.Replace(buf.Bytes(), []byte("Jürgen"), []byte("Jürgan"), 1)
	if err := VerifyCSV(bytes.NewReader(changed), sc.JSON()); !errors.Is(err, ErrIntegrity) || !strings.Contains(err.Error(), f.SHA256) {
		t.Errorf("changed CSV: err = %v, want ErrIntegrity naming the stated hash", err)
	}
	if err := VerifyCSV(bytes.NewReader(buf.Bytes()), []byte(`{"format":"something else"}`)); err == nil || !strings.Contains(err.Error(), "not an ailit integrity file") {
		t.Errorf("foreign sidecar: err = %v", err)
	}
}
