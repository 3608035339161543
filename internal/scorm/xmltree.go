package scorm

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// node is one XML element with the line it starts on, so problems can name file:line.
type node struct {
	Name     string            // local name, without namespace prefix
	Attr     map[string]string // local attribute names ("scormtype", "href", "base" for xml:base)
	Line     int
	Text     string
	Children []*node
}

// child returns the first child element with the given local name, or nil.
func (n *node) child(name string) *node {
	for _, c := range n.Children {
		if strings.EqualFold(c.Name, name) {
			return c
		}
	}
	return nil
}

// children returns every child element with the given local name.
func (n *node) children(name string) []*node {
	var out []*node
	for _, c := range n.Children {
		if strings.EqualFold(c.Name, name) {
			out = append(out, c)
		}
	}
	return out
}

// attr returns an attribute by local name, ignoring case: SCORM 1.2 writes adlcp:scormtype,
// SCORM 2004 adlcp:scormType.
func (n *node) attr(name string) string {
	for k, v := range n.Attr {
		if strings.EqualFold(k, name) {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// maxXMLBytes bounds manifests: real ones are a few hundred kilobytes at most.
const maxXMLBytes = 4 << 20

// parseTree reads an XML document into a tree of nodes. DTDs and entities are not expanded
// (encoding/xml does not), so a manifest cannot pull in other files.
func parseTree(data []byte) (*node, *Problem) {
	if len(data) > maxXMLBytes {
		return nil, &Problem{Line: 1, Message: "the manifest is larger than 4 MiB"}
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var stack []*node
	var root *node
	lineAt := func(off int64) int { return bytes.Count(data[:min(int(off), len(data))], []byte("\n")) + 1 }
	for {
		start := d.InputOffset()
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return nil, &Problem{Line: se.Line, Message: "the XML cannot be read: " + se.Msg}
			}
			return nil, &Problem{Line: lineAt(d.InputOffset()), Message: "the XML cannot be read: " + err.Error()}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &node{Name: t.Name.Local, Attr: map[string]string{}, Line: lineAt(start)}
			for _, a := range t.Attr {
				n.Attr[a.Name.Local] = a.Value
			}
			if len(stack) == 0 {
				if root != nil {
					return nil, &Problem{Line: n.Line, Message: "the XML has more than one root element"}
				}
				root = n
			} else {
				parent := stack[len(stack)-1]
				parent.Children = append(parent.Children, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].Text += string(t)
			}
		}
	}
	if root == nil {
		return nil, &Problem{Line: 1, Message: "the file contains no XML element"}
	}
	return root, nil
}

// text is the trimmed text of a child element, "" when it is missing.
func (n *node) text(name string) string {
	if c := n.child(name); c != nil {
		return strings.TrimSpace(c.Text)
	}
	return ""
}
