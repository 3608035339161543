package web

import (
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/interchange"
	"github.com/ailit/ailit/internal/workspace"
)

// workspaceQuizImportConfirm writes the confirmed import: quiz.yaml and the images into the draft
// module, as one validated change. Questions that could not be converted are left out only when
// the trainer confirmed exactly that (skip=1).
func (a *App) workspaceQuizImportConfirm(c *fiber.Ctx) error {
	l := lang(c)
	courseID, m, err := a.lessonContext(c)
	if err != nil {
		return err
	}
	user := currentUser(c)
	token, format := c.FormValue("token"), c.FormValue("format")
	page := a.newQuizImportPage(courseID, m, format)
	data, ok := a.stagedImport(user.ID, token)
	if !ok {
		return a.render(c, fiber.StatusUnprocessableEntity, "workspace_quiz_import", page,
			map[string]string{"file": i18n.T(l, "interchange.import.expired")})
	}
	imp, err := interchange.ImportQuiz(format, c.FormValue("filename"), data)
	if err != nil {
		return a.render(c, fiber.StatusUnprocessableEntity, "workspace_quiz_import", page,
			map[string]string{"file": i18n.T(l, "interchange.import.unreadable", err.Error())})
	}
	imp.AvoidMediaNames(func(name string) bool { return a.workspace().MediaExists(courseID, m.Folder, name) })
	if current, _, _ := a.workspace().ReadFile(courseID, workspace.DraftFolder, quizRel(m)); current != nil {
		if existing, _ := content.ParseQuiz("quiz.yaml", current); existing != nil {
			mode := interchange.ModeAppend
			if c.FormValue("mode") == interchange.ModeReplace {
				mode = interchange.ModeReplace
			}
			imp.MergeInto(*existing, mode)
		}
	}
	files, err := imp.Files(c.FormValue("skip") == "1")
	if err != nil {
		page.setReport(imp, c.FormValue("filename"), token, l)
		return a.render(c, fiber.StatusUnprocessableEntity, "workspace_quiz_import", page,
			map[string]string{"confirm": i18n.T(l, "interchange.import.notwritten", err.Error())})
	}
	media := map[string][]byte{}
	for _, f := range files.Media {
		media[f.Name] = f.Data
	}
	err = a.workspace().ImportQuiz(workspace.QuizImport{CourseID: courseID, ModuleFolder: m.Folder, QuizYAML: files.QuizYAML, Media: media, BaseHash: c.FormValue("hash")})
	var conflict *workspace.ConflictError
	var invalid *workspace.InvalidError
	switch {
	case errors.As(err, &conflict):
		page.setReport(imp, c.FormValue("filename"), token, l)
		return a.render(c, fiber.StatusConflict, "workspace_quiz_import", page,
			map[string]string{"confirm": i18n.T(l, "interchange.import.conflict")})
	case errors.As(err, &invalid):
		var msgs []string
		for _, p := range invalid.Problems {
			msgs = append(msgs, p.String())
		}
		page.setReport(imp, c.FormValue("filename"), token, l)
		return a.render(c, fiber.StatusUnprocessableEntity, "workspace_quiz_import", page,
			map[string]string{"confirm": i18n.T(l, "interchange.import.notwritten", strings.Join(msgs, "; "))})
	case err != nil:
		return err
	}
	a.dropStagedImport(user.ID, token)
	a.reloadAfterChange(c, "quiz import into "+m.Folder+" of "+courseID)
	webSession(c).flash(i18n.T(l, "interchange.import.done", len(imp.Converted), len(imp.Skipped)))
	return c.Redirect("/workspace/"+courseID+"/draft/quiz/"+m.ID, fiber.StatusSeeOther)
}
