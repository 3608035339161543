package form

import (
	"net/url"

	"github.com/ailit/ailit/internal/retention"
)

// Retention is the admin form with one period per data category (fields "period-<category>").
type Retention struct {
	Values map[retention.Category]string // as typed
}

// RetentionField is the form field of a category.
func RetentionField(c retention.Category) string { return "period-" + string(c) }

// NewRetention reads the form.
func NewRetention(form url.Values) Retention {
	f := Retention{Values: map[retention.Category]string{}}
	for _, d := range retention.Definitions {
		f.Values[d.Category] = trimmed(form, RetentionField(d.Category))
	}
	return f
}

// Validate returns the policy, or the categories whose period is not a whole number within its
// bounds (the message names the bounds, so the handler words it).
func (f Retention) Validate() (retention.Policy, []retention.Category) {
	return retention.Parse(f.Values)
}
