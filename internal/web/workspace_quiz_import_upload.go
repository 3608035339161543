package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/interchange"
	"github.com/ailit/ailit/internal/web/form"
)

// workspaceQuizImportUpload converts an uploaded question file and shows, question by question,
// what was converted and what was not. Nothing is written yet: the upload waits for the confirm.
func (a *App) workspaceQuizImportUpload(c *fiber.Ctx) error {
	l := lang(c)
	courseID, m, err := a.lessonContext(c)
	if err != nil {
		return err
	}
	file, _ := c.FormFile("file") // none: the form says so
	f, err := form.NewQuizImport(formValues(c), file)
	if err != nil {
		return err
	}
	page := a.newQuizImportPage(courseID, m, f.Format)
	if errs := f.Validate(); len(errs) > 0 {
		return a.render(c, fiber.StatusUnprocessableEntity, "workspace_quiz_import", page, errs.Translate(func(k string, args ...any) string { return i18n.T(l, k, args...) }))
	}
	imp, err := interchange.ImportQuiz(f.Format, f.FileName, f.Data)
	if err != nil {
		// A file that cannot be read at all (malformed XML, a refused zip): the message names the line.
		return a.render(c, fiber.StatusUnprocessableEntity, "workspace_quiz_import", page,
			map[string]string{"file": i18n.T(l, "interchange.import.unreadable", err.Error())})
	}
	token, err := a.stageImport(currentUser(c).ID, f.Data)
	if err != nil {
		return err
	}
	page.setReport(imp, f.FileName, token, l)
	return a.render(c, fiber.StatusOK, "workspace_quiz_import", page, nil)
}
