package form

import "net/url"

// Login is the login form.
type Login struct {
	Email    string
	Password string
	Next     string
}

// NewLogin reads the login form.
func NewLogin(form url.Values) Login {
	return Login{Email: trimmed(form, "email"), Password: form.Get("password"), Next: form.Get("next")}
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
