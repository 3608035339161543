package web

import (
	"errors"
	"fmt"
	"html/template"
	"os"
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/workspace"
)

// workspaces holds one Workspace per courses folder, so its write lock is shared by all requests.
var workspaces sync.Map // courses dir → *workspace.Workspace

func (a *App) workspace() *workspace.Workspace {
	ws, _ := workspaces.LoadOrStore(a.cfg.CoursesDir, workspace.New(a.cfg.CoursesDir))
	return ws.(*workspace.Workspace)
}

// workspaceFolder checks the :course and :folder parameters and returns them.
func (a *App) workspaceFolder(c *fiber.Ctx) (courseID, folder string, err error) {
	courseID, folder = c.Params("course"), c.Params("folder", workspace.DraftFolder)
	dir, err := a.workspace().VersionDir(courseID, folder)
	if err != nil {
		return "", "", domain.Errorf(domain.ENOTFOUND, "%v", err)
	}
	if !isDirPath(dir) {
		return "", "", domain.Errorf(domain.ENOTFOUND, "no folder %s/%s", courseID, folder)
	}
	return courseID, folder, nil
}

// workspaceModule finds the :module of a folder on disk.
func (a *App) workspaceModule(c *fiber.Ctx, courseID, folder string) (workspace.ModuleFolder, error) {
	m, err := a.workspace().FindModule(courseID, folder, c.Params("module"))
	if err != nil {
		return m, domain.Errorf(domain.ENOTFOUND, "%v", err)
	}
	return m, nil
}

// previewBase is the URL prefix a version's Markdown links to inside the workspace.
func previewBase(courseID, folder string) string { return "/workspace/" + courseID + "/" + folder }

// previewOptions are the render options of a module of a version folder in the workspace.
func (a *App) previewOptions(courseID, folder string, m workspace.ModuleFolder) content.RenderOptions {
	mods, _ := a.workspace().Modules(courseID, folder)
	return content.RenderOptions{Language: a.courseLanguage(courseID, folder), Base: previewBase(courseID, folder),
		Dir: "modules/" + m.Folder, Modules: workspace.ModuleMap(mods)}
}

// courseLanguage reads the language of a version from its course.yaml; "de" when unreadable.
func (a *App) courseLanguage(courseID, folder string) string {
	data, _, _ := a.workspace().ReadFile(courseID, folder, "course.yaml")
	if m, _ := content.ParseManifest("course.yaml", data); m != nil && m.Language != "" {
		return m.Language
	}
	return "de"
}

// renderLessonBody renders a lesson body exactly as the loader does, with workspace URLs.
func renderLessonBody(body string, opts content.RenderOptions) template.HTML {
	h, err := content.RenderMarkdown([]byte(body), opts)
	if err != nil {
		return template.HTML(template.HTMLEscapeString(err.Error())) //nolint:gosec // escaped
	}
	return h
}

// reloadAfterChange reloads the library so the admin page and the catalog see the change; a
// failed reload keeps the previous catalog and is only logged.
func (a *App) reloadAfterChange(c *fiber.Ctx, what string) {
	if _, err := a.lib.Reload(); err != nil {
		a.log.Error("reloading courses after a workspace change failed", "change", what, "error", err)
		return
	}
	a.log.Info("workspace change", "change", what, "by", currentUser(c).ID)
}

// problemErrors turns validator problems of one file into form errors: fieldOf names the form
// field of a line (or "" for the general error, shown under key general).
func problemErrors(l string, ps []content.Problem, file string, fieldOf func(line int) string, general string) map[string]string {
	errs := map[string]string{}
	for _, p := range ps {
		field := general
		if strings.HasSuffix(p.Path, "/"+file) && fieldOf != nil {
			if f := fieldOf(p.Line); f != "" {
				field = f
			}
		}
		msg := i18n.T(l, "workspace.problem", shortPath(p.Path), p.Line, p.Message)
		if prev, ok := errs[field]; ok {
			msg = prev + " · " + msg
		}
		errs[field] = msg
	}
	return errs
}

// shortPath drops "course/draft/" from a problem path.
func shortPath(p string) string {
	parts := strings.SplitN(p, "/", 3)
	if len(parts) == 3 {
		return parts[2]
	}
	return p
}

// saveErrors maps an error of a save to form errors, or returns it when it is not the trainer's
// to fix. Conflicts are handled by the caller before.
func saveErrors(l string, err error, file string, fieldOf func(int) string, general string) (map[string]string, error) {
	var inv *workspace.InvalidError
	if errors.As(err, &inv) {
		return problemErrors(l, inv.Problems, file, fieldOf, general), nil
	}
	if errors.Is(err, workspace.ErrNoDraft) {
		return nil, domain.Errorf(domain.ENOTFOUND, "%v", err)
	}
	return nil, fmt.Errorf("saving %s: %w", file, err)
}

func isDirPath(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.IsDir()
}
