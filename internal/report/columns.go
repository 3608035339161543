package report

import (
	"slices"
	"strings"
)

// Column is one column of a report section. Key is stable and language independent (it goes into
// JSON and the integrity hash); DE and EN are the header labels.
type Column struct {
	Key      string
	DE, EN   string
	Kind     Kind
	Width    float64           // XLSX width in characters
	PDFWidth float64           // width in mm in PDF tables; 0 leaves the column out of the PDF table
	value    func(*Row) Value  // the cell of a row, for a cell that is not a text
	text     func(*Row) string // the text of a text cell, which Text makes its Value
}

// cell is the value of c in the row r.
func (c Column) cell(r *Row) Value {
	if c.text != nil {
		return Text(c.text(r))
	}
	return c.value(r)
}

// Label is the header in lang ("de" or "en").
func (c Column) Label(lang string) string {
	if lang == "en" {
		return c.EN
	}
	return c.DE
}

// KindStatus is shown as a translated word but stored as the status code.
const KindStatus Kind = 100

// Person columns, in output order.
var (
	colPseudonym       = Column{Key: "pseudonym", DE: "Pseudonym", EN: "Pseudonym", Kind: KindID, Width: 34, text: func(r *Row) string { return r.Pseudonym }}
	colPersonnelNumber = Column{Key: "personnel_number", DE: "Personalnummer", EN: "Personnel number", Kind: KindID, Width: 16, PDFWidth: 22, text: func(r *Row) string { return r.PersonnelNumber }}
	colName            = Column{Key: "name", DE: "Name", EN: "Name", Kind: KindText, Width: 28, PDFWidth: 40, text: func(r *Row) string { return r.Name }}
	colEmail           = Column{Key: "email", DE: "E-Mail", EN: "Email", Kind: KindText, Width: 32, text: func(r *Row) string { return r.Email }}
	colOrgUnit         = Column{Key: "org_unit", DE: "Organisationseinheit", EN: "Org unit", Kind: KindText, Width: 36, PDFWidth: 48, text: func(r *Row) string { return r.OrgUnitPath }}
	colCourseID        = Column{Key: "course_id", DE: "Kurs-ID", EN: "Course ID", Kind: KindID, Width: 18, text: func(r *Row) string { return r.CourseID }}
	colCourseTitle     = Column{Key: "course_title", DE: "Kurstitel", EN: "Course title", Kind: KindText, Width: 36, PDFWidth: 50, text: func(r *Row) string { return r.CourseTitle }}
	colCourseVersion   = Column{Key: "course_version", DE: "Version", EN: "Version", Kind: KindID, Width: 10, PDFWidth: 14, text: func(r *Row) string { return r.CourseVersion }}
	colContentHash     = Column{Key: "content_hash", DE: "Inhalts-Hash", EN: "Content hash", Kind: KindID, Width: 20, text: func(r *Row) string { return r.ContentHash }}
	colStatus          = Column{Key: "status", DE: "Status", EN: "Status", Kind: KindStatus, Width: 18, PDFWidth: 24, text: func(r *Row) string { return string(r.Status) }}
	colExemption       = Column{Key: "exemption_reason", DE: "Befreiungsgrund", EN: "Exemption reason", Kind: KindText, Width: 24, text: func(r *Row) string {
		if r.Status != StatusExempted {
			return ""
		}
		return r.ExemptionReason
	}}
	colAssignedAt  = Column{Key: "assigned_at", DE: "Zugewiesen am", EN: "Assigned on", Kind: KindDate, Width: 13, value: func(r *Row) Value { return Date(r.AssignedAt) }}
	colDueAt       = Column{Key: "due_at", DE: "Fällig am", EN: "Due on", Kind: KindDate, Width: 13, PDFWidth: 20, value: func(r *Row) Value { return Date(r.DueAt) }}
	colCompletedAt = Column{Key: "completed_at", DE: "Abgeschlossen am", EN: "Completed on", Kind: KindDate, Width: 13, PDFWidth: 20, value: func(r *Row) Value { return Date(r.CompletedAt) }}
	colValidUntil  = Column{Key: "valid_until", DE: "Gültig bis", EN: "Valid until", Kind: KindDate, Width: 13, PDFWidth: 20, value: func(r *Row) Value { return Date(r.ValidUntil) }}
	colAreas       = Column{Key: "competence_areas", DE: "Kompetenzbereiche", EN: "Competence areas", Kind: KindText, Width: 24, text: func(r *Row) string { return strings.Join(r.CompetenceAreas, ", ") }}
	colLevel       = Column{Key: "competence_level", DE: "Kompetenzstufe", EN: "Competence level", Kind: KindText, Width: 10, text: func(r *Row) string { return r.CompetenceLevel }}
	colPassed      = Column{Key: "passed", DE: "Bestanden", EN: "Passed", Kind: KindBool, Width: 11, PDFWidth: 16, value: func(r *Row) Value {
		if r.Passed == nil {
			return Value{}
		}
		return Bool(*r.Passed)
	}}
	colScore = Column{Key: "score_percent", DE: "Ergebnis (%)", EN: "Score (%)", Kind: KindPercent, Width: 11, PDFWidth: 16, value: func(r *Row) Value {
		if r.ScorePercent == nil {
			return Value{}
		}
		return Percent(*r.ScorePercent)
	}}
)

// Aggregate columns, shared by the summary and evidence sections.
var (
	colUnit        = Column{Key: "unit", DE: "Einheit", EN: "Unit", Kind: KindText, Width: 40, PDFWidth: 70}
	colPeople      = Column{Key: "people", DE: "Personen", EN: "People", Kind: KindInt, Width: 11, PDFWidth: 20}
	colAssignments = Column{Key: "assignments", DE: "Zuweisungen", EN: "Assignments", Kind: KindInt, Width: 13, PDFWidth: 22}
	colCompleted   = Column{Key: "completed", DE: "Abgeschlossen", EN: "Completed", Kind: KindInt, Width: 14, PDFWidth: 24}
	colRate        = Column{Key: "completion_rate", DE: "Quote (%)", EN: "Rate (%)", Kind: KindPercent, Width: 11, PDFWidth: 18}
	colOpen        = Column{Key: "open", DE: "Offen", EN: "Open", Kind: KindInt, Width: 9, PDFWidth: 16}
	colOverdue     = Column{Key: "overdue", DE: "Überfällig", EN: "Overdue", Kind: KindInt, Width: 11, PDFWidth: 18}
	colExempted    = Column{Key: "exempted", DE: "Befreit", EN: "Exempted", Kind: KindInt, Width: 10, PDFWidth: 16}
	colNote        = Column{Key: "note", DE: "Hinweis", EN: "Note", Kind: KindText, Width: 40, PDFWidth: 60}
	colArea        = Column{Key: "competence_area", DE: "Kompetenzbereich", EN: "Competence area", Kind: KindText, Width: 20, PDFWidth: 34}
	colCovered     = Column{Key: "covered", DE: "Abgedeckt", EN: "Covered", Kind: KindInt, Width: 11, PDFWidth: 18}
	colMeasureID   = Column{Key: "measure_id", DE: "Maßnahme-ID", EN: "Measure ID", Kind: KindID, Width: 16, PDFWidth: 24}
	colMeasure     = Column{Key: "measure", DE: "Maßnahme", EN: "Measure", Kind: KindText, Width: 32, PDFWidth: 60}
	colAudiences   = Column{Key: "audiences", DE: "Zielgruppen", EN: "Target groups", Kind: KindText, Width: 32, PDFWidth: 60}
	colCourses     = Column{Key: "courses", DE: "Kurse", EN: "Courses", Kind: KindText, Width: 32, PDFWidth: 50}
	colDueRule     = Column{Key: "due_rule", DE: "Fälligkeitsregel", EN: "Due rule", Kind: KindText, Width: 28, PDFWidth: 50}
	colLegalDate   = Column{Key: "legal_status_date", DE: "Rechtsstand", EN: "Legal status as of", Kind: KindDate, Width: 13, PDFWidth: 26}
	colMetaKey     = Column{Key: "key", DE: "Schlüssel", EN: "Key", Kind: KindID, Width: 22}
	colMetaLabel   = Column{Key: "label", DE: "Bezeichnung", EN: "Label", Kind: KindText, Width: 32}
	colMetaValue   = Column{Key: "value", DE: "Wert", EN: "Value", Kind: KindText, Width: 80}
)

var (
	statusColumns = []Column{colPseudonym, colPersonnelNumber, colName, colEmail, colOrgUnit,
		colCourseID, colCourseTitle, colCourseVersion, colContentHash, colStatus, colExemption,
		colAssignedAt, colDueAt, colCompletedAt, colValidUntil, colAreas, colLevel}
	resultsColumns   = append(append([]Column{}, statusColumns...), colPassed, colScore)
	unitColumns      = []Column{colUnit, colPeople, colAssignments, colCompleted, colRate, colOpen, colOverdue, colExempted, colNote}
	unitCourseCols   = []Column{colUnit, colCourseID, colCourseVersion, colPeople, colCompleted, colRate, colOpen, colOverdue, colNote}
	coverageColumns  = []Column{colUnit, colArea, colLevel, colPeople, colCovered, colRate, colNote}
	measureColumns   = []Column{colMeasureID, colMeasure, colAudiences, colCourses, colDueRule}
	versionColumns   = []Column{colCourseID, colCourseTitle, colCourseVersion, colContentHash, colLegalDate}
	metaColumns      = []Column{colMetaKey, colMetaLabel, colMetaValue}
	allColumnSources = [][]Column{resultsColumns, unitColumns, unitCourseCols, coverageColumns, measureColumns, versionColumns, metaColumns, aiSystemColumns}
)

// Columns is the column set a manager may see at a privacy level: per-unit aggregates at
// LevelAggregate, per-person rows without results at LevelStatus, and with pass/fail and score at
// LevelResults. Answers, attempt counts, time on task and login times are not columns at any level:
// Row does not even carry them.
func Columns(level Level) []Column {
	switch level {
	case LevelAggregate:
		return unitColumns
	case LevelResults:
		return resultsColumns
	}
	return statusColumns
}

// columnByLabel finds a column from its header in either language (for the verifiers).
var columnByLabel = func() map[string]Column {
	m := map[string]Column{}
	for _, cols := range allColumnSources {
		for _, c := range cols {
			m[c.DE], m[c.EN] = c, c
		}
	}
	return m
}()

// columnByKey finds a column from its key (for the JSON verifier).
var columnByKey = func() map[string]Column {
	m := map[string]Column{}
	for _, cols := range allColumnSources {
		for _, c := range cols {
			m[c.Key] = c
		}
	}
	return m
}()

// cellMaker computes the cells of rows that come one after another, as Column.cell does. The rows of a
// person share name, e-mail and unit, those of a course its title, version and areas: a text cell
// whose text is the one of the row before keeps its Value, so the text is not checked for valid
// UTF-8 again (half a million rows have millions of text cells).
type cellMaker struct {
	cols  []Column
	vals  []Value  // the cells of the last row, by column
	texts []string // the text each text cell of the last row was made from
	made  bool     // vals and texts hold a row
}

func newCellMaker(cols []Column) *cellMaker {
	return &cellMaker{cols: cols, vals: make([]Value, len(cols)), texts: make([]string, len(cols))}
}

// cells are the cells of r. The slice is the same for every row: it holds one row at a time.
func (m *cellMaker) cells(r *Row) []Value {
	for i, c := range m.cols {
		if c.text == nil {
			m.vals[i] = c.value(r)
			continue
		}
		if s := c.text(r); !m.made || s != m.texts[i] {
			m.vals[i], m.texts[i] = Text(s), s
		}
	}
	m.made = true
	return m.vals
}

// DefaultViewColumns are the columns the report table shows a manager unless they choose others:
// who, where, which training, and where it stands.
var DefaultViewColumns = []string{"name", "org_unit", "course_title", "status", "due_at", "completed_at"}

// PickColumns returns the positions in cols of the chosen column keys, in the order of cols.
// Keys that are not in cols (not allowed at the privacy level, or unknown) are ignored; when none
// is left, the DefaultViewColumns are picked (and when none of those exists, all columns).
func PickColumns(cols []Column, chosen []string) []int {
	pick := func(keys []string) []int {
		var idx []int
		for i, c := range cols {
			if slices.Contains(keys, c.Key) {
				idx = append(idx, i)
			}
		}
		return idx
	}
	if idx := pick(chosen); len(idx) > 0 {
		return idx
	}
	if idx := pick(DefaultViewColumns); len(idx) > 0 {
		return idx
	}
	idx := make([]int, len(cols))
	for i := range cols {
		idx[i] = i
	}
	return idx
}
