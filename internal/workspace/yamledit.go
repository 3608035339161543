package workspace

import (
	"errors"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// yamlFile edits the top-level keys of a YAML file in place. The parser's node tree says where
// each key starts; a changed key has its lines replaced and every other byte of the file, with
// the trainer's comments, blank lines, quoting and key order, stays exactly as it was. (Encoding
// a node tree again would normalise indentation and drop blank lines, so it is only read.)
//
// A key's lines run from its key line to the comments and blank lines that precede the next
// top-level key; those belong to the next key and stay in place.
type yamlFile struct {
	lines []string // the file split at "\n"
	keys  []yamlKey
	edits map[string]*yamlEdit
	added []string // keys that are new, in the order they were set
}

type yamlKey struct {
	name    string
	line    int    // index of the key line in lines
	end     int    // index after the key's last line
	comment string // the inline comment of a one-line value ("  # …"), kept when the value changes
}

type yamlEdit struct {
	block []string // the new lines; nil deletes the key
	after string   // for a new key: the key it follows
}

var errNotBlockMapping = errors.New("the file is not a YAML mapping with one key per line")

// parseYAMLFile reads the top-level keys of a YAML file with one block mapping.
func parseYAMLFile(data []byte) (*yamlFile, error) {
	f, err := parser.ParseBytes(data, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	y := &yamlFile{lines: strings.Split(string(data), "\n"), edits: map[string]*yamlEdit{}}
	if len(f.Docs) != 1 || f.Docs[0].Body == nil {
		return nil, errNotBlockMapping
	}
	var values []*ast.MappingValueNode
	switch n := f.Docs[0].Body.(type) {
	case *ast.MappingNode:
		if n.IsFlowStyle {
			return nil, errNotBlockMapping
		}
		values = n.Values
	case *ast.MappingValueNode:
		values = []*ast.MappingValueNode{n}
	default:
		return nil, errNotBlockMapping
	}
	for _, mv := range values {
		pos := mv.Key.GetToken().Position
		if pos.Column != 1 || pos.Line < 1 || pos.Line > len(y.lines) {
			return nil, errNotBlockMapping
		}
		y.keys = append(y.keys, yamlKey{name: mv.Key.GetToken().Value, line: pos.Line - 1})
	}
	for i := range y.keys {
		next := len(y.lines)
		if i+1 < len(y.keys) {
			next = y.keys[i+1].line
		}
		y.keys[i].end = headStart(y.lines, y.keys[i].line+1, next, 0)
		if y.keys[i].end == y.keys[i].line+1 {
			y.keys[i].comment = inlineComment(values[i].Value, y.lines[y.keys[i].line])
		}
	}
	return y, nil
}

// inlineComment returns "   # …" (with the spaces before it) of a one-line value when the parser found a comment on its line.
func inlineComment(value ast.Node, line string) string {
	if value == nil || value.GetComment() == nil {
		return ""
	}
	tok := value.GetComment().GetToken()
	if tok == nil || tok.Position.Line != value.GetToken().Position.Line || tok.Position.Column < 2 {
		return ""
	}
	runes := []rune(line) // the parser counts columns in characters
	col := tok.Position.Column - 1
	if col >= len(runes) || runes[col] != '#' {
		return ""
	}
	for col > 0 && runes[col-1] == ' ' {
		col-- // keep the spaces before the comment as the trainer aligned them
	}
	return string(runes[col:])
}

// headStart walks back from line `next` over blank lines and comments indented no further than
// indent, not below `from`: those lines introduce what starts at `next`.
func headStart(lines []string, from, next, indent int) int {
	j := next
	for j > from && isHeadLine(lines[j-1], indent) {
		j--
	}
	return j
}

func isHeadLine(line string, indent int) bool {
	trimmed := strings.TrimLeft(line, " ")
	return strings.TrimSpace(line) == "" || (strings.HasPrefix(trimmed, "#") && len(line)-len(trimmed) <= indent)
}

func (y *yamlFile) key(name string) *yamlKey {
	for i := range y.keys {
		if y.keys[i].name == name {
			return &y.keys[i]
		}
	}
	return nil
}

// has reports whether the file has the top-level key.
func (y *yamlFile) has(name string) bool { return y.key(name) != nil }

// content returns the current lines of a key (nil when absent).
func (y *yamlFile) content(name string) []string {
	k := y.key(name)
	if k == nil {
		return nil
	}
	return y.lines[k.line:k.end]
}

// set replaces the lines of key with block (YAML text ending in "\n"), or adds it after the key
// `after` (at the end when that is absent too).
func (y *yamlFile) set(name, block, after string) {
	lines := strings.Split(strings.TrimSuffix(block, "\n"), "\n")
	if k := y.key(name); k != nil && k.comment != "" && len(lines) == 1 && k.end == k.line+1 {
		lines[0] += k.comment
	}
	if _, ok := y.edits[name]; !ok && !y.has(name) {
		y.added = append(y.added, name)
	}
	y.edits[name] = &yamlEdit{block: lines, after: after}
}

// remove deletes a key's lines; the comments above it stay.
func (y *yamlFile) remove(name string) {
	if y.has(name) {
		y.edits[name] = &yamlEdit{}
	}
}

// bytes writes the file with the edits applied.
func (y *yamlFile) bytes() []byte {
	var out []string
	placed := map[string]bool{}
	var addAfter func(name string)
	addAfter = func(name string) {
		for _, n := range y.added {
			if e := y.edits[n]; !placed[n] && e.after == name {
				placed[n] = true
				out = append(out, e.block...)
				addAfter(n)
			}
		}
	}
	prev := 0
	for _, k := range y.keys {
		out = append(out, y.lines[prev:k.line]...)
		if e, ok := y.edits[k.name]; ok {
			out = append(out, e.block...)
		} else {
			out = append(out, y.lines[k.line:k.end]...)
		}
		addAfter(k.name)
		prev = k.end
	}
	for _, n := range y.added {
		if !placed[n] {
			out = append(out, y.edits[n].block...)
		}
	}
	return []byte(strings.Join(append(out, y.lines[prev:]...), "\n"))
}

// fieldLinesOf maps the lines of a YAML file to its top-level keys through fieldOf ("" for keys
// without a form field); the items of the list under listKey are named by itemField(i).
func fieldLinesOf(data []byte, fieldOf func(key string) string, listKey string, itemField func(int) string) FieldLines {
	y, err := parseYAMLFile(data)
	if err != nil {
		return nil
	}
	var marks FieldLines
	for _, k := range y.keys {
		marks = append(marks, fieldMark{k.line + 1, fieldOf(k.name)})
		if k.name == listKey {
			for i, it := range listItems(y.lines, k.line, k.end) {
				marks = append(marks, fieldMark{it.dash + 1, itemField(i)})
			}
		}
	}
	return marks
}

// listItem is one entry of a block list: its lines run from start (its comments) to end; dash
// is the line of its "-".
type listItem struct{ start, dash, end int }

// listItems finds the entries of the block list that is the value of the key on line keyLine.
func listItems(lines []string, keyLine, end int) []listItem {
	indent := -1
	var dashes []int
	for i := keyLine + 1; i < end; i++ {
		trimmed := strings.TrimLeft(lines[i], " ")
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		in := len(lines[i]) - len(trimmed)
		if indent < 0 {
			if !strings.HasPrefix(trimmed, "-") {
				return nil // not a block list
			}
			indent = in
		}
		if in == indent && (trimmed == "-" || strings.HasPrefix(trimmed, "- ")) {
			dashes = append(dashes, i)
		}
	}
	items := make([]listItem, len(dashes))
	for i, d := range dashes {
		prevEnd := keyLine + 1
		if i > 0 {
			prevEnd = dashes[i-1] + 1
		}
		items[i] = listItem{start: headStart(lines, prevEnd, d, indent), dash: d, end: end}
		if i > 0 {
			items[i-1].end = items[i].start
		}
	}
	return items
}

// listIndent is the indentation of the dashes of a block list, or def when it has no entry.
func listIndent(lines []string, items []listItem, def int) int {
	if len(items) == 0 {
		return def
	}
	l := lines[items[0].dash]
	return len(l) - len(strings.TrimLeft(l, " "))
}
