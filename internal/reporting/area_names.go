package reporting

import (
	"strings"

	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/report"
)

// AreaName is a competence area as people read it ("KA-RECHT" → "Recht und Regeln"); an unknown
// code stays as it is.
func AreaName(code, lang string) string {
	key := "courses.competence." + code
	if !i18n.Has(i18n.Normalize(lang), key) {
		return code
	}
	return i18n.T(lang, key)
}

// AreaCode finds the code of a competence area from its code or its name in either language
// ("Recht und Regeln", "KA-RECHT", "ka-recht"); ok is false when nothing matches.
func AreaCode(s string, codes []string) (code string, ok bool) {
	for _, c := range codes {
		if strings.EqualFold(s, c) {
			return c, true
		}
		for _, l := range i18n.Languages {
			if strings.EqualFold(s, AreaName(c, l)) {
				return c, true
			}
		}
	}
	return "", false
}

// namedAreas shows the competence areas of rows by name: the filters have used the codes by then.
// The rows of one course share their code slice, so each slice is translated once.
func namedAreas(rows report.Rows, lang string) report.Rows {
	return func(yield func(report.Row, error) bool) {
		names := map[*string][]string{}
		for r, err := range rows {
			if err == nil && len(r.CompetenceAreas) > 0 {
				key := &r.CompetenceAreas[0]
				n, ok := names[key]
				if !ok {
					n = make([]string, len(r.CompetenceAreas))
					for i, c := range r.CompetenceAreas {
						n[i] = AreaName(c, lang)
					}
					names[key] = n
				}
				r.CompetenceAreas = n
			}
			if !yield(r, err) {
				return
			}
		}
	}
}
