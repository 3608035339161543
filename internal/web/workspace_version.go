package web

import (
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/workspace"
)

type workspaceVersionPage struct {
	CourseID string
	Folder   string
	Title    string
	IsDraft  bool
	Latest   string // newest published version, the default "compare with"
	Modules  []workspace.ModuleFolder
	Problems []content.Problem
}

// workspaceVersionShow shows the modules of a version folder with preview links, and for the
// draft the editing, diff and publish links.
func (a *App) workspaceVersionShow(c *fiber.Ctx) error {
	courseID, folder, err := a.workspaceFolder(c)
	if err != nil {
		return err
	}
	mods, err := a.workspace().Modules(courseID, folder)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	page := workspaceVersionPage{CourseID: courseID, Folder: folder, IsDraft: folder == workspace.DraftFolder || folder == a.workspace().DraftName(courseID), Modules: mods}
	data, _, _ := a.workspace().ReadFile(courseID, folder, "course.yaml")
	if m, _ := content.ParseManifest("course.yaml", data); m != nil {
		page.Title = m.Title
	}
	if course := a.lib.Catalog().AnyCourse(courseID); course != nil && course.Latest() != nil {
		page.Latest = course.Latest().Version
	}
	prefix := courseID + "/" + folder
	for _, p := range a.lib.Report().Problems {
		if p.Path == prefix || strings.HasPrefix(p.Path, prefix+"/") {
			page.Problems = append(page.Problems, p)
		}
	}
	return a.render(c, fiber.StatusOK, "workspace_version", page, nil)
}

// workspaceFile serves a media file of any version folder for the preview, with the same checks
// and headers as the learners' file route: only media types, only inside the folder.
func (a *App) workspaceFile(c *fiber.Ctx) error {
	courseID, folder, err := a.workspaceFolder(c)
	if err != nil {
		return err
	}
	rel, err := url.PathUnescape(c.Params("*"))
	if err != nil {
		return domain.Errorf(domain.ENOTFOUND, "bad file path")
	}
	contentType, ok := content.MediaType(rel)
	if !ok || !strings.HasPrefix(rel, "modules/") {
		return domain.Errorf(domain.ENOTFOUND, "file type not served")
	}
	dir, _ := a.workspace().VersionDir(courseID, folder)
	abs, err := content.FileInside(dir, rel)
	if err != nil {
		return domain.Errorf(domain.ENOTFOUND, "%v", err)
	}
	// Drafts change while the trainer works: no caching.
	return serveMedia(c, abs, contentType, "private, no-cache")
}

// workspaceExport downloads a version folder or the draft as a zip.
func (a *App) workspaceExport(c *fiber.Ctx) error {
	courseID, folder, err := a.workspaceFolder(c)
	if err != nil {
		return err
	}
	var buf strings.Builder
	if err := a.workspace().Export(courseID, folder, &buf); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/zip")
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="%s-%s.zip"`, courseID, folder))
	return c.SendString(buf.String())
}
