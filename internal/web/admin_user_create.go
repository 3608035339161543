package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/auth"
	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/form"
)

// adminUserCreate creates an account. Without a given password one is generated and shown once.
func (a *App) adminUserCreate(c *fiber.Ctx) error {
	f := form.NewUser(formValues(c))
	l := lang(c)
	errs := f.Validate(true, store.ValidRole)
	a.checkOrgUnit(c.UserContext(), f.OrgUnitID, errs)
	if len(errs) > 0 {
		return a.renderUserForm(c, fiber.StatusUnprocessableEntity, false, 0, f, errs.Translate(tr(l)))
	}
	password, generated := f.Password, ""
	if password == "" {
		password = auth.RandomPassword()
		generated = password
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	u := &store.User{Email: f.Email, DisplayName: f.DisplayName, PasswordHash: hash, Active: true}
	err = a.db.CreateUser(c.UserContext(), u, f.Roles)
	if domain.ErrorCode(err) == domain.ECONFLICT {
		return a.renderUserForm(c, fiber.StatusConflict, false, 0, f, form.Errors{"email": "form.email.taken"}.Translate(tr(l)))
	} else if err != nil {
		return err
	}
	if err := a.placeAndSync(c.UserContext(), u.ID, f.OrgUnitID); err != nil {
		return err
	}
	a.log.Info("user created", "by", currentUser(c).ID, "user_id", u.ID, "roles", f.Roles)
	return a.render(c, fiber.StatusCreated, "admin_user_created", map[string]any{"User": u, "Password": generated}, nil)
}
