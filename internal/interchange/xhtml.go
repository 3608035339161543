package interchange

import (
	"encoding/xml"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// voidElements are written as <br/> in XHTML.
var voidElements = map[string]bool{"br": true, "hr": true, "img": true, "input": true, "meta": true, "link": true, "col": true, "source": true, "track": true, "wbr": true}

// toXHTML re-serialises HTML fragments (what the Markdown renderer emits) as well-formed XML,
// as QTI item bodies and XHTML pages require.
func toXHTML(fragment string) string {
	nodes, err := html.ParseFragment(strings.NewReader(fragment), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return esc(fragment)
	}
	var b strings.Builder
	for _, n := range nodes {
		writeXHTML(&b, n)
	}
	return b.String()
}

func writeXHTML(b *strings.Builder, n *html.Node) {
	switch n.Type {
	case html.TextNode:
		_ = xml.EscapeText(b, []byte(n.Data))
		return
	case html.ElementNode:
	default:
		return
	}
	b.WriteString("<" + n.Data)
	for _, a := range n.Attr {
		b.WriteString(" " + a.Key + `="`)
		_ = xml.EscapeText(b, []byte(a.Val))
		b.WriteString(`"`)
	}
	if voidElements[n.Data] {
		b.WriteString("/>")
		return
	}
	b.WriteString(">")
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		writeXHTML(b, c)
	}
	b.WriteString("</" + n.Data + ">")
}
