package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/compliance"
	"github.com/ailit/ailit/internal/config"
	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/store"
)

type teamExemptionsPage struct {
	Off        bool // aggregate privacy level: managers see no single people, admins exempt
	Exemptions exemptionsView
}

// teamExemptionsShow lets managers exempt people of their own units (ScopeOf: admins see all).
func (a *App) teamExemptionsShow(c *fiber.Ctx) error {
	return a.renderTeamExemptions(c, fiber.StatusOK, exemptionsView{}, nil)
}

// teamExemptionChange exempts a person of the viewer's units, or ends an exemption. Someone
// outside the units answers 404, whatever the form says.
func (a *App) teamExemptionChange(c *fiber.Ctx) error {
	if a.teamExemptionsOff(c) {
		return domain.Errorf(domain.EFORBIDDEN, "exemptions by managers are off at the aggregate privacy level")
	}
	errs, msg, err := a.changeExemption(c, store.ScopeOf(currentUser(c)), 0)
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		ev := exemptionsView{Member: c.FormValue("member"), Reason: c.FormValue("reason")}
		return a.renderTeamExemptions(c, fiber.StatusUnprocessableEntity, ev, errs)
	}
	webSession(c).flash(msg)
	return c.Redirect("/team/exemptions", fiber.StatusSeeOther)
}

func (a *App) teamExemptionsOff(c *fiber.Ctx) bool {
	return a.cfg.PrivacyLevel == config.PrivacyAggregate && !currentUser(c).HasRole(store.RoleAdmin)
}

func (a *App) renderTeamExemptions(c *fiber.Ctx, status int, ev exemptionsView, errs map[string]string) error {
	if a.teamExemptionsOff(c) {
		return a.render(c, status, "team_exemptions", teamExemptionsPage{Off: true}, nil)
	}
	ctx := c.UserContext()
	recs, err := a.db.MemberRecords(ctx, store.ScopeOf(currentUser(c)), store.RecordFilter{})
	if err != nil {
		return err
	}
	es, err := compliance.Evaluate(ctx, a.db, a.lib, recs, a.db.Now())
	if err != nil {
		return err
	}
	p := teamExemptionsPage{Exemptions: exemptionsOf(es, "/team/exemptions", true)}
	p.Exemptions.Member, p.Exemptions.Reason = ev.Member, ev.Reason
	return a.render(c, status, "team_exemptions", p, errs)
}
