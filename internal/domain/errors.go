// Package domain holds what every part of ailit shares: application error codes (one place, mapped
// to HTTP status by the web package) and the clock, injected so due dates and expiry are testable.
package domain

import (
	"errors"
	"fmt"
)

// Error codes. The web layer maps each to one HTTP status in one function.
const (
	ECONFLICT     = "conflict"     // the action conflicts with current state (e.g. duplicate email)
	EFORBIDDEN    = "forbidden"    // logged in, but not allowed
	EINTERNAL     = "internal"     // a bug or an outage; details go to the log, not the user
	EINVALID      = "invalid"      // the input is wrong; Message says what to fix
	ENOTFOUND     = "not_found"    // no such thing, or not visible to this user
	EUNAUTHORIZED = "unauthorized" // not logged in
	ETOOMANY      = "too_many"     // throttled
)

// Error is an application error whose Message may be shown to the user. An error made by Keyed
// also carries a message key of internal/i18n (with its arguments): pages show that message in the
// reader's language, the command line and the log the English Message.
type Error struct {
	Code    string
	Message string
	Key     string
	Args    []any
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %s", e.Code, e.Message) }

// Errorf returns an application error with a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Keyed returns an application error that pages show as the message key (internal/i18n) with
// args, and logs and the command line as english formatted with the same args.
func Keyed(code, key, english string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(english, args...), Key: key, Args: args}
}

// ErrorKey returns the message key and arguments of an application error made by Keyed; "" for
// any other error.
func ErrorKey(err error) (string, []any) {
	var e *Error
	if errors.As(err, &e) {
		return e.Key, e.Args
	}
	return "", nil
}

// ErrorCode returns the code of an application error, EINTERNAL for any other error, "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of an application error; other errors get a
// generic text so that internals never reach the browser.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "Internal error."
}
