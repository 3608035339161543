package report

import (
	"strconv"
	"strings"
)

// AISystem is one AI system of the inventory in the Art. 4 record: who needs what for it and how
// far they are. Coverage is nil when fewer than k people need measures for it (k-anonymity).
type AISystem struct {
	ID             string // the inventory key
	Name           string
	Classification []string // codes of the fixed list
	Roles          []AISystemRole
	People         int      // 0 when suppressed
	Coverage       *float64 // percent of people with every measure they need
}

// AISystemRole is the rationale of one role: the measures it requires (system → role → measure).
type AISystemRole struct {
	Role     string
	Measures []string // "kind:id"
}

var (
	colAISystemID = Column{Key: "ai_system_id", DE: "KI-System-ID", EN: "AI system ID", Kind: KindID, Width: 24, PDFWidth: 34}
	colAISystem   = Column{Key: "ai_system", DE: "KI-System", EN: "AI system", Kind: KindText, Width: 30, PDFWidth: 40}
	colAIClass    = Column{Key: "classification", DE: "Einstufung", EN: "Classification", Kind: KindText, Width: 30, PDFWidth: 40}
	colAIRoles    = Column{Key: "roles", DE: "Rollen → Maßnahmen", EN: "Roles → measures", Kind: KindText, Width: 50, PDFWidth: 70}
	colAIRate     = Column{Key: "coverage_percent", DE: "Abdeckung (%)", EN: "Coverage (%)", Kind: KindPercent, Width: 13, PDFWidth: 22}

	aiSystemColumns = []Column{colAISystemID, colAISystem, colAIClass, colAIRoles, colPeople, colAIRate, colNote}
)

// aiSystemSection is the table form of the systems, covered by the integrity hash.
func aiSystemSection(systems []AISystem, k int, lang string) Section {
	var rows [][]Value
	for _, s := range systems {
		var roles []string
		for _, r := range s.Roles {
			roles = append(roles, r.Role+": "+strings.Join(r.Measures, ", "))
		}
		people, rate, note := Int(s.People), Value{}, Value{}
		if s.Coverage != nil {
			rate = Percent(*s.Coverage)
		} else {
			people = Value{}
			note = Text(label(aiSmallLabel, "small", lang) + " " + strconv.Itoa(k))
		}
		rows = append(rows, []Value{Text(s.ID), Text(s.Name), Text(strings.Join(s.Classification, ", ")),
			Text(strings.Join(roles, "; ")), people, rate, note})
	}
	return Section{Key: "ai_systems", Columns: aiSystemColumns, Rows: sliceRows(rows)}
}

var aiSmallLabel = map[string][2]string{"small": {"weniger Personen als k =", "fewer people than k ="}}

// appendAISystems writes the systems as the structured "ai_systems" array of the JSON form:
// [{"id":…,"name":…,"classification":[…],"roles":[{"role":…,"measures":[…]}],"people":…,"coverage_percent":…}].
func appendAISystems(b []byte, systems []AISystem) []byte {
	b = append(b, `,"ai_systems":[`...)
	for i, s := range systems {
		b = appendComma(b, i)
		b = append(b, `{"id":`...)
		b = appendJSONString(b, s.ID)
		b = append(b, `,"name":`...)
		b = appendJSONString(b, s.Name)
		b = append(b, `,"classification":`...)
		b = appendStrings(b, s.Classification)
		b = append(b, `,"roles":[`...)
		for j, r := range s.Roles {
			b = appendComma(b, j)
			b = append(b, `{"role":`...)
			b = appendJSONString(b, r.Role)
			b = append(b, `,"measures":`...)
			b = appendStrings(b, r.Measures)
			b = append(b, '}')
		}
		b = append(b, `],"people":`...)
		if s.Coverage == nil {
			b = append(b, `null,"coverage_percent":null}`...)
			continue
		}
		b = strconv.AppendInt(b, int64(s.People), 10)
		b = append(b, `,"coverage_percent":`...)
		b = append(b, Percent(*s.Coverage).Text...)
		b = append(b, '}')
	}
	return append(b, ']')
}

func appendStrings(b []byte, ss []string) []byte {
	b = append(b, '[')
	for i, s := range ss {
		b = appendComma(b, i)
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}
