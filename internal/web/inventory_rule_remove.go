package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/inventory"
)

// inventoryRuleRemove removes a rule; its assignment goes with it (records of completed courses
// stay with the people).
func (a *App) inventoryRuleRemove(c *fiber.Ctx) error {
	sys, err := a.aiSystemParam(c)
	if err != nil {
		return err
	}
	ruleID, _ := strconv.ParseInt(c.Params("rule"), 10, 64)
	rules := []inventory.Rule{}
	found := false
	for _, r := range sys.Rules {
		if r.ID == ruleID {
			found = true
			continue
		}
		if p, ok := r.Pure(); ok {
			rules = append(rules, p)
		}
	}
	if !found {
		return fiber.ErrNotFound
	}
	if err := a.db.SaveAISystemRules(c.UserContext(), currentUser(c).ID, sys.ID, rules); err != nil {
		return err
	}
	n, err := a.syncAISystem(c, sys.ID)
	if err != nil {
		return err
	}
	webSession(c).flash(tr(lang(c))("inventory.rules.saved", n))
	return c.Redirect(inventoryPath(sys.ID), fiber.StatusSeeOther)
}
