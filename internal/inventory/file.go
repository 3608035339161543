package inventory

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ailit/ailit/internal/importer"
	"github.com/ailit/ailit/internal/measure"
)

// Entry is one system as an inventory file carries it: the system, its using units by name path
// ("Stadtverwaltung/Bürgeramt") and its rules. Line is where it starts in the file (1-based).
type Entry struct {
	Line   int
	System System
	Units  []string
	Rules  []Rule
}

// LineError is a problem on one line of an inventory file (0: the file as a whole).
type LineError struct {
	Line    int
	Message string
}

func (e LineError) Error() string {
	if e.Line == 0 {
		return e.Message
	}
	return fmt.Sprintf("line %d: %s", e.Line, e.Message)
}

// jsonSystem is the JSON form of an entry; field names are the file format, keep them stable.
type jsonSystem struct {
	ID             string     `json:"id"`
	Name           string     `json:"name"`
	Provider       string     `json:"provider"`
	Purpose        string     `json:"purpose"`
	Status         string     `json:"status"`
	Classification []string   `json:"classification"`
	AnnexIIIArea   int        `json:"annex_iii_area,omitempty"`
	Units          []string   `json:"units"`
	Contact        string     `json:"contact"`
	Documents      Documents  `json:"documents"`
	ReviewDate     string     `json:"review_date,omitempty"`
	Public         bool       `json:"public"`
	Rules          []jsonRule `json:"rules"`
}

type jsonRule struct {
	Role           string `json:"role"`
	Measure        string `json:"measure"`
	ValidityMonths int    `json:"validity_months"`
	DueDays        int    `json:"due_days"`
}

type jsonFile struct {
	Format  string       `json:"format"`
	Systems []jsonSystem `json:"systems"`
}

// FileFormat names the JSON file format, so a file from elsewhere is recognised.
const FileFormat = "ailit-inventory-v1"

// WriteJSON writes entries as an inventory file.
func WriteJSON(w io.Writer, entries []Entry) error {
	f := jsonFile{Format: FileFormat, Systems: []jsonSystem{}}
	for _, e := range entries {
		f.Systems = append(f.Systems, toJSON(e))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(f)
}

func toJSON(e Entry) jsonSystem {
	s := e.System
	js := jsonSystem{ID: s.Key, Name: s.Name, Provider: s.Provider, Purpose: s.Purpose, Status: string(s.Status),
		Classification: s.Classification, AnnexIIIArea: s.AnnexIIIArea, Units: e.Units, Contact: s.Contact,
		Documents: s.Documents, Public: s.Public, Rules: []jsonRule{}}
	if js.Units == nil {
		js.Units = []string{}
	}
	if !s.ReviewDate.IsZero() {
		js.ReviewDate = s.ReviewDate.Format(time.DateOnly)
	}
	for _, r := range e.Rules {
		js.Rules = append(js.Rules, jsonRule{r.Role, r.Measure.String(), r.ValidityMonths, r.DueDays})
	}
	return js
}

// ParseJSON reads an inventory file. Each system's problems are LineErrors at the line where its
// object starts; a file that is not an inventory file at all is one error at line 0 or the line of
// the syntax error.
func ParseJSON(data []byte) ([]Entry, []LineError) {
	lineAt := func(off int64) int { return bytes.Count(data[:min(int(off), len(data))], []byte("\n")) + 1 }
	dec := json.NewDecoder(bytes.NewReader(data))
	var raw struct {
		Format  string            `json:"format"`
		Systems []json.RawMessage `json:"systems"`
	}
	if err := dec.Decode(&raw); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, []LineError{{lineAt(se.Offset), "not valid JSON: " + err.Error()}}
		}
		return nil, []LineError{{0, "not an inventory file: " + err.Error()}}
	}
	if raw.Format != FileFormat {
		return nil, []LineError{{0, fmt.Sprintf("not an inventory file: \"format\" must be %q", FileFormat)}}
	}
	// Find where each system object starts: walk the tokens of the "systems" array.
	starts := systemOffsets(data)
	var entries []Entry
	var errs []LineError
	for i, msg := range raw.Systems {
		line := 0
		if i < len(starts) {
			line = lineAt(starts[i])
		}
		var js jsonSystem
		d := json.NewDecoder(bytes.NewReader(msg))
		d.DisallowUnknownFields()
		if err := d.Decode(&js); err != nil {
			errs = append(errs, LineError{line, "system: " + err.Error()})
			continue
		}
		e, problems := fromJSON(js)
		entries, errs = collect(entries, errs, e, line, problems)
	}
	return entries, errs
}

// collect keeps an entry without problems, or its problems as errors of its line.
func collect(entries []Entry, errs []LineError, e Entry, line int, problems []string) ([]Entry, []LineError) {
	for _, p := range problems {
		errs = append(errs, LineError{line, p})
	}
	if len(problems) == 0 {
		e.Line = line
		entries = append(entries, e)
	}
	return entries, errs
}

// systemOffsets returns the byte offset of each element of the top-level "systems" array.
func systemOffsets(data []byte) []int64 {
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil
		}
		if t != "systems" {
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return nil
			}
			continue
		}
		if t, err := dec.Token(); err != nil || t != json.Delim('[') {
			return nil
		}
		var offs []int64
		for dec.More() {
			off := dec.InputOffset()
			for off < int64(len(data)) && strings.ContainsRune(" \t\r\n,", rune(data[off])) {
				off++
			}
			offs = append(offs, off)
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return offs
			}
		}
		return offs
	}
	return nil
}

// fromJSON converts and checks the fields that have a syntax; Validate checks the rest later.
func fromJSON(js jsonSystem) (Entry, []string) {
	var problems []string
	s := System{Key: strings.TrimSpace(js.ID), Name: strings.TrimSpace(js.Name), Provider: strings.TrimSpace(js.Provider),
		Purpose: strings.TrimSpace(js.Purpose), Status: Status(strings.TrimSpace(js.Status)),
		Classification: SortClassification(js.Classification), AnnexIIIArea: js.AnnexIIIArea,
		Contact: strings.TrimSpace(js.Contact), Documents: js.Documents, Public: js.Public}
	if js.ReviewDate != "" {
		d, err := time.Parse(time.DateOnly, js.ReviewDate)
		if err != nil {
			problems = append(problems, fmt.Sprintf("review_date %q is not a date YYYY-MM-DD", js.ReviewDate))
		}
		s.ReviewDate = d
	}
	e := Entry{System: s}
	for _, u := range js.Units {
		if u = strings.TrimSpace(u); u != "" {
			e.Units = append(e.Units, u)
		}
	}
	for _, jr := range js.Rules {
		ref, err := measure.Parse(jr.Measure)
		if err != nil {
			problems = append(problems, "rule: "+err.Error())
			continue
		}
		due := jr.DueDays
		if due == 0 {
			due = DefaultDueDays
		}
		e.Rules = append(e.Rules, Rule{Role: strings.TrimSpace(jr.Role), Measure: ref, ValidityMonths: jr.ValidityMonths, DueDays: due})
	}
	return e, problems
}

// csvColumns is the header of the CSV form. Lists inside a cell are separated by "|"; a rule is
// "role=kind:id/validity months/due days", e.g. "user=course:ki-sicher-nutzen/24/90".
var csvColumns = []string{"id", "name", "provider", "purpose", "status", "classification", "annex_iii_area",
	"units", "contact", "dpia", "fria", "contract", "review_date", "public", "rules"}

// WriteCSV writes entries as CSV with ";" (as German spreadsheet programs expect) and a BOM.
func WriteCSV(w io.Writer, entries []Entry) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	if err := cw.Write(csvColumns); err != nil {
		return err
	}
	for _, e := range entries {
		js := toJSON(e)
		var rules []string
		for _, r := range js.Rules {
			rules = append(rules, fmt.Sprintf("%s=%s/%d/%d", r.Role, r.Measure, r.ValidityMonths, r.DueDays))
		}
		area := ""
		if js.AnnexIIIArea != 0 {
			area = strconv.Itoa(js.AnnexIIIArea)
		}
		if err := cw.Write([]string{js.ID, js.Name, js.Provider, js.Purpose, js.Status, strings.Join(js.Classification, "|"),
			area, strings.Join(js.Units, "|"), js.Contact, js.Documents.DPIA, js.Documents.FRIA, js.Documents.Contract,
			js.ReviewDate, strconv.FormatBool(js.Public), strings.Join(rules, "|")}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// ParseCSV reads the CSV form (";" or ",", with or without BOM). Problems come back by line.
func ParseCSV(data []byte) ([]Entry, []LineError) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		return nil, []LineError{{0, "the file is not UTF-8; save it as \"CSV UTF-8\""}}
	}
	cr := importer.NewCSVReader(data)
	head, err := cr.Read()
	if err != nil {
		return nil, []LineError{{1, "no header line: " + err.Error()}}
	}
	index := map[string]int{}
	for i, h := range head {
		index[strings.ToLower(strings.TrimSpace(h))] = i
	}
	var missing []string
	for _, c := range csvColumns {
		if _, ok := index[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, []LineError{{1, "missing columns: " + strings.Join(missing, ", ")}}
	}
	var entries []Entry
	var errs []LineError
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			errs = append(errs, LineError{line, "broken CSV: " + err.Error()})
			continue
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		get := func(col string) string {
			if i := index[col]; i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		e, problems := fromCSV(get)
		entries, errs = collect(entries, errs, e, line, problems)
	}
	return entries, errs
}

func fromCSV(get func(string) string) (Entry, []string) {
	js := jsonSystem{ID: get("id"), Name: get("name"), Provider: get("provider"), Purpose: get("purpose"),
		Status: get("status"), Classification: splitList(get("classification")), Units: splitList(get("units")),
		Contact: get("contact"), Documents: Documents{get("dpia"), get("fria"), get("contract")}, ReviewDate: get("review_date")}
	var problems []string
	if a := get("annex_iii_area"); a != "" {
		n, err := strconv.Atoi(a)
		if err != nil {
			problems = append(problems, fmt.Sprintf("annex_iii_area %q is not a number 1–8", a))
		}
		js.AnnexIIIArea = n
	}
	if p := get("public"); p != "" {
		b, err := strconv.ParseBool(p)
		if err != nil {
			problems = append(problems, fmt.Sprintf("public %q must be true or false", p))
		}
		js.Public = b
	}
	for _, r := range splitList(get("rules")) {
		role, rest, ok := strings.Cut(r, "=")
		parts := strings.Split(rest, "/")
		if !ok || len(parts) != 3 {
			problems = append(problems, fmt.Sprintf("rule %q: expected role=kind:id/validity months/due days", r))
			continue
		}
		validity, err1 := strconv.Atoi(parts[1])
		due, err2 := strconv.Atoi(parts[2])
		if err1 != nil || err2 != nil {
			problems = append(problems, fmt.Sprintf("rule %q: validity months and due days must be numbers", r))
			continue
		}
		js.Rules = append(js.Rules, jsonRule{Role: role, Measure: parts[0], ValidityMonths: validity, DueDays: due})
	}
	e, more := fromJSON(js)
	return e, append(problems, more...)
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
