package web

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/learning"
	"github.com/ailit/ailit/internal/progress"
)

// lessonDone marks a lesson as read and goes on: to the module's quiz when it still counts, else to
// the next open module, else to the course page. When this completes the course, the completion is
// recorded in the same transaction and the course page says so.
func (a *App) lessonDone(c *fiber.Ctx) error {
	cat := a.lib.Catalog()
	course, err := publishedCourse(cat, c)
	if err != nil {
		return err
	}
	v, err := publishedVersion(cat, c)
	if err != nil {
		return err
	}
	m := v.Module(c.Params("module"))
	if m == nil {
		return domain.Errorf(domain.ENOTFOUND, "no module %q in %s %s", c.Params("module"), v.CourseID, v.Version)
	}
	l := lang(c)
	res, completedNow, err := a.learn.MarkRead(c.UserContext(), currentUser(c).ID, course, v, m)
	if errors.Is(err, learning.ErrNotInVersion) {
		return domain.Errorf(domain.ECONFLICT, "%s", i18n.T(l, "progress.error.not_enrolled", v.Version))
	}
	if err != nil {
		return err
	}
	if completedNow {
		webSession(c).flash(i18n.T(l, "progress.flash.completed"))
		return c.Redirect(coursePath(v.CourseID), fiber.StatusSeeOther)
	}
	return c.Redirect(afterLesson(v, m, res), fiber.StatusSeeOther)
}

// afterLesson is where "mark as read and continue" leads: to this module's quiz while it still
// counts (read, then test), else to the next open module (its quiz, when only that is open), else
// to the course page.
func afterLesson(v *content.Version, m *content.Module, res progress.Result) string {
	if quizOpen(res, m.ID) {
		return quizPath(v.CourseID, v.Version, m.ID)
	}
	next := res.NextAfter(m.ID)
	if res.Complete { // reading again after completing: simply the next module
		if n := m.Next(); n != nil {
			next = n.ID
		}
	}
	switch {
	case next == "" || next == m.ID:
		return coursePath(v.CourseID)
	case quizOpen(res, next):
		return quizPath(v.CourseID, v.Version, next)
	}
	return modulePath(v.CourseID, v.Version, next)
}

// quizOpen reports whether a module's lesson is read but its quiz, which counts for completion, is
// not passed yet.
func quizOpen(res progress.Result, moduleID string) bool {
	for _, st := range res.Modules {
		if st.ID == moduleID {
			return st.ReadDone && st.QuizRequired && !st.QuizPassedDone
		}
	}
	return false
}

func coursePath(courseID string) string { return "/courses/" + courseID }

func modulePath(courseID, version, moduleID string) string {
	return content.VersionBase(courseID, version) + "/m/" + moduleID
}
