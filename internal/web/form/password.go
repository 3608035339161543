package form

import (
	"net/url"
	"unicode/utf8"
)

// MinPasswordLength mirrors auth.MinPasswordLength (kept here so forms stay free of auth).
const MinPasswordLength = 10

// Password is the change-password form.
type Password struct {
	Current, New, Repeat string
}

// NewPassword reads the change-password form.
func NewPassword(form url.Values) Password {
	return Password{Current: form.Get("current"), New: form.Get("new"), Repeat: form.Get("repeat")}
}

// Validate checks the new password's length and the repetition; the current password is checked
// by the handler against the stored hash.
func (f Password) Validate() Errors {
	errs := Errors{}
	if f.Current == "" {
		errs["current"] = "form.password.required"
	}
	if msg := checkNewPassword(f.New, true); msg != "" {
		errs["new"] = msg
	} else if f.New != f.Repeat {
		errs["repeat"] = "form.password.mismatch"
	}
	return errs
}

// checkNewPassword returns the i18n key of what is wrong with a new password, or "".
func checkNewPassword(pw string, required bool) string {
	switch n := utf8.RuneCountInString(pw); {
	case n == 0 && required:
		return "form.password.required"
	case n == 0:
		return ""
	case n < MinPasswordLength:
		return "form.password.short"
	case len(pw) > 1024:
		return "form.password.long"
	}
	return ""
}
