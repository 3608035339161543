package web

import (
	"fmt"
	"html/template"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/ailit/ailit/internal/store"
)

// The layout of a page is the same for every request of one language and kind of page (signed in
// or not, the account page or another, with a flash message or without) except for a few values.
// It is rendered once per kind from the "layout" block itself, with a marker in place of each
// value, and cut at the markers; a page then writes the pieces and, between them, its values and
// its own "title" and "content" blocks. That saves executing the layout per request: about two
// dozen reflective calls of text/template, a quarter of a lesson page's CPU. The page's bytes are
// those the layout block gives (TestTheLayoutFrameGivesTheBytesOfTheLayoutBlock).

// frameKey names one kind of page.
type frameKey struct {
	lang, version              string
	signedIn, onAccount, flash bool
}

// A frameHole is what goes between two pieces of a frame.
type frameHole string

const (
	holeTitle    frameHole = "title"   // the page's "title" block
	holeContent  frameHole = "content" // the page's "content" block
	holeCSRF     frameHole = "csrf"
	holePath     frameHole = "path"
	holeNav      frameHole = "nav" // kept HTML (layout_parts.go)
	holeUserName frameHole = "user"
	holeFlash    frameHole = "flash"
	holeState    frameHole = "state" // a module's state on the course page (course_kept.go)
)

// frame is the layout cut at its holes: pieces[0], holes[0], pieces[1], …, pieces[len(holes)].
type frame struct {
	pieces []string
	holes  []frameHole
}

// The markers: characters of Unicode's private use area, which the escaper leaves as they are in
// text and attribute values, around the hole's name.
const frameMark = "\uE000"

var frameMarker = regexp.MustCompile(frameMark + `([a-z]+)` + frameMark)

func mark(h frameHole) string { return frameMark + string(h) + frameMark }

// frameTemplates adds "title" and "content" blocks that print their markers to a clone of the
// base set, so "layout" can be executed on its own.
func frameTemplates(base *template.Template) (*template.Template, error) {
	t, err := base.Clone()
	if err != nil {
		return nil, err
	}
	return t.Parse(`{{define "title"}}` + mark(holeTitle) + `{{end}}{{define "content"}}` + mark(holeContent) + `{{end}}`)
}

// frame returns the layout for key, rendering and cutting it on first use.
func (k *keptBlocks) frame(key frameKey, layout layoutParts) (*frame, error) {
	want := []frameHole{holeTitle, holeContent, holeCSRF, holePath}
	if key.signedIn {
		want = append(want, holeNav, holeUserName)
	}
	if key.flash {
		want = append(want, holeFlash)
	}
	return k.cut(key, k.frames, "layout", func() any {
		v := &view{Lang: key.lang, Version: key.version, Layout: layout, CSRF: mark(holeCSRF), Path: mark(holePath), OnAccount: key.onAccount}
		if key.signedIn {
			v.User, v.Nav = &store.User{DisplayName: mark(holeUserName)}, template.HTML(mark(holeNav))
		}
		if key.flash {
			v.Flash = mark(holeFlash)
		}
		return v
	}, want...)
}

// cut returns block of set rendered with data() and cut at its markers, kept under key; want are
// the holes it must have.
func (k *keptBlocks) cut(key any, set *template.Template, block string, data func() any, want ...frameHole) (*frame, error) {
	if f, ok := k.html.Load(key); ok {
		return f.(*frame), nil
	}
	var b strings.Builder
	if err := set.ExecuteTemplate(&b, block, data()); err != nil {
		return nil, fmt.Errorf("rendering %s: %w", block, err)
	}
	html := b.String()
	f := &frame{}
	last := 0
	for _, m := range frameMarker.FindAllStringSubmatchIndex(html, -1) {
		f.pieces = append(f.pieces, html[last:m[0]])
		f.holes = append(f.holes, frameHole(html[m[2]:m[3]]))
		last = m[1]
	}
	f.pieces = append(f.pieces, html[last:])
	// A marker the escaper changed (a value moved into a URL or a script) is not found: refuse the
	// frame rather than write a value with the wrong escaping. A marker that is not wanted came with
	// a text (say a course title that holds one): refused too, rather than cut there.
	for _, h := range want {
		if !slices.Contains(f.holes, h) {
			return nil, fmt.Errorf("%s has no place for the %s (does it escape it for a URL or script?)", block, h)
		}
	}
	for _, h := range f.holes {
		if !slices.Contains(want, h) {
			return nil, fmt.Errorf("%s holds the marker of %q in its text", block, h)
		}
	}
	k.html.Store(key, f)
	return f, nil
}

// escapeValue escapes text and attribute values as html/template does in the layout (its table
// has + besides the characters of template.HTMLEscape).
var escapeValue = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// write writes the frame's pieces and, between them, what fill writes for each hole.
func (f *frame) write(w io.Writer, fill func(io.Writer, frameHole) error) error {
	for i, h := range f.holes {
		if _, err := io.WriteString(w, f.pieces[i]); err != nil {
			return err
		}
		if err := fill(w, h); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, f.pieces[len(f.pieces)-1])
	return err
}

// writePage writes a page into the layout frame: v's values escaped as the layout escapes text
// and attribute values, and the page's own blocks from tpl.
func (f *frame) writePage(w io.Writer, tpl *template.Template, v *view) error {
	return f.write(w, func(w io.Writer, h frameHole) (err error) {
		switch h {
		case holeTitle, holeContent:
			err = tpl.ExecuteTemplate(w, string(h), v)
		case holeNav:
			_, err = io.WriteString(w, string(v.Nav))
		case holeCSRF:
			_, err = escapeValue.WriteString(w, v.CSRF)
		case holePath:
			_, err = escapeValue.WriteString(w, v.Path)
		case holeUserName:
			_, err = escapeValue.WriteString(w, v.User.DisplayName)
		case holeFlash:
			_, err = escapeValue.WriteString(w, v.Flash)
		}
		return err
	})
}

// each fills every hole with html (already escaped): for blocks with one kind of hole.
func each(html template.HTML) func(io.Writer, frameHole) error {
	return func(w io.Writer, _ frameHole) error {
		_, err := io.WriteString(w, string(html))
		return err
	}
}
