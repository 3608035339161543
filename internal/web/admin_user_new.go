package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/org"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/form"
)

type adminUserFormPage struct {
	Edit      bool
	Action    string
	Form      form.User
	AllRoles  []string
	MinLength int
	Units     []orgOption // for the org unit select
}

// adminUserNew shows the form for a new account (role "learner" preselected).
func (a *App) adminUserNew(c *fiber.Ctx) error {
	return a.renderUserForm(c, fiber.StatusOK, false, 0, form.User{Roles: []string{store.RoleLearner}, Active: true}, nil)
}

func (a *App) renderUserForm(c *fiber.Ctx, status int, edit bool, id int64, f form.User, errs map[string]string) error {
	page := adminUserFormPage{Edit: edit, Action: "/admin/users", Form: f, AllRoles: store.AllRoles, MinLength: form.MinPasswordLength}
	if edit {
		page.Action = "/admin/users/" + itoa(id)
	}
	tree, units, err := a.db.OrgTree(c.UserContext())
	if err != nil {
		return err
	}
	for _, u := range units {
		page.Units = append(page.Units, orgOption{ID: u.ID, Label: org.JoinPath(tree.NamePath(u.ID))})
	}
	return a.render(c, status, "admin_user_form", page, errs)
}
