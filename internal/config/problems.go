package config

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Problems are all configuration errors found in one start, in the order of the settings.
// errors.As finds each *Error in it.
type Problems []*Error

func (p Problems) Error() string {
	if len(p) == 1 {
		return p[0].Error()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "configuration: %d problems:", len(p))
	for _, e := range p {
		fmt.Fprintf(&b, "\n  %s=%q: %s", e.Name, e.Value, e.Problem)
	}
	return b.String()
}

func (p Problems) Unwrap() []error {
	out := make([]error, len(p))
	for i, e := range p {
		out[i] = e
	}
	return out
}

func (p *Problems) add(name, value, problem string) {
	*p = append(*p, &Error{Name: name, Value: value, Problem: problem})
}

// take adds err when it is a configuration error (the validators of a dependent chain of settings,
// such as the LDAP ones, stop at the first problem of the chain).
func (p *Problems) take(err error) {
	var e *Error
	if errors.As(err, &e) {
		*p = append(*p, e)
	} else if err != nil {
		*p = append(*p, &Error{Name: "?", Problem: err.Error()})
	}
}

// boolean reads a true/false setting into dst; a value that is neither is a problem.
func (p *Problems) boolean(get getter, name string, dst *bool, expected string) {
	if v := get(name); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			p.add(name, v, expected)
			return
		}
		*dst = b
	}
}
