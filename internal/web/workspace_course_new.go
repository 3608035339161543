package web

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/web/form"
	"github.com/ailit/ailit/internal/workspace"
)

type workspaceCourseNewPage struct {
	Form        form.CourseNew
	Languages   []string
	Levels      []string
	Audiences   []string
	Competences []string
}

func newCourseNewPage(f form.CourseNew) workspaceCourseNewPage {
	return workspaceCourseNewPage{Form: f, Languages: content.Languages, Levels: content.Levels,
		Audiences: content.AudienceCodes, Competences: content.CompetenceCodes}
}

// workspaceCourseNewShow shows the short form of "Neuer Kurs".
func (a *App) workspaceCourseNewShow(c *fiber.Ctx) error {
	f := form.CourseNew{Language: lang(c), Level: "L1"}
	return a.render(c, fiber.StatusOK, "workspace_course_new", newCourseNewPage(f), nil)
}

// workspaceCourseNewCreate creates the draft of a new course from the template and opens it.
func (a *App) workspaceCourseNewCreate(c *fiber.Ctx) error {
	l := lang(c)
	f := form.NewCourseNew(formValues(c))
	page := newCourseNewPage(f)
	if errs := f.Validate(); len(errs) > 0 {
		return a.render(c, fiber.StatusUnprocessableEntity, "workspace_course_new", page, errs.Translate(func(k string, args ...any) string { return i18n.T(l, k, args...) }))
	}
	err := a.workspace().NewCourse(workspace.NewCourseSpec{ID: f.ID, Title: f.Title, Language: f.Language, Level: f.Level,
		Audiences: f.Audiences, Competences: f.Competences, Author: currentUser(c).DisplayName, Today: a.db.Now().In(i18n.Berlin)})
	var inv *workspace.InvalidError
	switch {
	case errors.Is(err, workspace.ErrCourseExists):
		return a.render(c, fiber.StatusConflict, "workspace_course_new", page, map[string]string{"id": i18n.T(l, "authoring.course.id.taken")})
	case errors.As(err, &inv):
		return a.render(c, fiber.StatusUnprocessableEntity, "workspace_course_new", page, problemErrors(l, inv.Problems, "course.yaml", nil, "title"))
	case err != nil:
		return err
	}
	a.reloadAfterChange(c, "new course "+f.ID)
	webSession(c).flash(i18n.T(l, "authoring.course.created"))
	return c.Redirect(previewBase(f.ID, workspace.DraftFolder), fiber.StatusSeeOther)
}
