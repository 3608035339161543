package web

import (
	"bytes"
	"fmt"
	"html/template"
	"sync"
)

// keptBlocks renders template blocks whose output depends on nothing but a small key and keeps
// the HTML, so a page writes it as it is instead of looking up messages and escaping values again
// on every request: the parts of the layout (layout_parts.go) and of the course page
// (course_kept.go). The blocks stay in the templates, so the bytes are the same as before.
//
// A key is a comparable struct of its own type per block, holding everything the block's output
// depends on (language, roles, a version's content hash, …); keys of different types never meet.
// Every part of a key has few values, so what is kept stays small; two requests may render the
// same block at once, and both get the same bytes.
type keptBlocks struct {
	blocks *template.Template // a clone of the base set that may be executed (the base may not)
	frames *template.Template // the same with marker blocks for "layout" (layout_frame.go)
	html   sync.Map           // key → template.HTML
}

// get returns the kept HTML of key, rendering block with data() on first use.
func (k *keptBlocks) get(key any, block string, data func() any) (template.HTML, error) {
	if h, ok := k.html.Load(key); ok {
		return h.(template.HTML), nil
	}
	var buf bytes.Buffer
	if err := k.blocks.ExecuteTemplate(&buf, block, data()); err != nil {
		return "", fmt.Errorf("rendering %s: %w", block, err)
	}
	h := template.HTML(buf.String())
	k.html.Store(key, h)
	return h, nil
}

// forget drops everything kept; the next requests render it again (after a reload of the courses,
// so parts of versions no longer served do not stay).
func (k *keptBlocks) forget() { k.html.Clear() }
