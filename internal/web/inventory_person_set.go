package web

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/inventory"
	"github.com/ailit/ailit/internal/web/form"
)

// inventoryPersonSet names a person for a role of a system (action "add", by email) or relieves
// them of it ("remove", by user id), logs it, and derives the assignments again.
func (a *App) inventoryPersonSet(c *fiber.Ctx) error {
	ctx := c.UserContext()
	sys, err := a.aiSystemParam(c)
	if err != nil {
		return err
	}
	t := tr(lang(c))
	role, add := c.FormValue("role"), c.FormValue("action") != "remove"
	email := strings.ToLower(strings.TrimSpace(c.FormValue("email")))
	fail := func(field, key string) error {
		p := inventoryPage{Form: form.AISystemOf(sys.Model(), sys.UnitIDs()), Email: email, Role: role,
			RuleForm: form.AIRule{Role: inventory.RoleUser, DueDays: "90"}}
		return a.renderInventorySystem(c, fiber.StatusUnprocessableEntity, sys, p, map[string]string{field: t(key)})
	}
	if !inventory.ValidRole(role) {
		return fail("person_role", "inventory.err.role")
	}
	var userID int64
	if add {
		u, err := a.db.UserByEmail(ctx, email)
		if err != nil || !u.Active {
			return fail("email", "inventory.err.person")
		}
		userID = u.ID
	} else if userID, err = strconv.ParseInt(c.FormValue("user_id"), 10, 64); err != nil {
		return fiber.ErrBadRequest
	}
	if err := a.db.SetAISystemHolder(ctx, currentUser(c).ID, sys.ID, userID, role, add); err != nil {
		return err
	}
	if _, err := a.syncAISystem(c, sys.ID); err != nil {
		return err
	}
	webSession(c).flash(t("inventory.people.saved"))
	return c.Redirect(inventoryPath(sys.ID), fiber.StatusSeeOther)
}
