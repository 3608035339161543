package web

import (
	"errors"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/workspace"
)

type workspaceManifestPage struct {
	CourseID    string
	Hash        string
	Fields      workspace.ManifestFields
	Duration    string // as typed, so a wrong entry is shown again
	Validity    string
	Objectives  string // one per line
	Levels      []string
	Competences []string
	Audiences   []string
	Unreadable  bool // course.yaml cannot be read: edit it as a file
}

// workspaceManifestEdit shows the form for the fields of the draft's course.yaml.
func (a *App) workspaceManifestEdit(c *fiber.Ctx) error {
	courseID, _, err := a.workspaceFolder(c)
	if err != nil {
		return err
	}
	data, hash, err := a.workspace().ReadFile(courseID, workspace.DraftFolder, "course.yaml")
	if err != nil {
		return err
	}
	page := newManifestPage(courseID, hash)
	m, _ := content.ParseManifest("course.yaml", data)
	if m == nil {
		page.Unreadable = true
	} else {
		page.setFields(workspace.FieldsOf(m))
	}
	return a.render(c, fiber.StatusOK, "workspace_manifest", page, nil)
}

func newManifestPage(courseID, hash string) workspaceManifestPage {
	return workspaceManifestPage{CourseID: courseID, Hash: hash, Levels: content.Levels,
		Competences: content.CompetenceCodes, Audiences: content.AudienceCodes}
}

func (p *workspaceManifestPage) setFields(f workspace.ManifestFields) {
	p.Fields = f
	p.Duration, p.Validity = strconv.Itoa(f.DurationMinutes), strconv.Itoa(f.ValidityMonths)
	p.Objectives = strings.Join(f.Objectives, "\n")
}

// workspaceManifestSave writes course.yaml from the form after validating the whole draft.
func (a *App) workspaceManifestSave(c *fiber.Ctx) error {
	l := lang(c)
	courseID, _, err := a.workspaceFolder(c)
	if err != nil {
		return err
	}
	page := newManifestPage(courseID, c.FormValue("hash"))
	args := c.Request().PostArgs()
	f := workspace.ManifestFields{
		Title: c.FormValue("title"), Summary: c.FormValue("summary"), Level: c.FormValue("level"),
		Competences: multiValues(args.PeekMulti("competences")), Audiences: multiValues(args.PeekMulti("audiences")),
		LegalStatusAsOf: strings.TrimSpace(c.FormValue("legal_status_as_of")), ReviewDue: strings.TrimSpace(c.FormValue("review_due")),
	}
	for _, line := range strings.Split(c.FormValue("objectives"), "\n") {
		if s := strings.TrimSpace(line); s != "" {
			f.Objectives = append(f.Objectives, s)
		}
	}
	page.setFields(f)
	page.Duration, page.Validity = c.FormValue("duration_minutes"), c.FormValue("validity_months")
	errs := map[string]string{}
	if f.DurationMinutes, err = strconv.Atoi(strings.TrimSpace(page.Duration)); err != nil {
		errs["duration_minutes"] = i18n.T(l, "workspace.form.number")
	}
	if f.ValidityMonths, err = strconv.Atoi(strings.TrimSpace(page.Validity)); err != nil {
		errs["validity_months"] = i18n.T(l, "workspace.form.number")
	}
	if len(errs) > 0 {
		return a.render(c, fiber.StatusUnprocessableEntity, "workspace_manifest", page, errs)
	}
	current, _, err := a.workspace().ReadFile(courseID, workspace.DraftFolder, "course.yaml")
	if err != nil {
		return err
	}
	data, lines, err := workspace.WriteManifest(current, f)
	if err != nil {
		page.Unreadable = true
		return a.render(c, fiber.StatusUnprocessableEntity, "workspace_manifest", page, nil)
	}
	err = a.workspace().SaveFile(courseID, "course.yaml", data, page.Hash)
	var conflict *workspace.ConflictError
	if errors.As(err, &conflict) {
		return a.renderConflict(c, courseID, "course.yaml", data, conflict, c.Path())
	}
	if err != nil {
		errs, err := saveErrors(l, err, "course.yaml", lines.At, "title")
		if err != nil {
			return err
		}
		return a.render(c, fiber.StatusUnprocessableEntity, "workspace_manifest", page, errs)
	}
	a.reloadAfterChange(c, "course.yaml of "+courseID)
	webSession(c).flash(i18n.T(l, "workspace.saved"))
	return c.Redirect(c.Path(), fiber.StatusSeeOther)
}

func multiValues(vs [][]byte) []string {
	var out []string
	for _, v := range vs {
		out = append(out, string(v))
	}
	return out
}
