package web

import (
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/content"
)

// durationChoices are the "at most N minutes" options of the catalog filter.
var durationChoices = []int{30, 45, 60, 90, 120}

type catalogPage struct {
	Filter    content.Filter
	Filtered  bool
	Cards     []catalogCard
	Durations []int
	// The closed lists of docs/course-format.md, for the filter's select boxes.
	Competences, Levels, Audiences, Languages []string
}

// catalogCard is the latest published version of a course, with the language its texts are in.
type catalogCard struct {
	Version *content.Version
	Lang    string       // set when the course language differs from the UI language
	Also    []familyLink // the course in other languages (course_family.go)
}

// coursesList shows the catalog of published courses with filters that work without JavaScript.
func (a *App) coursesList(c *fiber.Ctx) error {
	f := catalogFilter(c)
	page := catalogPage{
		Filter: f, Filtered: f != content.Filter{}, Durations: durationChoices,
		Competences: content.CompetenceCodes, Levels: content.Levels, Audiences: content.AudienceCodes, Languages: content.Languages,
	}
	cat := a.lib.Catalog()
	page.Cards = familyCards(c, cat, cat.Filter(f), f.Language != "")
	return a.render(c, fiber.StatusOK, "courses", page, nil)
}

// catalogFilter reads the filter from the query string. Values outside the closed lists are
// ignored, so an old bookmark or a hand-edited address shows the catalog instead of an error.
func catalogFilter(c *fiber.Ctx) content.Filter {
	oneOf := func(v string, allowed []string) string {
		if slices.Contains(allowed, v) {
			return v
		}
		return ""
	}
	f := content.Filter{
		Competence: oneOf(c.Query("competence"), content.CompetenceCodes),
		Level:      oneOf(c.Query("level"), content.Levels),
		Audience:   oneOf(c.Query("audience"), content.AudienceCodes),
		Language:   oneOf(c.Query("language"), content.Languages),
		Query:      strings.TrimSpace(c.Query("q")),
	}
	if n, err := strconv.Atoi(c.Query("max")); err == nil && slices.Contains(durationChoices, n) {
		f.MaxMinutes = n
	}
	return f
}
