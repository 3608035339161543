package form

import "github.com/gofiber/fiber/v2"

// Login is the login form.
type Login struct {
	Email    string
	Password string
	Next     string
}

// NewLogin reads the login form.
func NewLogin(c *fiber.Ctx) Login {
	return Login{Email: trimmed(c, "email"), Password: c.FormValue("password"), Next: c.FormValue("next")}
}

// Validate checks that both fields are filled in.
func (f Login) Validate() Errors {
	errs := Errors{}
	if f.Email == "" {
		errs["email"] = "form.email.required"
	}
	if f.Password == "" {
		errs["password"] = "form.password.required"
	}
	return errs
}
