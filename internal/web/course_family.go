package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/store"
)

// A course and its translations form a family (content/family.go). Learners see the course in
// their language where the family has it: the dashboard and the catalog link to it, and every
// course page offers the other languages as a switch.

// familyLink is another language of a course, for the switch on the course page and the catalog.
type familyLink struct {
	URL      string
	Title    string // in the course's own language
	Language string // the course language, for lang and hreflang
	Name     string // the language's name in the UI language ("Englisch")
}

// familyLinks returns the other courses of course's family, original first.
func familyLinks(c *fiber.Ctx, cat *content.Catalog, course *content.Course) []familyLink {
	var out []familyLink
	for _, other := range cat.Family(course.ID) {
		if other.ID == course.ID {
			continue
		}
		m := other.Latest().Manifest
		out = append(out, familyLink{URL: coursePath(other.ID), Title: m.Title, Language: m.Language,
			Name: i18n.T(lang(c), "courses.language."+m.Language)})
	}
	return out
}

// preferredTranslation is the link of the family's course in the UI language, when the shown
// course is in another language and the family has one in the UI language.
func preferredTranslation(c *fiber.Ctx, links []familyLink) *familyLink {
	for i := range links {
		if links[i].Language == lang(c) {
			return &links[i]
		}
	}
	return nil
}

// familyCards keeps one catalog card per course family: the course in the UI language where
// there is one, else the first course of the family found, with the other languages as links.
// When the filter asks for a language, every course of it is a card of its own.
func familyCards(c *fiber.Ctx, cat *content.Catalog, courses []*content.Course, byLanguage bool) []catalogCard {
	var cards []catalogCard
	index := map[string]int{} // family root → card
	for _, course := range courses {
		v := course.Latest()
		card := catalogCard{Version: v, Lang: contentLang(c, v), Also: familyLinks(c, cat, course)}
		root := cat.FamilyRoot(course.ID)
		i, seen := index[root]
		switch {
		case byLanguage || !seen:
			index[root] = len(cards)
			cards = append(cards, card)
		case v.Manifest.Language == lang(c) && cards[i].Version.Manifest.Language != lang(c):
			cards[i] = card
		}
	}
	return cards
}

// familyTaken returns whether an enrollment is one an assignment made and nobody touched, while
// the learner works on or has completed another course of its family: an assignment enrolls in the
// original, and a learner who takes the translation should not see the original as open as well.
func familyTaken(cat *content.Catalog, enrollments []store.Enrollment, completions []store.Completion) func(e *store.Enrollment) bool {
	taken := map[string]map[string]bool{} // family root → courses worked on or completed
	mark := func(courseID string) {
		root := cat.FamilyRoot(courseID)
		if taken[root] == nil {
			taken[root] = map[string]bool{}
		}
		taken[root][courseID] = true
	}
	for _, e := range enrollments {
		if e.LastActivityAt.After(e.EnrolledAt) {
			mark(e.CourseID)
		}
	}
	for _, c := range completions {
		if c.RevokedAt == nil {
			mark(c.CourseID)
		}
	}
	return func(e *store.Enrollment) bool {
		if e.Source != store.SourceAssignment || e.LastActivityAt.After(e.EnrolledAt) {
			return false
		}
		for id := range taken[cat.FamilyRoot(e.CourseID)] {
			if id != e.CourseID {
				return true
			}
		}
		return false
	}
}
