package content

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Manifest is a course.yaml: the description of one version of a course.
type Manifest struct {
	ID              string
	Version         string
	Status          string // StatusPublished or StatusDraft
	Change          string // ChangePatch, ChangeMinor, ChangeMajor or "" for a first release
	Title           string
	Summary         string
	Language        string // "de" or "en"
	TranslationOf   string // the course this one translates ("" for an original); see family.go
	DurationMinutes int
	Level           string // L1, L2, L3
	Competences     []string
	Audiences       []string
	Objectives      []string
	License         string
	Authors         []Author
	LegalStatusAsOf time.Time // a date (UTC midnight)
	ReviewDue       time.Time // a date (UTC midnight)
	ValidityMonths  int       // 0 = completions never expire
	Completion      Completion
}

// Author of a course; Organisation is optional.
type Author struct {
	Name         string `yaml:"name"`
	Organisation string `yaml:"organisation"`
}

// Completion says what a learner must do to complete the course.
type Completion struct {
	Modules Rule // modules that must be read
	Quizzes Rule // modules whose quiz must be passed
}

// Rule is "all", "none" or a list of module ids. Version.RequiredModules and
// Version.RequiredQuizzes resolve it to module ids.
type Rule struct {
	All  bool
	None bool
	IDs  []string
}

// Values of status and change.
const (
	StatusPublished = "published"
	StatusDraft     = "draft"
	ChangePatch     = "patch"
	ChangeMinor     = "minor"
	ChangeMajor     = "major"
)

// The closed lists of docs/course-format.md.
var (
	CompetenceCodes = []string{"KA-GRUND", "KA-KRIT", "KA-SICHER", "KA-RECHT", "KA-AUFSICHT", "KA-ANWEND", "KA-SYSTEM", "KA-GESELL", "KA-STEUER"}
	AudienceCodes   = []string{"alle", "anwendende", "aufsicht", "fuehrung", "fachreferat", "it", "dsb-isb", "extern"}
	Levels          = []string{"L1", "L2", "L3"}
	Languages       = []string{"de", "en"}
)

var (
	idPattern     = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	semverPattern = regexp.MustCompile(`^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$`)
)

// manifestFile is course.yaml as written; ParseManifest turns it into a Manifest.
type manifestFile struct {
	ID              string   `yaml:"id"`
	Version         string   `yaml:"version"`
	Status          string   `yaml:"status"`
	Change          string   `yaml:"change"`
	Title           string   `yaml:"title"`
	Summary         string   `yaml:"summary"`
	Language        string   `yaml:"language"`
	TranslationOf   string   `yaml:"translation_of"`
	DurationMinutes int      `yaml:"duration_minutes"`
	Level           string   `yaml:"level"`
	Competences     []string `yaml:"competences"`
	Audiences       []string `yaml:"audiences"`
	Objectives      []string `yaml:"objectives"`
	License         string   `yaml:"license"`
	Authors         []Author `yaml:"authors"`
	LegalStatusAsOf string   `yaml:"legal_status_as_of"`
	ReviewDue       string   `yaml:"review_due"`
	ValidityMonths  int      `yaml:"validity_months"`
	Completion      struct {
		Modules any `yaml:"modules"`
		Quizzes any `yaml:"quizzes"`
	} `yaml:"completion"`
}

var requiredManifestFields = []string{"id", "version", "title", "summary", "language", "duration_minutes",
	"level", "competences", "audiences", "license", "authors", "legal_status_as_of", "review_due",
	"validity_months", "completion", "completion.modules", "completion.quizzes"}

// ParseManifest reads a course.yaml. relPath is used in problems. The manifest is nil when the file
// cannot be read as YAML; otherwise it is returned together with every problem found in it alone
// (checks against folder names and modules happen in the loader).
func ParseManifest(relPath string, data []byte) (*Manifest, []Problem) {
	m, _, ps := parseManifest(relPath, data)
	return m, ps
}

// parseManifest is ParseManifest that also returns the YAML positions for later checks.
func parseManifest(relPath string, data []byte) (*Manifest, *yamlDoc, []Problem) {
	var f manifestFile
	doc, ps := decodeYAML(relPath, data, 0, &f)
	if doc == nil {
		return nil, nil, ps
	}
	ps = append(ps, doc.requireFields(requiredManifestFields...)...)
	m := &Manifest{
		ID: f.ID, Version: f.Version, Status: f.Status, Change: f.Change, Title: strings.TrimSpace(f.Title),
		Summary: strings.TrimSpace(f.Summary), Language: f.Language, TranslationOf: f.TranslationOf, DurationMinutes: f.DurationMinutes,
		Level: f.Level, Competences: f.Competences, Audiences: f.Audiences, Objectives: f.Objectives,
		License: f.License, Authors: f.Authors, ValidityMonths: f.ValidityMonths,
	}
	if m.Status == "" {
		m.Status = StatusPublished
	}
	check := func(ok bool, path, format string, args ...any) {
		if !ok && doc.has(path) {
			ps = append(ps, doc.problemAt(path, format, args...))
		}
	}
	check(idPattern.MatchString(f.ID), "$.id", "id %q may contain only lowercase letters, digits and single hyphens", f.ID)
	check(semverPattern.MatchString(f.Version), "$.version", "version %q is not of the form MAJOR.MINOR.PATCH, for example 1.0.0", f.Version)
	check(f.Status == "" || f.Status == StatusPublished || f.Status == StatusDraft, "$.status", "status %q must be published or draft", f.Status)
	check(f.Change == "" || slices.Contains([]string{ChangePatch, ChangeMinor, ChangeMajor}, f.Change), "$.change", "change %q must be patch, minor or major", f.Change)
	check(m.Title != "", "$.title", "title must not be empty")
	check(m.Summary != "", "$.summary", "summary must not be empty")
	check(slices.Contains(Languages, f.Language), "$.language", "language %q must be one of: %s", f.Language, strings.Join(Languages, ", "))
	check(f.TranslationOf == "" || idPattern.MatchString(f.TranslationOf), "$.translation_of", "translation_of %q must be a course id (lowercase letters, digits and single hyphens)", f.TranslationOf)
	check(f.TranslationOf == "" || f.TranslationOf != f.ID, "$.translation_of", "translation_of names the course itself; name the course this one translates")
	check(f.DurationMinutes > 0, "$.duration_minutes", "duration_minutes must be more than 0")
	check(slices.Contains(Levels, f.Level), "$.level", "level %q must be one of: %s", f.Level, strings.Join(Levels, ", "))
	ps = append(ps, checkCodes(doc, "competences", f.Competences, CompetenceCodes, "competence code")...)
	ps = append(ps, checkCodes(doc, "audiences", f.Audiences, AudienceCodes, "audience")...)
	check(strings.TrimSpace(f.License) != "", "$.license", "license must not be empty (shipped courses use CC-BY-SA-4.0)")
	check(len(f.Authors) > 0, "$.authors", "authors must list at least one author")
	for i, a := range f.Authors {
		check(strings.TrimSpace(a.Name) != "", fmt.Sprintf("$.authors[%d]", i), "every author needs a name")
	}
	check(f.ValidityMonths >= 0, "$.validity_months", "validity_months must be 0 (never expires) or more")

	var dateErr bool
	m.LegalStatusAsOf, dateErr = parseDate(f.LegalStatusAsOf)
	check(!dateErr, "$.legal_status_as_of", "legal_status_as_of %q is not a date of the form 2026-11-01", f.LegalStatusAsOf)
	m.ReviewDue, dateErr = parseDate(f.ReviewDue)
	check(!dateErr, "$.review_due", "review_due %q is not a date of the form 2027-05-01", f.ReviewDue)
	if !m.LegalStatusAsOf.IsZero() && !m.ReviewDue.IsZero() {
		check(m.ReviewDue.After(m.LegalStatusAsOf), "$.review_due", "review_due must be later than legal_status_as_of")
	}

	var ok bool
	m.Completion.Modules, ok = parseRule(f.Completion.Modules, false)
	check(ok, "$.completion.modules", "completion.modules must be all or a list of module ids")
	m.Completion.Quizzes, ok = parseRule(f.Completion.Quizzes, true)
	check(ok, "$.completion.quizzes", "completion.quizzes must be all, none or a list of module ids")
	return m, doc, ps
}

// checkCodes checks a required, non-empty list against a closed list of codes.
func checkCodes(doc *yamlDoc, field string, got, allowed []string, what string) []Problem {
	var ps []Problem
	if len(got) == 0 && doc.has("$."+field) {
		ps = append(ps, doc.problemAt("$."+field, "%s must list at least one %s", field, what))
	}
	for i, c := range got {
		if !slices.Contains(allowed, c) {
			ps = append(ps, doc.problemAt(fmt.Sprintf("$.%s[%d]", field, i), "unknown %s %q; allowed: %s", what, c, strings.Join(allowed, ", ")))
		} else if slices.Index(got, c) < i {
			ps = append(ps, doc.problemAt(fmt.Sprintf("$.%s[%d]", field, i), "%s %q is listed twice", what, c))
		}
	}
	return ps
}

// parseDate parses YYYY-MM-DD; an empty string is no date and no error (the field is required
// separately).
func parseDate(s string) (t time.Time, bad bool) {
	if s == "" {
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateOnly, s)
	return t, err != nil
}

// parseRule reads "all", "none" (when allowed) or a list of ids.
func parseRule(v any, noneAllowed bool) (Rule, bool) {
	switch v := v.(type) {
	case nil:
		return Rule{}, true // missing: reported as a required field
	case string:
		switch {
		case v == "all":
			return Rule{All: true}, true
		case v == "none" && noneAllowed:
			return Rule{None: true}, true
		}
	case []any:
		r := Rule{IDs: make([]string, 0, len(v))}
		for _, item := range v {
			s, ok := item.(string)
			if !ok {
				return Rule{}, false
			}
			r.IDs = append(r.IDs, s)
		}
		return r, true
	}
	return Rule{}, false
}
