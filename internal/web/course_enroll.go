package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/store"
)

// courseEnroll enrolls the current user in a course, pinned to the newest published version and its
// content hash. Enrolling again changes nothing.
func (a *App) courseEnroll(c *fiber.Ctx) error {
	course, err := publishedCourse(a.lib.Catalog(), c)
	if err != nil {
		return err
	}
	latest := course.Latest()
	e := &store.Enrollment{UserID: currentUser(c).ID, CourseID: course.ID, Version: latest.Version,
		ContentHash: latest.Hash, Source: store.SourceSelf}
	created, err := a.db.Enroll(c.UserContext(), e)
	if err != nil {
		return err
	}
	if created {
		webSession(c).flash(i18n.T(lang(c), "progress.flash.enrolled", latest.Manifest.Title))
	}
	return c.Redirect(coursePath(course.ID), fiber.StatusSeeOther)
}
