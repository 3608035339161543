// Package importer reads an HR export (CSV) of people and plans what importing it changes:
// creates, updates, moves, deactivations, new org units and per-line errors. It is pure: the store
// applies a plan in one transaction.
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
	field string
	names []string
}{
	{"personnel_number", []string{"personalnummer", "personnel_number"}},
	{"last_name", []string{"nachname", "last_name"}},
	{"first_name", []string{"vorname", "first_name"}},
	{"email", []string{"e-mail", "email", "e_mail"}},
	{"org_unit", []string{"organisationseinheit", "org_unit"}},
	{"roles", []string{"rollen", "roles"}},
}

// Parse reads a CSV file: UTF-8 with or without BOM, ";" or "," (whichever the header uses more),
// CRLF or LF. A file that is not UTF-8 or lacks a column is a *FileError; problems in single lines
// come back as LineErrors next to the rows that were fine.
func Parse(r io.Reader) ([]Row, []LineError, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, err
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	for i, line := range bytes.Split(data, []byte("\n")) {
		if !utf8.Valid(line) {
			return nil, nil, &FileError{LineError{Line: i + 1, Key: "import.err.encoding", Args: []any{i + 1}}}
		}
	}
	cr := NewCSVReader(data)
	head, err := cr.Read()
	if errors.Is(err, io.EOF) {
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
	for {
		line := 0
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			errs = append(errs, LineError{Line: line, Key: "import.err.syntax", Args: []any{line}})
			continue
		}
		line, _ = cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // an empty line, as Excel writes at the end
		}
		get := func(field string) string {
			if i := index[field]; i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		row := Row{Line: line, PersonnelNumber: get("personnel_number"), LastName: get("last_name"),
			FirstName: get("first_name"), Email: strings.ToLower(get("email")), OrgPath: org.SplitPath(get("org_unit"))}
		if e, ok := checkRow(&row, get("roles")); !ok {
			errs = append(errs, e)
			continue
		}
		rows = append(rows, row)
	}
	return rows, errs, nil
}

// NewCSVReader reads a spreadsheet's CSV export: ";" (German Excel) or ",", whichever the header
// line uses more, and rows of any length (missing cells are empty). data has no BOM.
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

// checkRow fills the roles and checks required fields.
func checkRow(row *Row, roles string) (LineError, bool) {
	for _, f := range []struct{ value, name string }{
		{row.PersonnelNumber, "Personalnummer"}, {row.LastName, "Nachname"}, {row.FirstName, "Vorname"},
		{row.Email, "E-Mail"}, {org.JoinPath(row.OrgPath), "Organisationseinheit"},
	} {
		if f.value == "" {
			return LineError{Line: row.Line, Key: "import.err.required", Args: []any{row.Line, f.name}}, false
		}
	}
	if !strings.Contains(row.Email, "@") || strings.ContainsAny(row.Email, " <>") {
		return LineError{Line: row.Line, Key: "import.err.email", Args: []any{row.Line, row.Email}}, false
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
	return LineError{}, true
}
