package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/workspace"
)

// workspaceMediaReplace gives a media file new content of the same type under the same name.
func (a *App) workspaceMediaReplace(c *fiber.Ctx) error {
	l := lang(c)
	page, err := a.mediaPage(c)
	if err != nil {
		return err
	}
	name := c.FormValue("name")
	field := "replace-" + name
	_, data, err := uploadedFile(c, "file", workspace.MaxMediaBytes)
	if err != nil {
		return err
	}
	if data == nil {
		return a.render(c, fiber.StatusUnprocessableEntity, "workspace_media", page, map[string]string{field: i18n.T(l, "authoring.media.missing")})
	}
	err = a.workspace().ReplaceMedia(page.CourseID, page.Module.ID, name, data)
	return a.mediaChangeDone(c, page, err, field, "authoring.media.replaced")
}

// workspaceMediaDelete deletes a media file that no lesson uses.
func (a *App) workspaceMediaDelete(c *fiber.Ctx) error {
	page, err := a.mediaPage(c)
	if err != nil {
		return err
	}
	name := c.FormValue("name")
	err = a.workspace().DeleteMedia(page.CourseID, page.Module.ID, name)
	return a.mediaChangeDone(c, page, err, "delete-"+name, "authoring.media.deleted")
}

func (a *App) mediaChangeDone(c *fiber.Ctx, page workspaceMediaPage, err error, field, done string) error {
	l := lang(c)
	errs, err := a.mediaErrors(l, err, field)
	if err != nil {
		return err
	}
	if errs != nil {
		return a.render(c, fiber.StatusUnprocessableEntity, "workspace_media", page, errs)
	}
	a.reloadAfterChange(c, "media of "+page.Module.Folder+" in "+page.CourseID)
	webSession(c).flash(i18n.T(l, done))
	return c.Redirect(mediaURL(page), fiber.StatusSeeOther)
}
