package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/domain"
)

// Course pages show published versions only. Drafts and versions the library refused are not in the
// learner-facing catalog, so every lookup below answers 404 for them.

// publishedCourse finds the course named by the :course parameter.
func publishedCourse(cat *content.Catalog, c *fiber.Ctx) (*content.Course, error) {
	course := cat.Course(c.Params("course"))
	if course == nil {
		return nil, domain.Errorf(domain.ENOTFOUND, "no published course %q", c.Params("course"))
	}
	return course, nil
}

// publishedVersion finds the version named by the :course and :version parameters.
func publishedVersion(cat *content.Catalog, c *fiber.Ctx) (*content.Version, error) {
	v := cat.Version(c.Params("course"), c.Params("version"))
	if v == nil {
		return nil, domain.Errorf(domain.ENOTFOUND, "no published version %q of course %q", c.Params("version"), c.Params("course"))
	}
	return v, nil
}

// contentLang is the course language when it differs from the UI language, for a lang attribute on
// the course's own texts (WCAG 3.1.2); empty when both are the same.
func contentLang(c *fiber.Ctx, v *content.Version) string {
	if v.Manifest.Language == lang(c) {
		return ""
	}
	return v.Manifest.Language
}
