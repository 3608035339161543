package workspace

import (
	"fmt"
	"strings"
)

// yamlOut writes readable YAML line by line and remembers on which line each marked part
// starts, so validator problems (which carry a line) can be shown next to the form field.
type yamlOut struct {
	b     strings.Builder
	marks []fieldMark
}

type fieldMark struct {
	line  int
	field string
}

// FieldLines maps lines of a written file back to form fields.
type FieldLines []fieldMark

// At returns the field whose part of the file contains line, or "".
func (fl FieldLines) At(line int) string {
	field := ""
	for _, m := range fl {
		if m.line <= line {
			field = m.field
		}
	}
	return field
}

func (o *yamlOut) line() int { return strings.Count(o.b.String(), "\n") + 1 }

func (o *yamlOut) mark(field string) { o.marks = append(o.marks, fieldMark{o.line(), field}) }

// kv writes "key: value" at an indent; the value is written as given.
func (o *yamlOut) kv(indent int, key, value string) {
	fmt.Fprintf(&o.b, "%s%s: %s\n", strings.Repeat(" ", indent), key, value)
}

// text writes a string value: plain when it fits on one line, a block scalar otherwise.
func (o *yamlOut) text(indent int, key, s string) {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
	if !strings.Contains(s, "\n") {
		o.kv(indent, key, scalar(s))
		return
	}
	fmt.Fprintf(&o.b, "%s%s: |-\n", strings.Repeat(" ", indent), key)
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) == "" {
			o.b.WriteString("\n")
			continue
		}
		fmt.Fprintf(&o.b, "%s%s\n", strings.Repeat(" ", indent+2), l)
	}
}

// list writes a block list of one-line strings.
func (o *yamlOut) list(indent int, key string, items []string) {
	if len(items) == 0 {
		o.kv(indent, key, "[]")
		return
	}
	fmt.Fprintf(&o.b, "%s%s:\n", strings.Repeat(" ", indent), key)
	for _, it := range items {
		fmt.Fprintf(&o.b, "%s  - %s\n", strings.Repeat(" ", indent), scalar(it))
	}
}

// flow writes a short list of codes as [a, b].
func (o *yamlOut) flow(indent int, key string, items []string) {
	o.kv(indent, key, "["+strings.Join(items, ", ")+"]")
}

func (o *yamlOut) bytes() []byte { return []byte(o.b.String()) }
