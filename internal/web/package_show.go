package web

import (
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/scorm"
	"github.com/ailit/ailit/internal/store"
)

// packagePage is the module page of a package module: the lesson text and the package's frame.
type packagePage struct {
	lessonPage
	FrameURL string // /pkg/<token>/<launch file>; empty when the learner cannot launch it here
	Attempt  *store.PackageAttempt
	Score    string // the reported score as a percentage, when there is one
}

// packageShow launches the package of module page.Module for the current learner: each opening
// of the page is a new launch with a new token (the previous one stops working), and the data of
// the attempt carries over, so the package resumes where the learner left it. The page is ailit's
// own, with the strict CSP; the package runs in a sandboxed frame under /pkg/<token>/.
func (a *App) packageShow(c *fiber.Ctx, page lessonPage) error {
	data := packagePage{lessonPage: page}
	m := page.Module
	if m.Package.Runnable() && page.Learner != nil && page.Learner.Here {
		token, at, err := a.launchPackage(c.UserContext(), page.Learner.Enrollment, m)
		if err != nil {
			return err
		}
		data.Attempt = at
		data.FrameURL = "/pkg/" + token + "/" + escapeLaunch(m.Package.Launch)
		if at.Score != nil {
			data.Score = scorm.FormatScore(*at.Score)
		}
	}
	c.Set(fiber.HeaderCacheControl, "no-store") // the page carries the launch token
	return a.render(c, fiber.StatusOK, "package", data, nil)
}

// escapeLaunch escapes each path segment of the launch file and keeps its query string.
func escapeLaunch(launch string) string {
	p, q, hasQuery := strings.Cut(launch, "?")
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	out := strings.Join(parts, "/")
	if hasQuery {
		out += "?" + q
	}
	return out
}
