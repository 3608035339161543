package form

import (
	"net/url"
	"slices"
	"strconv"
)

// User is the admin form to create or edit an account.
type User struct {
	Email       string
	DisplayName string
	Roles       []string
	Active      bool
	Password    string // only when creating; empty means "generate one"
	OrgUnitID   int64  // 0: not placed in the organisation
}

// NewUser reads the user form.
func NewUser(form url.Values) User {
	f := User{
		Email:       trimmed(form, "email"),
		DisplayName: trimmed(form, "display_name"),
		Active:      form.Get("active") == "1",
		Password:    form.Get("password"),
	}
	f.OrgUnitID, _ = strconv.ParseInt(form.Get("org_unit_id"), 10, 64)
	for _, v := range form["roles"] {
		f.Roles = append(f.Roles, v)
	}
	return f
}

// HasRole is used by the template to keep boxes ticked after an error.
func (f User) HasRole(r string) bool { return slices.Contains(f.Roles, r) }

// Validate checks the fields; validRole says which role names exist. Editing skips email and
// password, which are not part of the edit form.
func (f User) Validate(creating bool, validRole func(string) bool) Errors {
	errs := Errors{}
	if creating {
		if f.Email == "" {
			errs["email"] = "form.email.required"
		} else if !validEmail(f.Email) {
			errs["email"] = "form.email.invalid"
		}
		if msg := checkNewPassword(f.Password, false); msg != "" {
			errs["password"] = msg
		}
	}
	if f.DisplayName == "" {
		errs["display_name"] = "form.name.required"
	} else if len(f.DisplayName) > 200 {
		errs["display_name"] = "form.name.long"
	}
	if len(f.Roles) == 0 {
		errs["roles"] = "form.roles.required"
	}
	for _, r := range f.Roles {
		if !validRole(r) {
			errs["roles"] = "form.roles.invalid"
		}
	}
	return errs
}
