package web

import (
	"bytes"
	"errors"
	"io"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/workspace"
)

type workspaceListPage struct {
	Courses []workspaceCourse
}

// workspaceCourse is a course with every version folder, valid or not.
type workspaceCourse struct {
	ID       string
	Title    string
	Latest   string // newest published version, for "new draft"; "" when none
	HasDraft bool
	Versions []workspaceVersionRow
	Error    string // an import or draft error shown at this course
}

type workspaceVersionRow struct {
	content.VersionStatus
	Problems []content.Problem
}

// workspaceList shows every course with its versions, their state and validator messages.
func (a *App) workspaceList(c *fiber.Ctx) error {
	return a.renderWorkspaceList(c, fiber.StatusOK, "", "")
}

func (a *App) renderWorkspaceList(c *fiber.Ctx, status int, errCourse, errMsg string) error {
	report, cat := a.lib.Report(), a.lib.Catalog()
	var page workspaceListPage
	byID := map[string]*workspaceCourse{}
	for _, vs := range report.Versions {
		wc := byID[vs.CourseID]
		if wc == nil {
			page.Courses = append(page.Courses, workspaceCourse{ID: vs.CourseID})
			wc = &page.Courses[len(page.Courses)-1]
			byID[vs.CourseID] = wc
		}
		row := workspaceVersionRow{VersionStatus: vs}
		prefix := vs.CourseID + "/" + vs.Folder
		for _, p := range report.Problems {
			if p.Path == prefix || strings.HasPrefix(p.Path, prefix+"/") {
				row.Problems = append(row.Problems, p)
			}
		}
		if vs.Folder == workspace.DraftFolder || vs.Status == content.StatusDraft {
			wc.HasDraft = true
		}
		if vs.Title != "" {
			wc.Title = vs.Title
		}
		wc.Versions = append(wc.Versions, row)
	}
	for i := range page.Courses {
		wc := &page.Courses[i]
		if course := cat.AnyCourse(wc.ID); course != nil && course.Latest() != nil {
			wc.Latest = course.Latest().Version
			wc.Title = course.Latest().Manifest.Title
		}
		if wc.ID == errCourse {
			wc.Error = errMsg
		}
	}
	return a.render(c, status, "workspace_list", page, nil)
}

// workspaceDraftCreate copies the latest published version to the course's draft folder.
func (a *App) workspaceDraftCreate(c *fiber.Ctx) error {
	l := lang(c)
	course := a.lib.Catalog().AnyCourse(c.Params("course"))
	if course == nil || course.Latest() == nil {
		return domain.Errorf(domain.ENOTFOUND, "no published course %q", c.Params("course"))
	}
	err := a.workspace().NewDraft(course.ID, course.Latest().Version)
	switch {
	case errors.Is(err, workspace.ErrDraftExists):
		return a.renderWorkspaceList(c, fiber.StatusConflict, course.ID, i18n.T(l, "workspace.draft.exists"))
	case err != nil:
		var inv *workspace.InvalidError
		if errors.As(err, &inv) {
			return a.renderWorkspaceList(c, fiber.StatusUnprocessableEntity, course.ID, i18n.T(l, "workspace.draft.invalid", inv.Problems[0].String()))
		}
		return err
	}
	a.reloadAfterChange(c, "new draft of "+course.ID)
	webSession(c).flash(i18n.T(l, "workspace.draft.created", course.Latest().Version))
	return c.Redirect(previewBase(course.ID, workspace.DraftFolder), fiber.StatusSeeOther)
}

// workspaceImport replaces (or creates) the draft from an uploaded zip, after checking it.
func (a *App) workspaceImport(c *fiber.Ctx) error {
	l := lang(c)
	courseID := c.Params("course")
	if a.lib.Catalog().AnyCourse(courseID) == nil {
		return domain.Errorf(domain.ENOTFOUND, "no course %q", courseID)
	}
	fh, err := c.FormFile("zip")
	if err != nil {
		return a.renderWorkspaceList(c, fiber.StatusUnprocessableEntity, courseID, i18n.T(l, "workspace.import.nofile"))
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, workspace.MaxZipTotalBytes+1))
	if err != nil {
		return err
	}
	err = a.workspace().Import(courseID, bytes.NewReader(data), int64(len(data)))
	var ie *workspace.ImportError
	var inv *workspace.InvalidError
	switch {
	case errors.As(err, &ie):
		return a.renderWorkspaceList(c, fiber.StatusUnprocessableEntity, courseID, i18n.T(l, "workspace.import."+ie.Reason, ie.Name))
	case errors.As(err, &inv):
		return a.renderWorkspaceList(c, fiber.StatusUnprocessableEntity, courseID, i18n.T(l, "workspace.import.invalid", len(inv.Problems), inv.Problems[0].String()))
	case err != nil:
		return err
	}
	a.reloadAfterChange(c, "import into "+courseID)
	webSession(c).flash(i18n.T(l, "workspace.import.done"))
	return c.Redirect(previewBase(courseID, workspace.DraftFolder), fiber.StatusSeeOther)
}
