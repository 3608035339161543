package content

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Callout boxes: a line "::: merke", Markdown content, and a closing line ":::".

var calloutKinds = []string{"merke", "achtung", "beispiel"}

// calloutTitles are the visible headings of the boxes per course language.
var calloutTitles = map[string]map[string]string{
	"de": {"merke": "Merke", "achtung": "Achtung", "beispiel": "Beispiel aus der Verwaltung"},
	"en": {"merke": "Remember", "achtung": "Caution", "beispiel": "Example from the administration"},
}

var kindCallout = ast.NewNodeKind("Callout")

// calloutNode is a callout box; its children are ordinary Markdown blocks.
type calloutNode struct {
	ast.BaseBlock
	callout string // merke, achtung or beispiel
	closed  bool   // false when the document ended before the closing ":::"
}

func (n *calloutNode) Kind() ast.NodeKind { return kindCallout }

func (n *calloutNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Callout": n.callout}, nil)
}

// calloutFence returns the word after ":::" on a fence line ("" for a closing fence) and whether
// the line is a fence at all.
func calloutFence(line []byte) (word string, ok bool) {
	line = bytes.TrimSpace(line)
	if !bytes.HasPrefix(line, []byte(":::")) {
		return "", false
	}
	rest := bytes.TrimSpace(line[3:])
	if bytes.ContainsAny(rest, " \t:") {
		return "", false
	}
	return string(rest), true
}

func isCalloutKind(word string) bool {
	for _, k := range calloutKinds {
		if k == word {
			return true
		}
	}
	return false
}

type calloutParser struct{}

func (calloutParser) Trigger() []byte { return []byte{':'} }

func (calloutParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	word, ok := calloutFence(line)
	if !ok || !isCalloutKind(word) {
		return nil, parser.NoChildren
	}
	reader.Advance(withoutNewline(line, seg.Len()))
	return &calloutNode{callout: word}, parser.HasChildren
}

func (calloutParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, seg := reader.PeekLine()
	if word, ok := calloutFence(line); ok && word == "" {
		reader.Advance(withoutNewline(line, seg.Len()))
		node.(*calloutNode).closed = true
		return parser.Close
	}
	return parser.Continue | parser.HasChildren
}

// withoutNewline is the length of a fence line without its line ending (the last line of a file
// has none), so the line ending stays for goldmark as its own block parsers leave it.
func withoutNewline(line []byte, n int) int {
	if bytes.HasSuffix(line, []byte("\n")) {
		return n - 1
	}
	return n
}

func (calloutParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}
func (calloutParser) CanInterruptParagraph() bool                                { return true }
func (calloutParser) CanAcceptIndentedLine() bool                                { return false }

// calloutRenderer renders callouts and the hidden "(external link)" hint in one course language.
type calloutRenderer struct{ lang string }

func (r calloutRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindCallout, r.renderCallout)
	reg.Register(kindExternalHint, r.renderExternalHint)
}

func (r calloutRenderer) renderCallout(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*calloutNode)
	if !entering {
		_, _ = w.WriteString("</aside>\n")
		return ast.WalkContinue, nil
	}
	title := util.EscapeHTML([]byte(calloutTitles[r.lang][n.callout]))
	_, _ = w.WriteString(`<aside class="callout callout-` + n.callout + `" role="note" aria-label="`)
	_, _ = w.Write(title)
	_, _ = w.WriteString(`">` + "\n" + `<p class="callout-title">`)
	_, _ = w.Write(title)
	_, _ = w.WriteString("</p>\n")
	return ast.WalkContinue, nil
}

var kindExternalHint = ast.NewNodeKind("ExternalHint")

// externalHint is appended to external links: screen reader users hear that the link leaves ailit.
type externalHint struct{ ast.BaseInline }

func (n *externalHint) Kind() ast.NodeKind         { return kindExternalHint }
func (n *externalHint) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }
func (r calloutRenderer) renderExternalHint(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		hint := map[string]string{"de": " (externer Link)", "en": " (external link)"}[r.lang]
		_, _ = w.WriteString(`<span class="visually-hidden">` + hint + `</span>`)
	}
	return ast.WalkContinue, nil
}

// calloutExtension registers the callout parser and renderer for one language.
type calloutExtension struct{ lang string }

func (e calloutExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(calloutParser{}, 90)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(calloutRenderer{e.lang}, 500)))
}
