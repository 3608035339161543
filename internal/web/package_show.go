package web

import (
	"encoding/json"
	"net/url"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/learning"
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
		token, at, err := a.learn.Launch(c.UserContext(), page.Learner.Enrollment, m)
		if err != nil {
			return err
		}
		data.Attempt = at
		data.FrameURL = "/pkg/" + token + "/" + escapeLaunch(m.Package.Launch)
		if m.Package.Kind == scorm.KindCMI5 {
			data.FrameURL = a.cmi5LaunchURL(data.FrameURL, token, at, m.Package)
		}
		if at.Score != nil {
			data.Score = scorm.FormatScore(*at.Score)
		}
	}
	c.Set(fiber.HeaderCacheControl, "no-store") // the page carries the launch token
	return a.render(c, fiber.StatusOK, "package", data, nil)
}

// cmi5LaunchURL adds the launch parameters of cmi5 spec §8.1 to the AU's URL: the
// attempt-scoped xAPI endpoint, the one-time fetch URL for its auth token, the actor (an account
// without e-mail address), the registration and the AU's id.
func (a *App) cmi5LaunchURL(frameURL, token string, at *store.PackageAttempt, p *content.Package) string {
	base := a.cfg.BaseURL + "/pkg/" + token
	st, err := learning.DecodeState(at)
	registration := ""
	if err == nil && st.CMI5 != nil {
		registration = st.CMI5.Registration
	}
	actor, _ := json.Marshal(map[string]any{"objectType": "Agent",
		"account": map[string]string{"homePage": a.cfg.BaseURL, "name": "ailit-" + strconv.FormatInt(at.UserID, 10)}})
	q := url.Values{"endpoint": {base + "/xapi/"}, "fetch": {base + "/fetch"}, "actor": {string(actor)},
		"registration": {registration}, "activityId": {p.AUID}}
	sep := "?"
	if strings.Contains(frameURL, "?") {
		sep = "&"
	}
	return frameURL + sep + q.Encode()
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
