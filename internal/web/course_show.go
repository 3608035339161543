package web

import (
	"html/template"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/learning"
)

type coursePage struct {
	Version *content.Version
	Newer   *content.Version // the latest version, when this one is older
	Lang    string           // the course language when it differs from the UI language
	Overdue bool             // review_due has passed
	Learner *learning.State  // the current user's enrollment and progress (internal/learning)
	// The course in other languages (course_family.go); Preferred is the one in the UI language
	// when this course is in another.
	Translations []familyLink
	Preferred    *familyLink
	// Rendered once per version and language and kept (course_kept.go).
	Head, Outline, Tail, Modules template.HTML
}

// courseShow shows the course page of the version the user should take: the one their enrollment
// is pinned to (learners move to new patch releases after a reload), else the newest published one.
func (a *App) courseShow(c *fiber.Ctx) error {
	course, err := publishedCourse(a.lib.Catalog(), c)
	if err != nil {
		return err
	}
	v, learner, err := a.learn.CourseState(c.UserContext(), currentUser(c).ID, course)
	if err != nil {
		return err
	}
	return a.renderCourse(c, course, v, learner)
}

// courseVersionShow shows the course page of one published version.
func (a *App) courseVersionShow(c *fiber.Ctx) error {
	cat := a.lib.Catalog()
	course, err := publishedCourse(cat, c)
	if err != nil {
		return err
	}
	v, err := publishedVersion(cat, c)
	if err != nil {
		return err
	}
	learner, err := a.learn.State(c.UserContext(), currentUser(c).ID, v)
	if err != nil {
		return err
	}
	return a.renderCourse(c, course, v, learner)
}

func (a *App) renderCourse(c *fiber.Ctx, course *content.Course, v *content.Version, learner *learning.State) (err error) {
	page := coursePage{Version: v, Lang: contentLang(c, v), Overdue: v.ReviewOverdue(time.Now()), Learner: learner,
		Translations: familyLinks(c, a.lib.Catalog(), course)}
	if page.Lang != "" {
		page.Preferred = preferredTranslation(c, page.Translations)
	}
	if latest := course.Latest(); latest != v {
		page.Newer = latest
	}
	l := lang(c)
	if page.Modules, err = a.tpl.kept.courseModules(v, l, page.Lang, learner); err != nil {
		return err
	}
	if page.Head, page.Outline, page.Tail, err = a.tpl.kept.courseParts(v, l, page.Lang, page.Overdue); err != nil {
		return err
	}
	return a.render(c, fiber.StatusOK, "course", page, nil)
}
