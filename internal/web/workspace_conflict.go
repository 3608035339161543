package web

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/workspace"
)

type workspaceConflictPage struct {
	CourseID  string
	File      string // relative to the draft folder
	Mine      string // what the trainer tried to save
	Hash      string // the hash of the file on disk now: saving "mine" with it overwrites knowingly
	Diff      []workspace.DiffLine
	ReloadURL string // the editor, which loads the current file
	Errors    string // a validation problem of "mine"
}

// renderConflict shows both versions of a file with a line diff, "keep mine" and "reload".
func (a *App) renderConflict(c *fiber.Ctx, courseID, file string, mine []byte, conflict *workspace.ConflictError, reloadURL string) error {
	page := workspaceConflictPage{CourseID: courseID, File: file, Mine: string(mine), Hash: conflict.Hash,
		Diff: workspace.LineDiff(string(conflict.Current), string(mine)), ReloadURL: reloadURL}
	return a.render(c, fiber.StatusConflict, "workspace_conflict", page, nil)
}

// workspaceFileSave saves a whole file of the draft as text: the "keep my version" button of the
// conflict page. The usual checks apply: a stale hash is a conflict again, invalid content is refused.
func (a *App) workspaceFileSave(c *fiber.Ctx) error {
	courseID, _, err := a.workspaceFolder(c)
	if err != nil {
		return err
	}
	file, mine, back := c.FormValue("file"), []byte(c.FormValue("content")), c.FormValue("back")
	if !isWorkspaceURL(back) {
		back = previewBase(courseID, workspace.DraftFolder)
	}
	if err := workspace.CheckFileName(file); err != nil {
		// A form without a file, or with one outside the draft: the request is wrong, not the server.
		return domain.Errorf(domain.EINVALID, "%s", i18n.T(lang(c), "ops.workspace.file_invalid", file))
	}
	err = a.workspace().SaveFile(courseID, file, mine, c.FormValue("hash"))
	var conflict *workspace.ConflictError
	if errors.As(err, &conflict) {
		return a.renderConflict(c, courseID, file, mine, conflict, back)
	}
	if err != nil {
		errs, err := saveErrors(lang(c), err, file, nil, "content")
		if err != nil {
			return err
		}
		current, hash, _ := a.workspace().ReadFile(courseID, workspace.DraftFolder, file)
		page := workspaceConflictPage{CourseID: courseID, File: file, Mine: string(mine), Hash: hash,
			Diff: workspace.LineDiff(string(current), string(mine)), ReloadURL: back, Errors: errs["content"]}
		return a.render(c, fiber.StatusUnprocessableEntity, "workspace_conflict", page, nil)
	}
	a.reloadAfterChange(c, "file "+file+" of "+courseID)
	webSession(c).flash(i18n.T(lang(c), "workspace.saved"))
	return c.Redirect(back, fiber.StatusSeeOther)
}

// isWorkspaceURL accepts only local workspace paths as redirect targets.
func isWorkspaceURL(u string) bool {
	return len(u) > len("/workspace/") && u[:len("/workspace/")] == "/workspace/" && u[1] != '/'
}
