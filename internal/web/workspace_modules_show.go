package web

import (
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/workspace"
)

// workspaceModulesPage is "Module verwalten": the draft's modules in order with their actions.
type workspaceModulesPage struct {
	CourseID string
	Modules  []workspaceModuleRow
	NewTitle string // as typed in "Modul hinzufügen"
	Problem  string // a refused change, with file:line
}

type workspaceModuleRow struct {
	workspace.ModuleFolder
	LessonHash  string
	First, Last bool
}

func (a *App) modulesPage(courseID string) (workspaceModulesPage, error) {
	mods, err := a.workspace().Modules(courseID, workspace.DraftFolder)
	if err != nil {
		return workspaceModulesPage{}, domain.Errorf(domain.ENOTFOUND, "%v", err)
	}
	page := workspaceModulesPage{CourseID: courseID}
	for i, m := range mods {
		_, hash, err := a.workspace().ReadFile(courseID, workspace.DraftFolder, lessonRel(m))
		if err != nil {
			return page, err
		}
		page.Modules = append(page.Modules, workspaceModuleRow{ModuleFolder: m, LessonHash: hash, First: i == 0, Last: i == len(mods)-1})
	}
	return page, nil
}

// workspaceModulesShow lists the draft's modules with add, rename, move, delete and quiz actions.
func (a *App) workspaceModulesShow(c *fiber.Ctx) error {
	courseID, _, err := a.workspaceFolder(c)
	if err != nil {
		return err
	}
	page, err := a.modulesPage(courseID)
	if err != nil {
		return err
	}
	return a.render(c, fiber.StatusOK, "workspace_modules", page, nil)
}

// moduleChangeDone reloads the catalog and returns to the module list with a message, or shows the
// list again with the reason a change was refused next to the field (or on top).
func (a *App) moduleChangeDone(c *fiber.Ctx, courseID string, err error, field, done string) error {
	l := lang(c)
	if err == nil {
		a.reloadAfterChange(c, "modules of "+courseID)
		webSession(c).flash(i18n.T(l, done))
		return c.Redirect("/workspace/"+courseID+"/draft/modules", fiber.StatusSeeOther)
	}
	page, perr := a.modulesPage(courseID)
	if perr != nil {
		return perr
	}
	var inv *workspace.InvalidError
	var conflict *workspace.ConflictError
	msg := ""
	switch {
	case errors.As(err, &inv):
		for _, p := range inv.Problems {
			msg += i18n.T(l, "workspace.problem", shortPath(p.Path), p.Line, p.Message) + " "
		}
		msg = i18n.T(l, "authoring.modules.refused", strings.TrimSpace(msg))
	case errors.As(err, &conflict):
		msg = i18n.T(l, "authoring.modules.conflict")
	case errors.Is(err, workspace.ErrModuleTitle):
		msg = i18n.T(l, "authoring.module.title.required")
	case errors.Is(err, workspace.ErrLastModule):
		msg = i18n.T(l, "authoring.module.last")
	case errors.Is(err, workspace.ErrHasQuiz), errors.Is(err, workspace.ErrNoQuiz):
		msg = i18n.T(l, "authoring.module.quiz.state")
	case errors.Is(err, workspace.ErrNoDraft):
		return domain.Errorf(domain.ENOTFOUND, "%v", err)
	default:
		return err
	}
	page.NewTitle = c.FormValue("new_title")
	return a.render(c, fiber.StatusUnprocessableEntity, "workspace_modules", page, map[string]string{field: msg})
}
