package web

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/report"
	"github.com/ailit/ailit/internal/store"
)

type settingsPage struct {
	Settings     store.ReportSettings
	Levels       []report.Level
	DefaultLevel string // AILIT_PRIVACY_LEVEL, used until an admin chooses
	K            string
}

// adminSettingsShow shows the report settings: privacy level, minimum group size, legal wording.
func (a *App) adminSettingsShow(c *fiber.Ctx) error {
	rs, err := a.reportSettings(c)
	if err != nil {
		return err
	}
	return a.render(c, fiber.StatusOK, "admin_settings", settingsPage{Settings: rs, Levels: levels, DefaultLevel: a.cfg.PrivacyLevel, K: strconv.Itoa(rs.K)}, nil)
}

var levels = []report.Level{report.LevelAggregate, report.LevelStatus, report.LevelResults}

// adminSettingsUpdate saves the report settings; every change goes into the evidence log with who
// changed it from what to what.
func (a *App) adminSettingsUpdate(c *fiber.Ctx) error {
	old, err := a.reportSettings(c)
	if err != nil {
		return err
	}
	t := tr(lang(c))
	errs := map[string]string{}
	next := store.ReportSettings{Level: c.FormValue("level"), LegalWording: strings.TrimSpace(c.FormValue("legal"))}
	if _, err := report.ParseLevel(next.Level); err != nil || next.Level == "" {
		errs["level"] = t("settings.error.level")
	}
	k, err := strconv.Atoi(strings.TrimSpace(c.FormValue("k")))
	if err != nil || k < 2 || k > 100 {
		errs["k"] = t("settings.error.k")
	}
	next.K = k
	if next.LegalWording == "" || len(next.LegalWording) > 2000 {
		errs["legal"] = t("settings.error.legal")
	}
	if len(errs) > 0 {
		return a.render(c, fiber.StatusUnprocessableEntity, "admin_settings",
			settingsPage{Settings: next, Levels: levels, DefaultLevel: a.cfg.PrivacyLevel, K: c.FormValue("k")}, errs)
	}
	if err := a.db.SaveReportSettings(c.UserContext(), currentUser(c).ID, old, next); err != nil {
		return err
	}
	webSession(c).flash(t("settings.saved"))
	return c.Redirect("/admin/settings", fiber.StatusSeeOther)
}
