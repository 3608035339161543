// Package interchange converts quizzes and courses between ailit's own format and the formats
// other learning platforms read and write: Moodle XML and GIFT question banks, IMS QTI 2.1/3.0
// items and packages, and SCORM 1.2 course packages. It is pure conversion: it reads and writes
// bytes and files, never the database, so every format is tested with files the tests build.
package interchange

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// node is one element of a parsed XML document with its line, or a text node (Name == "").
// encoding/xml has no DOM; a small tree keeps the mixed content of QTI item bodies and the line of
// every element for error messages.
type node struct {
	Name     string // local name; "" for text
	Attr     map[string]string
	Children []*node
	Text     string // text nodes only
	Line     int
}

// parseXML reads a document into a tree. Syntax errors name the file and line.
func parseXML(file string, data []byte) (*node, error) {
	if err := checkUTF8(file, data); err != nil {
		return nil, err
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	dec.CharsetReader = func(charset string, r io.Reader) (io.Reader, error) {
		if strings.EqualFold(charset, "utf-8") || strings.EqualFold(charset, "us-ascii") {
			return r, nil
		}
		return nil, fmt.Errorf("the file is encoded as %s; save it as UTF-8", charset)
	}
	var stack []*node
	var root *node
	for {
		line, _ := dec.InputPos()
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return nil, fmt.Errorf("%s:%d: the XML is malformed: %s", file, se.Line, se.Msg)
			}
			return nil, fmt.Errorf("%s:%d: the XML cannot be read: %v", file, line, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &node{Name: t.Name.Local, Attr: map[string]string{}, Line: line}
			for _, a := range t.Attr {
				n.Attr[a.Name.Local] = a.Value
			}
			if len(stack) > 0 {
				parent := stack[len(stack)-1]
				parent.Children = append(parent.Children, n)
			} else if root == nil {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				parent := stack[len(stack)-1]
				parent.Children = append(parent.Children, &node{Text: string(t), Line: line})
			}
		}
	}
	if root == nil {
		return nil, fmt.Errorf("%s:1: the file contains no XML element", file)
	}
	return root, nil
}

// child returns the first child element with the name, or nil.
func (n *node) child(name string) *node {
	if n == nil {
		return nil
	}
	for _, c := range n.Children {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// all returns the child elements with the name.
func (n *node) all(name string) []*node {
	if n == nil {
		return nil
	}
	var out []*node
	for _, c := range n.Children {
		if c.Name == name {
			out = append(out, c)
		}
	}
	return out
}

// elements returns every child element.
func (n *node) elements() []*node {
	var out []*node
	for _, c := range n.Children {
		if c.Name != "" {
			out = append(out, c)
		}
	}
	return out
}

// find returns every descendant element with the name, in document order.
func (n *node) find(name string) []*node {
	var out []*node
	var walk func(*node)
	walk = func(m *node) {
		for _, c := range m.Children {
			if c.Name == name {
				out = append(out, c)
			}
			walk(c)
		}
	}
	if n != nil {
		walk(n)
	}
	return out
}

// text is the concatenated character data of the element and its descendants.
func (n *node) text() string {
	if n == nil {
		return ""
	}
	if n.Name == "" {
		return n.Text
	}
	var b strings.Builder
	for _, c := range n.Children {
		b.WriteString(c.text())
	}
	return b.String()
}

// replacer says what to write instead of an element: ok=false keeps the element as it is.
type replacer func(*node) (replacement string, ok bool)

// innerHTML serialises the children of the element back to markup, writing the replacement for
// the elements replace names (interactions inside a QTI item body are left out or become a blank).
func (n *node) innerHTML(replace replacer) string {
	var b strings.Builder
	for _, c := range n.Children {
		c.writeHTML(&b, replace)
	}
	return b.String()
}

func (n *node) writeHTML(b *strings.Builder, replace replacer) {
	if n.Name == "" {
		_ = xml.EscapeText(b, []byte(n.Text))
		return
	}
	if replace != nil {
		if r, ok := replace(n); ok {
			b.WriteString(r)
			return
		}
	}
	b.WriteString("<" + n.Name)
	for _, k := range sortedKeys(n.Attr) {
		b.WriteString(" " + k + `="`)
		_ = xml.EscapeText(b, []byte(n.Attr[k]))
		b.WriteString(`"`)
	}
	b.WriteString(">")
	for _, c := range n.Children {
		c.writeHTML(b, replace)
	}
	b.WriteString("</" + n.Name + ">")
}
