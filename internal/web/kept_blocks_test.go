package web

import (
	"html/template"
	"testing"
)

func TestKeptBlocksRenderOncePerKeyUntilForgotten(t *testing.T) {
	t.Parallel()
	k := keptBlocks{blocks: template.Must(template.New("set").Parse(`{{define "b"}}<p>{{.}}</p>{{end}}`))}
	get := func(key any, data string) template.HTML {
		t.Helper()
		h, err := k.get(key, "b", func() any { return data })
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	type key struct{ lang string }
	if got := get(key{"de"}, "eins"); got != "<p>eins</p>" {
		t.Fatalf("first render: %q", got)
	}
	if got := get(key{"de"}, "zwei"); got != "<p>eins</p>" {
		t.Errorf("the same key rendered again: %q", got)
	}
	if got := get(key{"en"}, "one"); got != "<p>one</p>" {
		t.Errorf("another key: %q", got)
	}
	k.forget()
	if got := get(key{"de"}, "zwei"); got != "<p>zwei</p>" {
		t.Errorf("after forget the old part is still served: %q", got)
	}
}
