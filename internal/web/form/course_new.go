package form

import (
	"net/url"
	"regexp"
	"slices"

	"github.com/ailit/ailit/internal/content"
)

// courseID is the pattern of course ids (docs/course-format.md): lowercase letters, digits, "-".
var courseID = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// CourseNew is the workspace form "Neuer Kurs".
type CourseNew struct {
	ID          string
	Title       string
	Language    string
	Level       string
	Audiences   []string
	Competences []string
}

// NewCourseNew reads the form.
func NewCourseNew(form url.Values) CourseNew {
	f := CourseNew{ID: trimmed(form, "id"), Title: trimmed(form, "title"), Language: trimmed(form, "language"), Level: trimmed(form, "level")}
	for _, v := range form["audiences"] {
		f.Audiences = append(f.Audiences, v)
	}
	for _, v := range form["competences"] {
		f.Competences = append(f.Competences, v)
	}
	return f
}

// Validate checks every field against the lists of the course format.
func (f CourseNew) Validate() Errors {
	errs := Errors{}
	switch {
	case f.ID == "":
		errs["id"] = "authoring.course.id.required"
	case len(f.ID) > 60 || !courseID.MatchString(f.ID):
		errs["id"] = "authoring.course.id.invalid"
	}
	switch {
	case f.Title == "":
		errs["title"] = "authoring.course.title.required"
	case len([]rune(f.Title)) > 120:
		errs["title"] = "authoring.course.title.long"
	}
	if !slices.Contains(content.Languages, f.Language) {
		errs["language"] = "authoring.course.language.invalid"
	}
	if !slices.Contains(content.Levels, f.Level) {
		errs["level"] = "authoring.course.level.invalid"
	}
	if len(f.Audiences) == 0 || !allIn(f.Audiences, content.AudienceCodes) {
		errs["audiences"] = "authoring.course.audiences.required"
	}
	if len(f.Competences) == 0 || !allIn(f.Competences, content.CompetenceCodes) {
		errs["competences"] = "authoring.course.competences.required"
	}
	return errs
}

func allIn(values, allowed []string) bool {
	for _, v := range values {
		if !slices.Contains(allowed, v) {
			return false
		}
	}
	return true
}
