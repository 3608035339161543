// Package contenttest writes small, valid course manifests for tests and the load test, so each
// test states only what it cares about (id, title, completion rule) instead of a copy of the whole
// course.yaml.
package contenttest

import "fmt"

// Manifest describes a course.yaml; empty fields get defaults that pass the validator.
type Manifest struct {
	ID, Version, Change string // Change is omitted when empty (first release)
	Title, Summary      string
	Minutes             int
	Quizzes             string // completion rule for quizzes: all (default), none, or a YAML list
	ReviewDue           string // default 2027-05-01
}

// YAML renders the manifest.
func (m Manifest) YAML() string {
	change := ""
	if m.Change != "" {
		change = "change: " + m.Change + "\n"
	}
	return fmt.Sprintf(`id: %s
version: %s
%stitle: %s
summary: %s
language: de
duration_minutes: %d
level: L1
competences: [KA-GRUND]
audiences: [alle]
license: CC-BY-SA-4.0
authors:
  - name: Team Test
legal_status_as_of: 2026-11-01
review_due: %s
validity_months: 24
completion:
  modules: all
  quizzes: %s
`, m.ID, or(m.Version, "1.0.0"), change, or(m.Title, "Testkurs"), or(m.Summary, "Ein Kurs für Tests."),
		max(m.Minutes, 5), or(m.ReviewDue, "2027-05-01"), or(m.Quizzes, "all"))
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
