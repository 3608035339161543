package web

import (
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/store"
)

type adminCoursesPage struct {
	Report      *content.LoadReport
	Rows        []adminCourseRow
	CanReload   bool
	ReloadError string // set when the reload just failed; the previous catalog is still served
}

// adminCourseRow is one version folder with its status and how many problems it has.
type adminCourseRow struct {
	content.VersionStatus
	Problems int
	Overdue  bool   // a served version whose review_due date has passed
	URL      string // the course page of a published version
}

// adminCoursesList shows every version folder with its status and every problem of the last load.
func (a *App) adminCoursesList(c *fiber.Ctx) error {
	return a.renderAdminCourses(c, fiber.StatusOK, "")
}

func (a *App) renderAdminCourses(c *fiber.Ctx, status int, reloadError string) error {
	report, cat := a.lib.Report(), a.lib.Catalog()
	page := adminCoursesPage{Report: report, CanReload: currentUser(c).HasRole(store.RoleAdmin), ReloadError: reloadError}
	now := time.Now()
	for _, vs := range report.Versions {
		row := adminCourseRow{VersionStatus: vs}
		prefix := vs.CourseID + "/" + vs.Folder
		for _, p := range report.Problems {
			if p.Path == prefix || strings.HasPrefix(p.Path, prefix+"/") {
				row.Problems++
			}
		}
		if v := servedVersion(cat, vs); v != nil {
			row.Overdue = v.ReviewOverdue(now)
			if !v.Draft {
				row.URL = v.Base
			}
		}
		page.Rows = append(page.Rows, row)
	}
	return a.render(c, status, "admin_courses", page, nil)
}

// servedVersion returns the loaded version of a status row: published or draft; nil when the
// folder is broken or refused.
func servedVersion(cat *content.Catalog, vs content.VersionStatus) *content.Version {
	course := cat.AnyCourse(vs.CourseID)
	if course == nil {
		return nil
	}
	switch vs.Status {
	case content.StatusPublished, content.StatusKept:
		return course.Version(vs.Folder)
	case content.StatusDraft:
		return course.Draft(vs.Folder)
	}
	return nil
}
