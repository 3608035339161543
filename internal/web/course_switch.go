package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/progress"
)

// courseSwitch moves the learner's enrollment to the newer release the change policy offers (form
// field "to", so a release published meanwhile is never switched to unseen). Progress is kept for
// modules whose content did not change; a recertification after a major release starts afresh.
func (a *App) courseSwitch(c *fiber.Ctx) error {
	course, err := publishedCourse(a.lib.Catalog(), c)
	if err != nil {
		return err
	}
	ctx, l := c.UserContext(), lang(c)
	e, completed, err := a.learn.Enrollment(ctx, currentUser(c).ID, course)
	if err != nil {
		return err
	}
	if e == nil {
		return domain.Errorf(domain.ECONFLICT, "%s", i18n.T(l, "progress.error.not_enrolled_course"))
	}
	d := progress.Decide(progress.ReleasesOf(course), e.Version, completed)
	if d.SwitchTo == "" || d.SwitchTo != c.FormValue("to") {
		return domain.Errorf(domain.ECONFLICT, "%s", i18n.T(l, "progress.error.switch_unavailable"))
	}
	kept, err := a.learn.Move(ctx, e, course, d.SwitchTo, !d.Recertify)
	if err != nil {
		return err
	}
	webSession(c).flash(i18n.T(l, "progress.flash.switched", d.SwitchTo, kept))
	return c.Redirect(coursePath(course.ID), fiber.StatusSeeOther)
}
