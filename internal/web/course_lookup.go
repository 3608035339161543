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

// courseVersionFor picks the version of a course that /courses/:course shows to the current user.
// An enrolled learner sees the version their enrollment is pinned to (after the change policy moved
// it, see enrollmentIn); everyone else the newest published version. A database error falls back to
// the newest version: the course page's own learner state reports it.
func (a *App) courseVersionFor(c *fiber.Ctx, course *content.Course) *content.Version {
	if e, _, err := a.learn.Enrollment(c.UserContext(), currentUser(c).ID, course); err == nil && e != nil {
		if v := course.Version(e.Version); v != nil {
			return v
		}
	}
	return course.Latest()
}

// contentLang is the course language when it differs from the UI language, for a lang attribute on
// the course's own texts (WCAG 3.1.2); empty when both are the same.
func contentLang(c *fiber.Ctx, v *content.Version) string {
	if v.Manifest.Language == lang(c) {
		return ""
	}
	return v.Manifest.Language
}
