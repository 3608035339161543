package content

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// yamlDoc is a decoded YAML file that still knows where each value stands, so semantic problems
// ("unknown competence code") point at the exact line and column.
type yamlDoc struct {
	path       string // problem path, relative to the courses folder
	file       *ast.File
	lineOffset int // lines before the YAML starts (front matter starts after the opening "---")
}

// decodeYAML strictly decodes data into v: unknown fields, duplicate keys and wrong types are
// problems. It returns nil and the problem when the file cannot be decoded.
func decodeYAML(relPath string, data []byte, lineOffset int, v any) (*yamlDoc, []Problem) {
	if off := firstInvalidUTF8(data); off >= 0 {
		line, col := lineCol(data, off)
		return nil, []Problem{{relPath, line + lineOffset, col, "the file is not valid UTF-8 text; save it as UTF-8"}}
	}
	// One parse gives both the value and the positions: scanning and parsing is most of the cost
	// of loading many versions, so the file is not parsed a second time to decode it.
	file, err := parseYAML(data)
	if err != nil {
		return nil, []Problem{yamlErrorProblem(relPath, lineOffset, err)}
	}
	if err := strictDecode(file, v); err != nil {
		return nil, []Problem{yamlErrorProblem(relPath, lineOffset, err)}
	}
	return &yamlDoc{path: relPath, file: file, lineOffset: lineOffset}, nil
}

// parseYAML parses a file into its syntax tree (without comments), as goccy's Unmarshal does.
func parseYAML(data []byte) (file *ast.File, err error) {
	defer func() {
		if r := recover(); r != nil {
			file, err = nil, yamlPanic(r)
		}
	}()
	return parser.ParseBytes(data, 0)
}

// strictDecode decodes the first document of a parsed file into v with goccy's strict options,
// as yaml.UnmarshalWithOptions(data, v, yaml.Strict()) would from the same bytes. goccy panics on
// some odd inputs (custom tags on collections, found by FuzzParseQuiz); a bad course file must
// not take the platform down.
func strictDecode(file *ast.File, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = yamlPanic(r)
		}
	}()
	for _, doc := range file.Docs {
		if doc.Body == nil {
			continue // an empty document; Unmarshal skips it too
		}
		dec := yaml.NewDecoder(bytes.NewReader(nil), yaml.Strict(), yaml.DisallowUnknownField())
		return dec.DecodeFromNode(doc.Body, v)
	}
	return nil // an empty file decodes to the zero value
}

func yamlPanic(r any) error {
	return fmt.Errorf("the YAML cannot be read (%v); check tags (!…) and indentation", r)
}

// yamlErrorProblem turns a goccy error into a problem with its position and a plain message.
func yamlErrorProblem(relPath string, lineOffset int, err error) Problem {
	var ye yaml.Error
	if !errors.As(err, &ye) || ye.GetToken() == nil {
		return Problem{relPath, 1 + lineOffset, 1, "cannot read YAML: " + err.Error()}
	}
	tk := ye.GetToken()
	msg := ye.GetMessage()
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msg = fmt.Sprintf("expected %s here, found %q", kindName(te.DstType), tk.Value)
	}
	var ue *yaml.UnknownFieldError
	if errors.As(err, &ue) {
		msg += " (check the spelling; see docs/course-format.md for the allowed fields)"
	}
	return Problem{relPath, tk.Position.Line + lineOffset, tk.Position.Column, msg}
}

// kindName names a Go type the way a trainer thinks of YAML values.
func kindName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	case reflect.String:
		return "a text"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "a group of fields"
	}
	return "a " + t.Kind().String()
}

// position returns the line and column of the value at a YAML path such as "$.questions[2].id".
// When the path does not exist (a missing field), it falls back to the nearest existing parent.
func (d *yamlDoc) position(path string) (line, col int) {
	for path != "" && d.file != nil {
		if p, err := yaml.PathString(path); err == nil {
			if n, err := p.FilterFile(d.file); err == nil && n != nil && n.GetToken() != nil {
				pos := n.GetToken().Position
				return pos.Line + d.lineOffset, pos.Column
			}
		}
		cut := strings.LastIndexAny(path, ".[")
		if cut <= 0 {
			break
		}
		path = path[:cut]
	}
	return 1 + d.lineOffset, 1
}

// has reports whether a YAML path exists in the file.
func (d *yamlDoc) has(path string) bool {
	p, err := yaml.PathString(path)
	if err != nil || d.file == nil {
		return false
	}
	n, err := p.FilterFile(d.file)
	return err == nil && n != nil
}

// problemAt builds a problem located at a YAML path.
func (d *yamlDoc) problemAt(path, format string, args ...any) Problem {
	line, col := d.position(path)
	return Problem{d.path, line, col, fmt.Sprintf(format, args...)}
}

// requireFields reports every listed field ("completion.modules") that is absent.
func (d *yamlDoc) requireFields(fields ...string) []Problem {
	var ps []Problem
	for _, f := range fields {
		if parent, _, nested := strings.Cut(f, "."); nested && !d.has("$."+parent) {
			continue // the missing parent is reported already
		}
		if !d.has("$." + f) {
			ps = append(ps, Problem{d.path, 1 + d.lineOffset, 1, fmt.Sprintf("required field %q is missing", f)})
		}
	}
	return ps
}
