package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/i18n"
)

// adminCoursesReload reads the courses folder again without a restart (like SIGHUP). On failure the
// previous catalog stays in place, and the page says so.
func (a *App) adminCoursesReload(c *fiber.Ctx) error {
	l := lang(c)
	report, err := a.lib.Reload()
	if err != nil {
		a.log.Error("reloading courses failed", "by", currentUser(c).ID, "error", err)
		return a.renderAdminCourses(c, fiber.StatusInternalServerError, i18n.T(l, "admin.courses.reload.failed", err.Error()))
	}
	a.log.Info("courses reloaded", "by", currentUser(c).ID, "versions", len(report.Versions), "problems", len(report.Problems))
	msg := i18n.T(l, "admin.courses.reload.done",
		report.Count(content.StatusPublished), report.Count(content.StatusDraft),
		report.Count(content.StatusBroken), report.Count(content.StatusRefused))
	if kept := report.Count(content.StatusKept); kept > 0 {
		msg += " " + i18n.T(l, "ops.courses.reload.kept", kept)
	}
	webSession(c).flash(msg)
	return c.Redirect("/admin/courses", fiber.StatusSeeOther)
}
