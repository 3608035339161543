package content

import (
	"slices"
	"strings"
)

// Filter selects courses for the catalog page. Empty fields match everything.
type Filter struct {
	Competence string // a competence code, e.g. "KA-RECHT"
	Level      string // L1, L2, L3
	Audience   string // an audience code, e.g. "fuehrung"
	Language   string // de, en
	MaxMinutes int    // duration_minutes at most this; 0 = any
	Query      string // words that must all appear in the title or summary
}

// Filter returns the courses whose latest published version matches f, sorted by id.
func (c *Catalog) Filter(f Filter) []*Course {
	words := strings.Fields(foldText(f.Query))
	var out []*Course
	for _, course := range c.Courses() {
		m := course.Latest().Manifest
		if (f.Competence != "" && !slices.Contains(m.Competences, f.Competence)) ||
			(f.Level != "" && m.Level != f.Level) ||
			(f.Audience != "" && !slices.Contains(m.Audiences, f.Audience)) ||
			(f.Language != "" && m.Language != f.Language) ||
			(f.MaxMinutes > 0 && m.DurationMinutes > f.MaxMinutes) {
			continue
		}
		text := foldText(m.Title + " " + m.Summary)
		if !allContained(text, words) {
			continue
		}
		out = append(out, course)
	}
	return out
}

func allContained(text string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

// umlautFolding spells umlauts and ß the way people type them without a German keyboard, so
// "Fuehrung", "führung" and "FÜHRUNG" all find "Führung".
var umlautFolding = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss")

func foldText(s string) string {
	return umlautFolding.Replace(strings.ToLower(s))
}
