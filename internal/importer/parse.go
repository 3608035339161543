// Package importer reads an HR export (CSV) of people and plans what importing it changes:
// creates, updates, moves, deactivations, new org units, role changes, manager links and per-line
// errors. It is pure and holds the import's rules: the store only executes a plan's operations, in
// one transaction.
package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/ailit/ailit/internal/org"
)

// Row is one person from the file.
type Row struct {
	Line            int
	PersonnelNumber string
	LastName        string
	FirstName       string
	Email           string // lower-case
	OrgPath         []string
	Roles           []string
}

// DisplayName is "Vorname Nachname".
func (r Row) DisplayName() string { return strings.TrimSpace(r.FirstName + " " + r.LastName) }

// LineError is a problem on one line (0: the whole file). Key is an i18n key; Args fill it.
type LineError struct {
	Line int
	Key  string
	Args []any
}

// FileError is a problem that stops reading the file at all (wrong encoding, missing columns).
type FileError struct{ LineError }

func (e *FileError) Error() string { return e.Key }

// ImportableRoles are the roles an HR file may name, in display order. An import grants admin
// rights but never takes them away (see MergeRoles), so an HR file cannot lock the administrators out.
var ImportableRoles = []string{"learner", "trainer", "manager", "admin"}

// columns maps each field to the header names accepted for it (compared case-insensitively).
var columns = []struct {
	field, label string // label: the column's name in messages
	names        []string
}{
	{"personnel_number", "Personalnummer", []string{"personalnummer", "personnel_number"}},
	{"last_name", "Nachname", []string{"nachname", "last_name"}},
	{"first_name", "Vorname", []string{"vorname", "first_name"}},
	{"email", "E-Mail", []string{"e-mail", "email", "e_mail"}},
	{"org_unit", "Organisationseinheit", []string{"organisationseinheit", "org_unit"}},
	{"roles", "Rollen", []string{"rollen", "roles"}},
}

// Parse reads a CSV file: UTF-8 with or without BOM, ";" or "," (whichever the header uses more),
// CRLF or LF. It streams: memory holds one line at a time besides the rows it returns. A file that is
// not UTF-8, lacks a column or has a line over MaxLineBytes is a *FileError; problems in single
// lines (a field over its limit among them) come back as LineErrors next to the rows that were fine.
func Parse(r io.Reader) ([]Row, []LineError, error) {
	lr := newLineReader(r)
	lr.nextLine()
	if lr.err != nil && !errors.Is(lr.err, io.EOF) {
		return nil, nil, lr.err
	}
	header := lr.pending
	cr := csv.NewReader(lr)
	cr.Comma = ';'
	if bytes.Count(header, []byte(",")) > bytes.Count(header, []byte(";")) {
		cr.Comma = ','
	}
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	head, err := cr.Read()
	var fe *FileError
	if errors.As(err, &fe) {
		return nil, nil, fe
	} else if errors.Is(err, io.EOF) {
		return nil, nil, &FileError{LineError{Line: 1, Key: "import.err.empty"}}
	} else if err != nil {
		return nil, nil, &FileError{LineError{Line: 1, Key: "import.err.syntax", Args: []any{1}}}
	}
	index := map[string]int{}
	for i, h := range head {
		h = strings.ToLower(strings.TrimSpace(h))
		for _, c := range columns {
			if slices.Contains(c.names, h) {
				index[c.field] = i
			}
		}
	}
	var missing []string
	for _, c := range columns {
		if _, ok := index[c.field]; !ok {
			missing = append(missing, c.names[0])
		}
	}
	if len(missing) > 0 {
		return nil, nil, &FileError{LineError{Line: 1, Key: "import.err.columns", Args: []any{strings.Join(missing, ", ")}}}
	}
	var rows []Row
	var errs []LineError
	// Rows with the same unit or the same roles share one read-only slice: a file of 500,000 people
	// has a few hundred units, and memory per line is what limits the size of a file.
	shared := sharedSlices{paths: map[string][]string{}, roles: map[string][]string{}}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if errors.As(err, &fe) {
			return nil, nil, fe
		}
		if err != nil {
			line := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			errs = append(errs, LineError{Line: line, Key: "import.err.syntax", Args: []any{line}})
			continue
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // an empty line, as Excel writes at the end
		}
		if e, ok := checkLengths(line, rec, index); !ok {
			errs = append(errs, e)
			continue
		}
		get := func(name string) string { return field(rec, index, name) }
		row := Row{Line: line, PersonnelNumber: get("personnel_number"), LastName: get("last_name"),
			FirstName: get("first_name"), Email: strings.ToLower(get("email")), OrgPath: shared.path(get("org_unit"))}
		if e, ok := checkRow(&row, get("roles"), shared.roles); !ok {
			errs = append(errs, e)
			continue
		}
		rows = append(rows, row)
	}
	return rows, errs, nil
}

// checkLengths refuses a field longer than its limit, naming the line, the column number in the
// file and the column's name. Lengths count characters, not bytes.
func checkLengths(line int, rec []string, index map[string]int) (LineError, bool) {
	for _, c := range columns {
		i := index[c.field]
		value := field(rec, index, c.field)
		limit := fieldLimits[c.field]
		n := utf8.RuneCountInString(value)
		if c.field == "org_unit" && n <= limit && n > maxUnitName {
			for _, name := range org.SplitPath(value) {
				if m := utf8.RuneCountInString(name); m > maxUnitName {
					return LineError{Line: line, Key: "import.err.unit_long", Args: []any{line, i + 1, c.label, m, maxUnitName}}, false
				}
			}
		}
		if n > limit {
			return LineError{Line: line, Key: "import.err.too_long", Args: []any{line, i + 1, c.label, n, limit}}, false
		}
	}
	first, last := field(rec, index, "first_name"), field(rec, index, "last_name")
	if n := utf8.RuneCountInString(first) + 1 + utf8.RuneCountInString(last); n > MaxDisplayName {
		return LineError{Line: line, Key: "import.err.name_long", Args: []any{line, index["last_name"] + 1, n, MaxDisplayName}}, false
	}
	return LineError{}, true
}

// field is the trimmed value of a column, "" when the line is shorter.
func field(rec []string, index map[string]int, name string) string {
	if i := index[name]; i < len(rec) {
		return strings.TrimSpace(rec[i])
	}
	return ""
}

// sharedSlices hands out one copy of each unit path and role list.
type sharedSlices struct{ paths, roles map[string][]string }

func (s sharedSlices) path(unit string) []string {
	p, ok := s.paths[unit]
	if !ok {
		unit = strings.Clone(unit) // not a window into the whole line
		p = slices.Clip(org.SplitPath(unit))
		s.paths[unit] = p
	}
	return p
}

// NewCSVReader reads a spreadsheet's CSV export held in memory (the AI inventory file, which is
// small): ";" (German Excel) or ",", whichever the header line uses more, and rows of any length
// (missing cells are empty). data has no BOM. The HR import streams its file instead (Parse).
func NewCSVReader(data []byte) *csv.Reader {
	header, _, _ := bytes.Cut(data, []byte("\n"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = ';'
	if bytes.Count(header, []byte(",")) > bytes.Count(header, []byte(";")) {
		cr.Comma = ','
	}
	cr.FieldsPerRecord = -1
	return cr
}

// checkRow fills the roles (shared with other rows of the same roles) and checks required fields.
func checkRow(row *Row, roles string, known map[string][]string) (LineError, bool) {
	topUnit := "" // "" when the path has no unit
	if len(row.OrgPath) > 0 {
		topUnit = row.OrgPath[0]
	}
	for _, f := range []struct{ value, name string }{
		{row.PersonnelNumber, "Personalnummer"}, {row.LastName, "Nachname"}, {row.FirstName, "Vorname"},
		{row.Email, "E-Mail"}, {topUnit, "Organisationseinheit"},
	} {
		if f.value == "" {
			return LineError{Line: row.Line, Key: "import.err.required", Args: []any{row.Line, f.name}}, false
		}
	}
	if !strings.Contains(row.Email, "@") || strings.ContainsAny(row.Email, " <>") {
		return LineError{Line: row.Line, Key: "import.err.email", Args: []any{row.Line, row.Email}}, false
	}
	if list, ok := known[roles]; ok {
		row.Roles = list
		return LineError{}, true
	}
	for _, r := range strings.FieldsFunc(roles, func(c rune) bool { return c == ',' || c == ';' || c == ' ' }) {
		r = strings.ToLower(r)
		if !slices.Contains(ImportableRoles, r) {
			return LineError{Line: row.Line, Key: "import.err.role", Args: []any{row.Line, r}}, false
		}
		if !slices.Contains(row.Roles, r) {
			row.Roles = append(row.Roles, r)
		}
	}
	if len(row.Roles) == 0 {
		row.Roles = []string{"learner"}
	}
	slices.SortFunc(row.Roles, func(a, b string) int { return slices.Index(ImportableRoles, a) - slices.Index(ImportableRoles, b) })
	for i, r := range row.Roles {
		row.Roles[i] = ImportableRoles[slices.Index(ImportableRoles, r)] // not a window into the line
	}
	row.Roles = slices.Clip(row.Roles)
	known[strings.Clone(roles)] = row.Roles
	return LineError{}, true
}
