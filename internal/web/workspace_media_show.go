package web

import (
	"errors"
	"io"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/workspace"
)

// workspaceMediaPage lists a module's media files with size and uses, with upload, replace and
// delete.
type workspaceMediaPage struct {
	CourseID   string
	Module     workspace.ModuleFolder
	Files      []mediaRow
	LessonHash string
	Alt        string // as typed
	Decorative bool
}

func (a *App) mediaPage(c *fiber.Ctx) (workspaceMediaPage, error) {
	courseID, m, err := a.lessonContext(c)
	if err != nil {
		return workspaceMediaPage{}, err
	}
	files, err := a.workspace().Media(courseID, m.ID)
	if err != nil {
		return workspaceMediaPage{}, err
	}
	_, hash, err := a.workspace().ReadFile(courseID, workspace.DraftFolder, lessonRel(m))
	page := workspaceMediaPage{CourseID: courseID, Module: m, LessonHash: hash}
	for _, f := range files {
		page.Files = append(page.Files, mediaRow{MediaFile: f, SizeText: formatDecimal(lang(c), float64(f.Size)/1024) + " KiB"})
	}
	return page, err
}

type mediaRow struct {
	workspace.MediaFile
	SizeText string
}

// workspaceMediaShow shows the media page of a draft module.
func (a *App) workspaceMediaShow(c *fiber.Ctx) error {
	page, err := a.mediaPage(c)
	if err != nil {
		return err
	}
	return a.render(c, fiber.StatusOK, "workspace_media", page, nil)
}

// uploadedFile reads the file of a form field up to limit bytes (one more, to detect a larger
// file); a missing file is nil.
func uploadedFile(c *fiber.Ctx, field string, limit int64) (name string, data []byte, err error) {
	fh, err := c.FormFile(field)
	if err != nil {
		return "", nil, nil
	}
	f, err := fh.Open()
	if err != nil {
		return "", nil, err
	}
	defer f.Close()
	data, err = io.ReadAll(io.LimitReader(f, limit+1))
	return fh.Filename, data, err
}

// workspaceMediaUpload stores an uploaded file: an image with its alt text is also inserted at
// the end of the lesson, other files are stored for the trainer to link.
func (a *App) workspaceMediaUpload(c *fiber.Ctx) error {
	l := lang(c)
	page, err := a.mediaPage(c)
	if err != nil {
		return err
	}
	page.Alt, page.Decorative = c.FormValue("alt"), c.FormValue("decorative") == "1"
	name, data, err := uploadedFile(c, "file", workspace.MaxMediaBytes)
	if err != nil {
		return err
	}
	if data == nil {
		return a.render(c, fiber.StatusUnprocessableEntity, "workspace_media", page, map[string]string{"file": i18n.T(l, "authoring.media.missing")})
	}
	if _, err = a.workspace().AddMedia(page.CourseID, page.Module.ID, name, data); errors.Is(err, workspace.ErrAltMissing) {
		// An image: it needs its alt text and goes into the lesson.
		_, err = a.workspace().AddImage(workspace.ImageUpload{CourseID: page.CourseID, ModuleFolder: page.Module.Folder,
			FileName: name, Data: data, Alt: page.Alt, Decorative: page.Decorative}, c.FormValue("hash"))
	}
	if errs, err := a.mediaErrors(l, err, "file"); err != nil {
		return err
	} else if errs != nil {
		return a.render(c, fiber.StatusUnprocessableEntity, "workspace_media", page, errs)
	}
	a.reloadAfterChange(c, "media of "+page.Module.Folder+" in "+page.CourseID)
	webSession(c).flash(i18n.T(l, "authoring.media.uploaded"))
	return c.Redirect(mediaURL(page), fiber.StatusSeeOther)
}

func mediaURL(p workspaceMediaPage) string {
	return "/workspace/" + p.CourseID + "/draft/media/" + p.Module.ID
}

// mediaErrors maps the error of a media change to messages next to a field, nil for none.
func (a *App) mediaErrors(l string, err error, field string) (map[string]string, error) {
	var conflict *workspace.ConflictError
	var inUse *workspace.MediaInUseError
	msg := ""
	switch {
	case err == nil:
		return nil, nil
	case errors.Is(err, workspace.ErrAltMissing):
		return map[string]string{"alt": i18n.T(l, "workspace.image.alt")}, nil
	case errors.Is(err, workspace.ErrMediaType), errors.Is(err, workspace.ErrNotAnImage):
		msg = i18n.T(l, "authoring.media.type")
	case errors.Is(err, workspace.ErrImageTooLarge):
		msg = i18n.T(l, "workspace.image.toolarge")
	case errors.Is(err, workspace.ErrMediaTooLarge):
		msg = i18n.T(l, "authoring.media.toolarge")
	case errors.Is(err, workspace.ErrMediaKind):
		msg = i18n.T(l, "authoring.media.kind")
	case errors.Is(err, workspace.ErrNoMedia):
		return nil, domain.Errorf(domain.ENOTFOUND, "%v", err)
	case errors.As(err, &conflict):
		msg = i18n.T(l, "workspace.image.conflict")
	case errors.As(err, &inUse):
		uses := ""
		for i, u := range inUse.Uses {
			if i > 0 {
				uses += ", "
			}
			uses += u.String()
		}
		msg = i18n.T(l, "authoring.media.inuse", uses)
	default:
		return saveErrors(l, err, "lesson.md", nil, field)
	}
	return map[string]string{field: msg}, nil
}
