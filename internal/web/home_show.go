package web

import (
	"context"
	"html/template"
	"os"
	"path/filepath"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/learning"
	"github.com/ailit/ailit/internal/progress"
	"github.com/ailit/ailit/internal/store"
)

// homePage is the learner dashboard.
type homePage struct {
	Assigned   []assignedCourse  // mandatory training, overdue and due soon first
	Continue   *courseInProgress // the most recently touched course in progress
	InProgress []courseInProgress
	Completed  []courseCompleted // the newest valid-or-not completion per course
	Due        []courseCompleted // expiring within 60 days, expired, or replaced by a major release
	Measures   []measureDone     // policies confirmed, sessions attended, evidence accepted (home_measures.go)
	Sessions   []upcomingSession // session dates ahead

	completions []store.Completion
}

// Empty reports whether the learner has neither enrollments nor completions.
func (p homePage) Empty() bool {
	return len(p.Assigned) == 0 && len(p.InProgress) == 0 && len(p.Completed) == 0 && len(p.Measures) == 0 && len(p.Sessions) == 0
}

type courseInProgress struct {
	Title     string
	CourseURL string
	Percent   int
	NextTitle string // the next module that is not done
	NextURL   string
	Decision  progress.Decision
}

type courseCompleted struct {
	RecordID    string // the record of participation, /records/<id>.pdf
	Title       string
	CourseURL   string
	Version     string
	CompletedAt time.Time
	ValidUntil  *time.Time
	State       progress.CompletionState
	Changes     []changelogSection // what changed in newer releases since the completion
}

type changelogSection struct {
	Heading string
	Body    template.HTML
}

// homeShow is the start page: the learner's dashboard, plus cards for administration and account.
func (a *App) homeShow(c *fiber.Ctx) error {
	page, err := a.dashboard(c.UserContext(), currentUser(c).ID, lang(c))
	if err != nil {
		return err
	}
	if err := a.measuresOnDashboard(c.UserContext(), currentUser(c).ID, lang(c), page.completions, &page); err != nil {
		return err
	}
	return a.render(c, fiber.StatusOK, "home", page, nil)
}

// dashboard reads everything in a fixed number of queries (assignments, enrollments, progress,
// completions) and evaluates in memory: no per-course queries, so fifty enrollments cost what one does.
func (a *App) dashboard(ctx context.Context, userID int64, lang string) (homePage, error) {
	var page homePage
	cat := a.lib.Catalog()
	enrollments, err := a.db.EnrollmentsOfUser(ctx, userID)
	if err != nil {
		return page, err
	}
	completions, err := a.db.CompletionsOfUser(ctx, userID)
	if err != nil {
		return page, err
	}
	page.completions = completions
	if page.Assigned, err = a.assignedCourses(ctx, userID, lang); err != nil {
		return page, err
	}
	completedVersion := map[[2]string]bool{}
	for _, cp := range completions {
		if cp.RevokedAt == nil {
			completedVersion[[2]string{cp.CourseID, cp.Version}] = true
		}
	}
	ids := make([]int64, len(enrollments))
	for i, e := range enrollments {
		ids[i] = e.ID
	}
	rows, err := a.db.ProgressOfEnrollments(ctx, ids)
	if err != nil {
		return page, err
	}
	takenInFamily := familyTaken(cat, enrollments, completions)
	for i := range enrollments {
		e := &enrollments[i]
		course := cat.Course(e.CourseID)
		if course == nil || completedVersion[[2]string{e.CourseID, e.Version}] || takenInFamily(e) {
			continue
		}
		// Learners in progress were moved to new patch releases when the courses were loaded
		// (learning.MovePatchReleases): the home page only reads.
		d := progress.Decide(progress.ReleasesOf(course), e.Version, false)
		page.InProgress = append(page.InProgress, inProgress(course, e, rows[e.ID], d))
	}
	if len(page.InProgress) > 0 {
		page.Continue = &page.InProgress[0]
	}
	now := a.db.Now()
	seen := map[string]bool{}
	for _, cp := range completions { // newest first: the first per course is the one that counts
		course := cat.Course(cp.CourseID)
		if cp.RevokedAt != nil || seen[cp.CourseID] || course == nil {
			continue
		}
		seen[cp.CourseID] = true
		cc := completed(course, &cp, now)
		page.Completed = append(page.Completed, cc)
		if cc.State != progress.Valid {
			page.Due = append(page.Due, cc)
		}
	}
	return page, nil
}

func inProgress(course *content.Course, e *store.Enrollment, rows []store.LessonProgress, d progress.Decision) courseInProgress {
	v := course.Version(e.Version)
	if v == nil { // the pinned version was withdrawn: offer the newest
		v = course.Latest()
	}
	res := progress.Evaluate(progress.SpecOf(v), learning.DoneByModule(v, rows))
	ip := courseInProgress{Title: v.Manifest.Title, CourseURL: coursePath(course.ID), Percent: res.Percent, Decision: d}
	if m := v.Module(res.Next); m != nil {
		ip.NextTitle, ip.NextURL = m.Title, modulePath(v.CourseID, v.Version, m.ID)
	}
	return ip
}

func completed(course *content.Course, cp *store.Completion, now time.Time) courseCompleted {
	releases := progress.ReleasesOf(course)
	title := course.Latest().Manifest.Title
	if v := course.Version(cp.Version); v != nil {
		title = v.Manifest.Title
	}
	cc := courseCompleted{RecordID: cp.RecordID, Title: title, CourseURL: coursePath(course.ID), Version: cp.Version,
		CompletedAt: cp.CompletedAt, ValidUntil: cp.ValidUntil,
		State: progress.StateOf(progress.CompletionOf{Version: cp.Version, ValidUntil: cp.ValidUntil}, releases, now)}
	if latest := course.Latest(); latest.Version != cp.Version {
		cc.Changes = changesSince(latest, cp.Version)
	}
	return cc
}

// changesSince reads the newest release's CHANGELOG.md and renders the sections after version.
// A changelog that cannot be read shows no sections: the course page still has the full text.
func changesSince(latest *content.Version, version string) []changelogSection {
	b, err := os.ReadFile(filepath.Join(latest.Dir, "CHANGELOG.md"))
	if err != nil {
		return nil
	}
	opts := content.RenderOptions{Language: latest.Manifest.Language, Base: content.VersionBase(latest.CourseID, latest.Version)}
	var out []changelogSection
	for _, e := range progress.ChangesSince(string(b), version) {
		body, err := content.RenderMarkdown([]byte(e.Body), opts)
		if err != nil {
			continue
		}
		out = append(out, changelogSection{Heading: e.Heading, Body: body})
	}
	return out
}
