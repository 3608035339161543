package web

import (
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/store"
	assets "github.com/ailit/ailit/web"
)

// templates parses each page on first use from one shared base (the layout and the partials), so
// the "title" and "content" blocks of different pages never collide (Miniflux keeps one set per
// page too). The templates are embedded in the binary and need nothing of an app, so one set
// serves every app of the process (every handler test builds one); parsing lazily keeps the
// parse trees of pages nobody opens out of memory.
type templates struct {
	assets *assetIndex
	base   *template.Template // layout and partials; cloned for every page, never executed
	mu     sync.Mutex         // one parse at a time (cloning base is not safe concurrently)
	pages  sync.Map           // page name → *template.Template; read on every request without a lock
	kept   keptBlocks         // blocks rendered once and kept (kept_blocks.go)
}

func parseTemplates(idx *assetIndex) (*templates, error) {
	funcs := template.FuncMap{
		"t":           i18n.T,
		"asset":       idx.URL,
		"dict":        dict,
		"date":        i18n.FormatDate,
		"datetime":    i18n.FormatDateTime,
		"add":         func(a, b int) int { return a + b },
		"decimal":     formatDecimal,
		"folderLabel": folderLabel,
	}
	base, err := template.New("layout").Funcs(funcs).ParseFS(assets.Templates, "templates/layout.html", "templates/partials/*.html")
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	blocks, err := base.Clone()
	if err != nil {
		return nil, err
	}
	frames, err := frameTemplates(base)
	if err != nil {
		return nil, err
	}
	return &templates{assets: idx, base: base, kept: keptBlocks{blocks: blocks, frames: frames}}, nil
}

// page returns the parsed template set of a page (templates/pages/NAME.html).
func (t *templates) page(name string) (*template.Template, error) {
	if tpl, ok := t.pages.Load(name); ok {
		return tpl.(*template.Template), nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if tpl, ok := t.pages.Load(name); ok { // parsed while this request waited
		return tpl.(*template.Template), nil
	}
	file := "templates/pages/" + name + ".html"
	if _, err := fs.Stat(assets.Templates, file); err != nil {
		return nil, fmt.Errorf("no template for page %q", name)
	}
	c, err := t.base.Clone()
	if err != nil {
		return nil, err
	}
	tpl, err := c.ParseFS(assets.Templates, file)
	if err != nil {
		return nil, fmt.Errorf("template %s: %w", name, err)
	}
	t.pages.Store(name, tpl)
	return tpl, nil
}

// pageNames lists every page template (for the test that parses them all).
func pageNames() ([]string, error) {
	files, err := fs.Glob(assets.Templates, "templates/pages/*.html")
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = strings.TrimSuffix(path.Base(f), ".html")
	}
	return names, err
}

// view is what every page template receives.
type view struct {
	Lang      string
	Path      string
	User      *store.User
	CSRF      string
	Flash     string
	Layout    layoutParts   // the parts of the layout of this language (layout_parts.go)
	OnAccount bool          // the page is /account (its link in the navigation is current)
	Nav       template.HTML // the main navigation for the user's roles and this page; empty without a user
	Errors    map[string]string
	// ErrorList is Errors in the order of the fields on the page, for the error summary.
	ErrorList []fieldError
	Version   string
	Data      any
	lib       *content.Library
}

// CourseTitle names a course the way a trainer reads it (the workspace breadcrumbs).
func (v *view) CourseTitle(id string) string { return anyCourseTitle(v.lib, id) }

type fieldError struct{ Field, Message string }

// errorsInPageOrder sorts field errors by where each field (id="f-NAME") appears in the page.
func errorsInPageOrder(page []byte, errs map[string]string) []fieldError {
	list := make([]fieldError, 0, len(errs))
	for f, m := range errs {
		list = append(list, fieldError{f, m})
	}
	pos := func(field string) int {
		if i := bytes.Index(page, []byte(`id="f-`+field+`"`)); i >= 0 {
			return i
		}
		return len(page)
	}
	slices.SortStableFunc(list, func(a, b fieldError) int { return cmp.Compare(pos(a.Field), pos(b.Field)) })
	return list
}

// render executes a page straight into the response body: fasthttp keeps a pool of body buffers,
// so a page needs no buffer of its own and no copy. Nothing is sent before the handler returns, so
// a template error still becomes a clean 500 page instead of half a page: the body written so far
// is dropped.
func (a *App) render(c *fiber.Ctx, status int, page string, data any, errs map[string]string) error {
	tpl, err := a.tpl.page(page)
	if err != nil {
		return err
	}
	v, err := a.newView(c)
	if err != nil {
		return err
	}
	v.Data = data
	v.Errors = errs
	f, err := a.tpl.kept.frame(frameKey{lang: v.Lang, version: a.version, signedIn: v.User != nil, onAccount: v.OnAccount, flash: v.Flash != ""}, v.Layout)
	if err != nil {
		return err
	}
	resp := c.Response()
	execute := func() error {
		resp.ResetBody()
		if err := f.writePage(bodyWriter{resp}, tpl, v); err != nil {
			resp.ResetBody()
			return fmt.Errorf("rendering %s: %w", page, err)
		}
		return nil
	}
	if err := execute(); err != nil {
		return err
	}
	if len(errs) > 0 {
		// The error summary lists the messages in the order the fields appear on the page, which
		// only the rendered page knows: render once more with that order.
		v.ErrorList = errorsInPageOrder(resp.Body(), errs)
		if err := execute(); err != nil {
			return err
		}
	}
	c.Status(status)
	c.Type("html", "utf-8")
	return nil
}

// bodyWriter appends to the response body; unlike fasthttp's BodyWriter it takes strings as they
// are (the kept parts of a page are strings), without a conversion to bytes each.
type bodyWriter struct{ resp *fasthttp.Response }

func (w bodyWriter) Write(p []byte) (int, error) { w.resp.AppendBody(p); return len(p), nil }

func (w bodyWriter) WriteString(s string) (int, error) {
	w.resp.AppendBodyString(s)
	return len(s), nil
}

func (a *App) newView(c *fiber.Ctx) (*view, error) {
	ws := webSession(c)
	u := currentUser(c)
	v := &view{Lang: lang(c), Path: c.Path(), User: u, Version: a.version, lib: a.lib}
	v.OnAccount = v.Path == "/account"
	var err error
	if v.Layout, err = a.tpl.kept.layoutParts(v.Lang, a.version); err != nil {
		return nil, err
	}
	if ws != nil {
		v.CSRF = ws.csrfToken()
		v.Flash = ws.popFlash(a.decodeFlash)
	}
	if u != nil {
		if v.Nav, err = a.tpl.kept.nav(navKeyFor(v.Lang, u, v.Path)); err != nil {
			return nil, err
		}
	}
	return v, nil
}

func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict needs key/value pairs")
	}
	m := map[string]any{}
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}
