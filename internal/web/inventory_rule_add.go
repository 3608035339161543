package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/compliance"
	"github.com/ailit/ailit/internal/inventory"
	"github.com/ailit/ailit/internal/web/form"
)

// inventoryRuleAdd adds (or, for the same role and measure, changes) a requirement rule and
// derives the system's assignments again, with due dates, at once.
func (a *App) inventoryRuleAdd(c *fiber.Ctx) error {
	sys, err := a.aiSystemParam(c)
	if err != nil {
		return err
	}
	t := tr(lang(c))
	f := form.NewAIRule(formValues(c))
	rule, errs := f.Validate(compliance.KnownMeasure(a.lib))
	if len(errs) > 0 {
		p := inventoryPage{Form: form.AISystemOf(sys.Model(), sys.UnitIDs()), RuleForm: f, Role: inventory.RoleOversight}
		return a.renderInventorySystem(c, fiber.StatusUnprocessableEntity, sys, p, errs.Translate(t))
	}
	rules := []inventory.Rule{}
	for _, r := range sys.PureRules() {
		if r.Role != rule.Role || r.Measure != rule.Measure {
			rules = append(rules, r)
		}
	}
	rules = append(rules, rule)
	if err := a.db.SaveAISystemRules(c.UserContext(), currentUser(c).ID, sys.ID, rules); err != nil {
		return err
	}
	n, err := a.syncAISystem(c, sys.ID)
	if err != nil {
		return err
	}
	webSession(c).flash(t("inventory.rules.saved", n))
	return c.Redirect(inventoryPath(sys.ID), fiber.StatusSeeOther)
}
