package web

import (
	"context"
	"strings"
	"time"

	"github.com/ailit/ailit/internal/compliance"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/measure"
	"github.com/ailit/ailit/internal/store"
)

// measureURL is where a person takes a measure: the course, the policy to confirm, the workshop
// dates, the upload page for external evidence.
func measureURL(r measure.Ref) string {
	switch r.Kind {
	case measure.Policy:
		return "/policies/" + r.ID
	case measure.Session:
		return "/sessions#series-" + r.ID
	case measure.External:
		return "/account/evidence"
	}
	return coursePath(r.ID)
}

// measureDone is a measure other than a course that the person has taken, on the dashboard.
type measureDone struct {
	Kind        measure.Kind
	Title       string
	URL         string
	Version     string
	CompletedAt time.Time
	RecordID    string
}

// upcomingSession is a date the person holds a place (or waits) for.
type upcomingSession struct {
	store.MySessionRegistration
}

// measureTitles looks up titles of every kind of measure in the reader's language.
func (a *App) measureTitles(ctx context.Context, lang string) measure.Titles {
	return compliance.MeasureTitles(ctx, a.db, a.lib, lang, func(id string) string {
		return i18n.T(lang, "measure.external.title", strings.ReplaceAll(id, "-", " "))
	})
}

// measuresOnDashboard adds the measures beyond courses to the dashboard: the ones taken (newest
// record per measure) and the session dates ahead.
func (a *App) measuresOnDashboard(ctx context.Context, userID int64, lang string, completions []store.Completion, page *homePage) error {
	titles := a.measureTitles(ctx, lang)
	seen := map[string]bool{}
	for _, c := range completions { // newest first
		m := c.Measure()
		if m.Kind == measure.Course || c.RevokedAt != nil || seen[c.CourseID] {
			continue
		}
		seen[c.CourseID] = true
		page.Measures = append(page.Measures, measureDone{Kind: m.Kind, Title: titles.Of(c.CourseID), URL: measureURL(m),
			Version: c.Version, CompletedAt: c.CompletedAt, RecordID: c.RecordID})
	}
	regs, err := a.db.SessionRegistrationsOf(ctx, userID)
	if err != nil {
		return err
	}
	now := a.db.Now()
	for _, r := range regs {
		if r.Date.EndsAt.After(now) {
			page.Sessions = append(page.Sessions, upcomingSession{r})
		}
	}
	return nil
}
