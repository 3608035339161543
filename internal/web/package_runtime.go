package web

import (
	"context"
	"strconv"

	"github.com/ailit/ailit/internal/learning"
	"github.com/ailit/ailit/internal/scorm"
)

// Package modules run in an iframe under /pkg/<token>/ (package_file.go, package_api.go). The
// token is created for each launch of the module page and is the only credential of that path:
// the package frame is sandboxed without allow-same-origin, so it has an opaque origin, sends
// and reads no cookies of the platform, and reaches the SCORM API only through the adapter that
// ailit puts into its pages (web/static/scorm-api.js). The server holds the state machine; the
// attempts are stored by internal/learning (package_attempt.go).

// launchOf is what the data model tells the package about the learner and the package.
func (a *App) launchOf(ctx context.Context, t *learning.PackageTarget) (scorm.Launch, error) {
	u, err := a.db.UserByID(ctx, t.Attempt.UserID)
	if err != nil {
		return scorm.Launch{}, err
	}
	return scorm.Launch{LearnerID: "ailit-" + strconv.FormatInt(u.ID, 10), LearnerName: scorm.LearnerName(t.Attempt.Kind, u.DisplayName),
		MasteryScore: t.Module.Package.MasteryScore}, nil
}
