package web

import (
	"slices"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/form"
)

// adminUserUpdate saves name, roles and active state. Admins cannot take away their own admin role
// or deactivate themselves, so the platform never ends up without an administrator by accident.
func (a *App) adminUserUpdate(c *fiber.Ctx) error {
	id, _ := strconv.ParseInt(c.Params("id"), 10, 64)
	ctx := c.UserContext()
	u, err := a.db.UserByID(ctx, id)
	if err != nil {
		return err
	}
	l := lang(c)
	f := form.NewUser(formValues(c))
	f.Email = u.Email
	errs := f.Validate(false, store.ValidRole)
	a.checkOrgUnit(ctx, f.OrgUnitID, errs)
	if me := currentUser(c); me.ID == u.ID {
		if !slices.Contains(f.Roles, store.RoleAdmin) {
			errs["roles"] = "form.roles.selfadmin"
		}
		if !f.Active {
			errs["active"] = "form.active.self"
		}
	}
	if len(errs) > 0 {
		return a.renderUserForm(c, fiber.StatusUnprocessableEntity, true, id, f, errs.Translate(tr(l)))
	}
	if err := a.db.UpdateUser(ctx, id, f.DisplayName, f.Roles, f.Active); err != nil {
		return err
	}
	if err := a.placeAndSync(ctx, id, f.OrgUnitID); err != nil {
		return err
	}
	a.log.Info("user updated", "by", currentUser(c).ID, "user_id", id, "roles", f.Roles, "active", f.Active)
	webSession(c).flash(i18n.T(l, "admin.user.saved", f.DisplayName))
	return c.Redirect("/admin/users", fiber.StatusSeeOther)
}
