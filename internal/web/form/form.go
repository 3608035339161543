// Package form holds the web forms: each parses its fields from a request and has a Validate
// method that returns messages per field (as i18n keys), so a bad form re-renders with each message
// next to its field.
package form

import (
	"net/mail"
	"net/url"
	"strings"
)

// Errors maps a field name to the i18n key of its message.
type Errors map[string]string

// Translate turns the keys into messages of a language.
func (e Errors) Translate(t func(key string, args ...any) string) map[string]string {
	if len(e) == 0 {
		return nil
	}
	out := map[string]string{}
	for field, key := range e {
		out[field] = t(key)
	}
	return out
}

func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && strings.Contains(s, "@")
}

func trimmed(v url.Values, name string) string { return strings.TrimSpace(v.Get(name)) }
