package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/workspace"
)

// workspaceModuleAdd adds a module at the end of the draft ("Modul hinzufügen").
func (a *App) workspaceModuleAdd(c *fiber.Ctx) error {
	courseID, _, err := a.workspaceFolder(c)
	if err != nil {
		return err
	}
	_, err = a.workspace().AddModule(courseID, c.FormValue("new_title"))
	return a.moduleChangeDone(c, courseID, err, "new_title", "authoring.module.added")
}

// workspaceModuleRename changes a module's title; its id and folder stay.
func (a *App) workspaceModuleRename(c *fiber.Ctx) error {
	courseID, m, err := a.lessonContext(c)
	if err != nil {
		return err
	}
	err = a.workspace().RenameModule(courseID, m.ID, c.FormValue("title-"+m.ID), c.FormValue("hash"))
	return a.moduleChangeDone(c, courseID, err, "title-"+m.ID, "authoring.module.renamed")
}

// workspaceModuleMove moves a module one place up or down and renumbers the folders.
func (a *App) workspaceModuleMove(c *fiber.Ctx) error {
	courseID, m, err := a.lessonContext(c)
	if err != nil {
		return err
	}
	delta := 1
	if c.FormValue("direction") == "up" {
		delta = -1
	}
	err = a.workspace().MoveModule(courseID, m.ID, delta)
	return a.moduleChangeDone(c, courseID, err, "module-"+m.ID, "authoring.module.moved")
}

// workspaceModuleQuizAdd gives a module an example quiz to edit.
func (a *App) workspaceModuleQuizAdd(c *fiber.Ctx) error {
	courseID, m, err := a.lessonContext(c)
	if err != nil {
		return err
	}
	err = a.workspace().AddQuiz(courseID, m.ID, a.courseLanguage(courseID, workspace.DraftFolder))
	if err != nil {
		return a.moduleChangeDone(c, courseID, err, "module-"+m.ID, "")
	}
	a.reloadAfterChange(c, "new quiz in "+courseID)
	return c.Redirect("/workspace/"+courseID+"/draft/quiz/"+m.ID, fiber.StatusSeeOther)
}
