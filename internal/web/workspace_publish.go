package web

import (
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/workspace"
)

type workspacePublishPage struct {
	CourseID     string
	Latest       string
	Diff         content.VersionDiff
	Suggested    string
	PatchReasons []string
	Next         map[string]string // change kind → the version it would get
	Change       string
	Changelog    string
	Issues       []workspace.A11yIssue
	Acked        []string
	DraftBroken  []content.Problem
}

func (a *App) publishPage(c *fiber.Ctx) (workspacePublishPage, error) {
	courseID := c.Params("course")
	page := workspacePublishPage{CourseID: courseID}
	course := a.lib.Catalog().AnyCourse(courseID)
	if course == nil || !a.workspace().HasDraft(courseID) {
		return page, domain.Errorf(domain.ENOTFOUND, "course %q has no draft", courseID)
	}
	draftName := a.workspace().DraftName(courseID) // "draft", or a folder with status: draft
	draft := course.Draft(draftName)
	if draft == nil {
		prefix := courseID + "/" + draftName
		for _, p := range a.lib.Report().Problems {
			if strings.HasPrefix(p.Path, prefix) {
				page.DraftBroken = append(page.DraftBroken, p)
			}
		}
		return page, nil
	}
	if latest := course.Latest(); latest != nil {
		page.Latest = latest.Version
		page.Diff = content.Diff(latest, draft)
		page.Suggested = workspace.SuggestChange(page.Diff)
		page.PatchReasons = patchReasons(lang(c), page.Diff)
		page.Next = map[string]string{}
		for _, k := range []string{content.ChangePatch, content.ChangeMinor, content.ChangeMajor} {
			page.Next[k] = workspace.Bump(latest.Version, k)
		}
	}
	page.Change = page.Suggested
	issues, err := a.workspace().CheckAccessibility(courseID, workspace.DraftFolder, draft.Manifest.Language)
	page.Issues = issues
	return page, err
}

// workspacePublishShow shows the diff summary, the suggested change, the accessibility check and
// the CHANGELOG form.
func (a *App) workspacePublishShow(c *fiber.Ctx) error {
	page, err := a.publishPage(c)
	if err != nil {
		return err
	}
	return a.render(c, fiber.StatusOK, "workspace_publish", page, nil)
}

// workspacePublish publishes the draft as a new version after the checks, then reloads the library.
func (a *App) workspacePublish(c *fiber.Ctx) error {
	l := lang(c)
	page, err := a.publishPage(c)
	if err != nil {
		return err
	}
	page.Change, page.Changelog = c.FormValue("change"), c.FormValue("changelog")
	page.Acked = multiValues(c.Request().PostArgs().PeekMulti("ack"))
	errs := map[string]string{}
	for _, issue := range page.Issues {
		if !slices.Contains(page.Acked, issue.Key()) {
			errs["ack"] = i18n.T(l, "workspace.publish.ack.missing")
		}
	}
	if strings.TrimSpace(page.Changelog) == "" {
		errs["changelog"] = i18n.T(l, "workspace.publish.changelog.missing")
	}
	if page.Change == content.ChangePatch && len(page.PatchReasons) > 0 {
		errs["change"] = i18n.T(l, "workspace.publish.patch.refused", strings.Join(page.PatchReasons, "; "))
	}
	if len(errs) > 0 || page.DraftBroken != nil {
		return a.render(c, fiber.StatusUnprocessableEntity, "workspace_publish", page, errs)
	}
	u := currentUser(c)
	req := workspace.PublishRequest{CourseID: page.CourseID, Change: page.Change, Changelog: page.Changelog,
		Date: time.Now().In(i18n.Berlin).Format(time.DateOnly)}
	if a.cfg.WorkspaceGit {
		req.Git = &workspace.GitAuthor{Name: u.DisplayName, Email: u.Email}
	}
	res, err := a.workspace().Publish(req)
	var refused *workspace.PatchRefusedError
	var inv *workspace.InvalidError
	switch {
	case errors.As(err, &refused):
		errs["change"] = i18n.T(l, "workspace.publish.patch.refused", strings.Join(patchReasons(l, page.Diff), "; "))
	case errors.As(err, &inv):
		errs = problemErrors(l, inv.Problems, "", nil, "change")
	case err != nil:
		return err
	}
	if len(errs) > 0 {
		return a.render(c, fiber.StatusUnprocessableEntity, "workspace_publish", page, errs)
	}
	a.reloadAfterChange(c, "publish "+page.CourseID+" "+res.Version)
	msg := i18n.T(l, "workspace.publish.done", res.Version)
	if res.GitNote != "" {
		msg += " " + i18n.T(l, "workspace.publish.gitnote", res.GitNote)
	}
	webSession(c).flash(msg)
	return c.Redirect(previewBase(page.CourseID, res.Version), fiber.StatusSeeOther)
}
