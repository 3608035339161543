package web

import (
	"html/template"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/store"
)

// A page written from the kept frame must be byte for byte the page the layout block gives, for
// every kind of page and with values that need escaping.
func TestTheLayoutFrameGivesTheBytesOfTheLayoutBlock(t *testing.T) {
	t.Parallel()
	tpl, err := compiledTemplates()
	if err != nil {
		t.Fatal(err)
	}
	base, err := tpl.base.Clone()
	if err != nil {
		t.Fatal(err)
	}
	page, err := base.Parse(`{{define "title"}}Kurs „A & B“ <{{.Lang}}>{{end}}{{define "content"}}<p title="{{.Path}}">{{.CSRF}} – {{with .User}}{{.DisplayName}}{{end}}</p>{{end}}`)
	if err != nil {
		t.Fatal(err)
	}
	user := &store.User{DisplayName: `Anna "Ann" O'Neil & <Lüdtke> + 1`}
	for _, v := range []*view{
		{Lang: "de", Path: "/login", CSRF: "abc+def/ghi=="},
		{Lang: "en", Path: "/courses/a+b", CSRF: "tok", User: user, Flash: `Gespeichert: "Modul 1" & <mehr> + 'x'`},
		{Lang: "de", Path: "/account", CSRF: "tok", User: user, OnAccount: true},
		{Lang: "en", Path: "/", CSRF: "", User: user},
	} {
		v.Version = "1.2.3"
		if v.Layout, err = tpl.kept.layoutParts(v.Lang, v.Version); err != nil {
			t.Fatal(err)
		}
		if v.User != nil {
			if v.Nav, err = tpl.kept.nav(navKeyFor(v.Lang, v.User, v.Path)); err != nil {
				t.Fatal(err)
			}
		}
		var want, got strings.Builder
		if err := page.ExecuteTemplate(&want, "layout", v); err != nil {
			t.Fatal(err)
		}
		f, err := tpl.kept.frame(frameKey{lang: v.Lang, version: v.Version, signedIn: v.User != nil, onAccount: v.OnAccount, flash: v.Flash != ""}, v.Layout)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.writePage(&got, page, v); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%s %s: the frame gives\n%s\nthe layout block\n%s", v.Lang, v.Path, got.String(), want.String())
		}
		if v.User != nil && !strings.Contains(got.String(), "Anna &#34;Ann&#34; O&#39;Neil &amp; &lt;Lüdtke&gt; &#43; 1") {
			t.Errorf("%s: the user's name is not escaped in the page", v.Path)
		}
	}
}

// A value the layout moves into a URL or a script would be escaped differently there than the
// frame escapes it: such a layout is refused, not served with the wrong escaping.
func TestAKeptBlockWithAMarkerOutOfPlaceIsRefused(t *testing.T) {
	t.Parallel()
	tpl, err := compiledTemplates()
	if err != nil {
		t.Fatal(err)
	}
	broken, err := template.New("layout").Parse(`{{define "layout"}}<a href="/x?next={{.Path}}">{{template "title" .}}</a>{{.CSRF}}{{template "content" .}}{{end}}`)
	if err != nil {
		t.Fatal(err)
	}
	k := keptBlocks{frames: template.Must(frameTemplates(broken))}
	if _, err := k.frame(frameKey{lang: "de"}, layoutParts{}); err == nil || !strings.Contains(err.Error(), "path") {
		t.Fatalf("frame of a layout with the path in a URL: %v, want a refusal naming the path", err)
	}
	if _, err := tpl.kept.frame(frameKey{lang: "de", version: "x"}, layoutParts{}); err != nil {
		t.Fatalf("the real layout: %v", err)
	}
	// A text that holds a marker itself (a course title, say) must not cut the block there.
	item := template.Must(template.New("item").Parse(`{{define "item"}}<li>{{.Title}} {{.State}}</li>{{end}}`))
	data := func() any {
		return map[string]any{"Title": "Kurs " + mark(holeCSRF), "State": template.HTML(mark(holeState))}
	}
	if _, err := k.cut("item", item, "item", data, holeState); err == nil || !strings.Contains(err.Error(), "csrf") {
		t.Fatalf("cutting a block whose text holds a marker: %v, want a refusal", err)
	}
}
