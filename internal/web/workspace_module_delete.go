package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/workspace"
)

// workspaceDeletePage asks before a module or a quiz is deleted.
type workspaceDeletePage struct {
	CourseID string
	Module   workspace.ModuleFolder
	Quiz     bool // deleting the quiz, not the module
}

// workspaceModuleDeleteShow asks whether to delete a module with its lesson, quiz and media.
func (a *App) workspaceModuleDeleteShow(c *fiber.Ctx) error {
	return a.showDelete(c, false)
}

// workspaceQuizDeleteShow asks whether to delete a module's quiz.
func (a *App) workspaceQuizDeleteShow(c *fiber.Ctx) error {
	return a.showDelete(c, true)
}

func (a *App) showDelete(c *fiber.Ctx, quiz bool) error {
	courseID, m, err := a.lessonContext(c)
	if err != nil {
		return err
	}
	return a.render(c, fiber.StatusOK, "workspace_delete", workspaceDeletePage{CourseID: courseID, Module: m, Quiz: quiz}, nil)
}

// workspaceModuleDelete deletes a module and renumbers the others; the validator refuses it while
// something still names the module.
func (a *App) workspaceModuleDelete(c *fiber.Ctx) error {
	courseID, m, err := a.lessonContext(c)
	if err != nil {
		return err
	}
	err = a.workspace().DeleteModule(courseID, m.ID)
	return a.moduleChangeDone(c, courseID, err, "module-"+m.ID, "authoring.module.deleted")
}

// workspaceQuizDelete deletes a module's quiz.
func (a *App) workspaceQuizDelete(c *fiber.Ctx) error {
	courseID, m, err := a.lessonContext(c)
	if err != nil {
		return err
	}
	err = a.workspace().DeleteQuiz(courseID, m.ID)
	return a.moduleChangeDone(c, courseID, err, "module-"+m.ID, "authoring.quiz.deleted")
}
