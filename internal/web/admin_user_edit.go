package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/web/form"
)

// adminUserEdit shows the form to change name, roles and active state of an account.
func (a *App) adminUserEdit(c *fiber.Ctx) error {
	id, _ := strconv.ParseInt(c.Params("id"), 10, 64)
	u, err := a.db.UserByID(c.UserContext(), id)
	if err != nil {
		return err
	}
	f := form.User{Email: u.Email, DisplayName: u.DisplayName, Roles: u.RoleNames(), Active: u.Active}
	if u.OrgUnitID != nil {
		f.OrgUnitID = *u.OrgUnitID
	}
	return a.renderUserForm(c, fiber.StatusOK, true, id, f, nil)
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }
