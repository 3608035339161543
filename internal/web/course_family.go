package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/i18n"
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
