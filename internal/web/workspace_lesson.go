package web

import (
	"errors"
	"html/template"
	"io"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/workspace"
)

type workspaceLessonPage struct {
	CourseID string
	Module   workspace.ModuleFolder
	Hash     string
	Title    string
	Minutes  string
	Body     string
	Preview  template.HTML // set after "Vorschau"
	Lang     string        // course language when it differs from the UI language
}

func (a *App) lessonContext(c *fiber.Ctx) (string, workspace.ModuleFolder, error) {
	courseID, folder, err := a.workspaceFolder(c)
	if err != nil {
		return "", workspace.ModuleFolder{}, err
	}
	m, err := a.workspaceModule(c, courseID, folder)
	return courseID, m, err
}

// workspaceLessonEdit shows the lesson editor of a draft module.
func (a *App) workspaceLessonEdit(c *fiber.Ctx) error {
	courseID, m, err := a.lessonContext(c)
	if err != nil {
		return err
	}
	data, hash, err := a.workspace().ReadFile(courseID, workspace.DraftFolder, lessonRel(m))
	if err != nil {
		return err
	}
	l, _ := workspace.ParseLesson(data)
	page := workspaceLessonPage{CourseID: courseID, Module: m, Hash: hash, Title: l.Title, Minutes: strconv.Itoa(l.Minutes), Body: l.Body}
	a.setLessonLang(c, &page)
	return a.render(c, fiber.StatusOK, "workspace_lesson", page, nil)
}

func lessonRel(m workspace.ModuleFolder) string { return "modules/" + m.Folder + "/lesson.md" }

func (a *App) setLessonLang(c *fiber.Ctx, page *workspaceLessonPage) {
	if cl := a.courseLanguage(page.CourseID, workspace.DraftFolder); cl != lang(c) {
		page.Lang = cl
	}
}

// workspaceLessonSave previews (op=preview) or saves (op=save) the lesson.
func (a *App) workspaceLessonSave(c *fiber.Ctx) error {
	l := lang(c)
	courseID, m, err := a.lessonContext(c)
	if err != nil {
		return err
	}
	page := workspaceLessonPage{CourseID: courseID, Module: m, Hash: c.FormValue("hash"), Title: c.FormValue("title"),
		Minutes: c.FormValue("duration_minutes"), Body: c.FormValue("body")}
	a.setLessonLang(c, &page)
	if c.FormValue("op") == "preview" {
		page.Preview = renderLessonBody(page.Body, a.previewOptions(courseID, workspace.DraftFolder, m))
		return a.render(c, fiber.StatusOK, "workspace_lesson", page, nil)
	}
	minutes, err := strconv.Atoi(strings.TrimSpace(page.Minutes))
	if err != nil {
		return a.render(c, fiber.StatusUnprocessableEntity, "workspace_lesson", page, map[string]string{"duration_minutes": i18n.T(l, "workspace.form.number")})
	}
	data := workspace.Lesson{Title: page.Title, Minutes: minutes, Body: page.Body}.Bytes()
	err = a.workspace().SaveFile(courseID, lessonRel(m), data, page.Hash)
	var conflict *workspace.ConflictError
	if errors.As(err, &conflict) {
		return a.renderConflict(c, courseID, lessonRel(m), data, conflict, c.Path())
	}
	if err != nil {
		fieldOf := func(line int) string {
			switch line {
			case 2:
				return "title"
			case 3:
				return "duration_minutes"
			}
			return "body"
		}
		errs, err := saveErrors(l, err, "lesson.md", fieldOf, "body")
		if err != nil {
			return err
		}
		return a.render(c, fiber.StatusUnprocessableEntity, "workspace_lesson", page, errs)
	}
	a.reloadAfterChange(c, "lesson "+m.Folder+" of "+courseID)
	webSession(c).flash(i18n.T(l, "workspace.saved"))
	return c.Redirect(c.Path(), fiber.StatusSeeOther)
}

// workspaceLessonPreview renders posted Markdown for the live preview (workspace.js).
func (a *App) workspaceLessonPreview(c *fiber.Ctx) error {
	courseID, m, err := a.lessonContext(c)
	if err != nil {
		return err
	}
	c.Type("html", "utf-8")
	return c.SendString(string(renderLessonBody(c.FormValue("body"), a.previewOptions(courseID, workspace.DraftFolder, m))))
}

// workspaceImageUpload stores an image with its alt text and inserts it into the lesson.
func (a *App) workspaceImageUpload(c *fiber.Ctx) error {
	l := lang(c)
	courseID, m, err := a.lessonContext(c)
	if err != nil {
		return err
	}
	up := workspace.ImageUpload{CourseID: courseID, ModuleFolder: m.Folder, Alt: c.FormValue("alt"), Decorative: c.FormValue("decorative") == "1"}
	errs := map[string]string{}
	if fh, err := c.FormFile("image"); err != nil {
		errs["image"] = i18n.T(l, "workspace.image.missing")
	} else if fh.Size > workspace.MaxImageBytes {
		errs["image"] = i18n.T(l, "workspace.image.toolarge")
	} else if f, err := fh.Open(); err == nil {
		up.FileName = fh.Filename
		up.Data, err = io.ReadAll(io.LimitReader(f, workspace.MaxImageBytes+1))
		f.Close()
		if err != nil {
			return err
		}
	}
	var snippet string
	if len(errs) == 0 {
		snippet, err = a.workspace().AddImage(up, c.FormValue("hash"))
		var conflict *workspace.ConflictError
		switch {
		case errors.Is(err, workspace.ErrNotAnImage):
			errs["image"] = i18n.T(l, "workspace.image.type")
		case errors.Is(err, workspace.ErrImageTooLarge):
			errs["image"] = i18n.T(l, "workspace.image.toolarge")
		case errors.Is(err, workspace.ErrAltMissing):
			errs["alt"] = i18n.T(l, "workspace.image.alt")
		case errors.As(err, &conflict):
			errs["image"] = i18n.T(l, "workspace.image.conflict")
		case err != nil:
			if errs, err = saveErrors(l, err, "lesson.md", nil, "image"); err != nil {
				return err
			}
		}
	}
	if len(errs) > 0 {
		data, hash, _ := a.workspace().ReadFile(courseID, workspace.DraftFolder, lessonRel(m))
		les, _ := workspace.ParseLesson(data)
		page := workspaceLessonPage{CourseID: courseID, Module: m, Hash: hash, Title: les.Title, Minutes: strconv.Itoa(les.Minutes), Body: les.Body}
		a.setLessonLang(c, &page)
		return a.render(c, fiber.StatusUnprocessableEntity, "workspace_lesson", page, errs)
	}
	a.reloadAfterChange(c, "image for "+m.Folder+" of "+courseID)
	webSession(c).flash(i18n.T(l, "workspace.image.done", snippet))
	return c.Redirect(strings.TrimSuffix(c.Path(), "/image"), fiber.StatusSeeOther)
}
