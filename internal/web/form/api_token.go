package form

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ailit/ailit/internal/api"
	"github.com/ailit/ailit/internal/i18n"
)

// APIToken is the admin form that creates a service token of the REST API.
type APIToken struct {
	Name     string
	Scopes   []string
	AllowIPs string // one CIDR or address per line (or comma-separated)
	Expires  string // YYYY-MM-DD, the last day the token works; "" never expires
	Rate     string // calls per minute; "" the default
}

// NewAPIToken reads the form.
func NewAPIToken(form url.Values) APIToken {
	f := APIToken{Name: trimmed(form, "name"), AllowIPs: strings.TrimSpace(form.Get("allow_ips")),
		Expires: trimmed(form, "expires"), Rate: trimmed(form, "rate")}
	for _, v := range form["scopes"] {
		f.Scopes = append(f.Scopes, v)
	}
	return f
}

// HasScope keeps the boxes ticked after an error.
func (f APIToken) HasScope(s string) bool { return slices.Contains(f.Scopes, s) }

// Spec turns the form into a token request and checks it: the messages per field, as i18n keys.
// The expiry day ends at midnight in Berlin; it is read as 2027-12-31 or 31.12.2027.
func (f APIToken) Spec(now time.Time) (api.TokenSpec, Errors) {
	spec := api.TokenSpec{Name: f.Name, Scopes: f.Scopes, AllowIPs: strings.Fields(strings.ReplaceAll(f.AllowIPs, ",", " "))}
	errs := Errors{}
	if f.Expires != "" {
		day, err := time.ParseInLocation(time.DateOnly, f.Expires, i18n.Berlin) // from a date field
		if err != nil {
			day, err = time.ParseInLocation("2.1.2006", f.Expires, i18n.Berlin) // typed by hand
		}
		if err != nil {
			errs["expires"] = "api.token.err.expires_format"
		} else {
			end := day.AddDate(0, 0, 1).UTC()
			spec.ExpiresAt = &end
		}
	}
	if f.Rate != "" {
		n, err := strconv.Atoi(f.Rate)
		if err != nil {
			errs["rate"] = "api.token.err.rate"
		}
		spec.RatePerMinute = n
	}
	_, _, specErrs := spec.Validate(now)
	for k, v := range specErrs {
		if errs[k] == "" {
			errs[k] = v
		}
	}
	if len(errs) == 0 {
		return spec, nil
	}
	return spec, errs
}
