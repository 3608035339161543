package content

import (
	"bytes"
	"fmt"
	"html/template"
	"net/url"
	"path"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// RenderOptions say how relative URLs of one Markdown file become URLs of the web app.
type RenderOptions struct {
	Language string            // "de" or "en": quotation marks, callout titles, link hints
	Base     string            // URL of the version, e.g. "/courses/ki-grundlagen/v/1.0.0"
	Dir      string            // folder of the Markdown file inside the version folder, e.g. "modules/01-was-ist-ki"
	Modules  map[string]string // module folder name ("01-was-ist-ki") → module id ("was-ist-ki")
}

// VersionBase is the URL under which a published version is served.
func VersionBase(courseID, version string) string {
	return "/courses/" + courseID + "/v/" + version
}

var markdownByLanguage = map[string]goldmark.Markdown{"de": newMarkdown("de"), "en": newMarkdown("en")}

func newMarkdown(lang string) goldmark.Markdown {
	quotes := map[extension.TypographicPunctuation]string{
		extension.LeftDoubleQuote: "“", extension.RightDoubleQuote: "”",
		extension.LeftSingleQuote: "‘", extension.RightSingleQuote: "’",
	}
	if lang == "de" {
		quotes = map[extension.TypographicPunctuation]string{
			extension.LeftDoubleQuote: "„", extension.RightDoubleQuote: "“",
			extension.LeftSingleQuote: "‚", extension.RightSingleQuote: "‘",
		}
	}
	return goldmark.New(
		goldmark.WithExtensions(
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
			extension.Strikethrough,
			extension.Linkify,
			extension.Footnote,
			extension.NewTypographer(extension.WithTypographicSubstitutions(quotes)),
			calloutExtension{lang},
		),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
}

func markdownFor(lang string) goldmark.Markdown {
	if md, ok := markdownByLanguage[lang]; ok {
		return md
	}
	return markdownByLanguage["de"]
}

// parseMarkdown parses src; the tree is checked by checkMarkdown and then rendered by renderParsed.
func parseMarkdown(src []byte, lang string) ast.Node {
	return markdownFor(lang).Parser().Parse(text.NewReader(src))
}

// RenderMarkdown renders a Markdown file of a course to sanitized HTML.
func RenderMarkdown(src []byte, opts RenderOptions) (template.HTML, error) {
	return renderParsed(src, parseMarkdown(src, opts.Language), opts)
}

// RenderInline renders a short text such as a quiz question or option: inline Markdown without the
// surrounding paragraph.
func RenderInline(src string, opts RenderOptions) (template.HTML, error) {
	if plain := strings.TrimSpace(src); isPlainInline(plain) {
		// Most quiz texts are plain sentences: Markdown, the typographer and the sanitizer would
		// give the same characters back (TestRenderInlinePlainTextIsUnchanged holds this).
		return template.HTML(plain), nil //nolint:gosec // letters, digits and harmless punctuation only
	}
	return renderInlineMarkdown(src, opts)
}

// renderInlineMarkdown is RenderInline through goldmark and the sanitizer.
func renderInlineMarkdown(src string, opts RenderOptions) (template.HTML, error) {
	h, err := RenderMarkdown([]byte(src), opts)
	if err != nil {
		return "", err
	}
	s := strings.TrimSpace(string(h))
	if inner, ok := strings.CutPrefix(s, "<p>"); ok {
		if inner, ok = strings.CutSuffix(inner, "</p>"); ok && !strings.Contains(inner, "<p>") {
			s = inner
		}
	}
	return template.HTML(s), nil
}

// isPlainInline reports whether s, one line without surrounding space, renders to itself: it starts
// with a letter and has only letters, digits, single spaces and punctuation that means nothing to
// Markdown, the typographer (quotes, "--", "...") or Linkify (no "@", "www", and ":" only before a
// space), and nothing HTML escapes.
func isPlainInline(s string) bool {
	if s == "" || strings.Contains(s, "--") || strings.Contains(s, "..") || strings.Contains(s, "  ") ||
		strings.Contains(strings.ToLower(s), "www") {
		return false
	}
	for i, r := range s {
		switch {
		case unicode.IsLetter(r):
		case i == 0:
			return false
		case r == ' ' || unicode.IsDigit(r):
		case r == ':':
			if i+1 < len(s) && s[i+1] != ' ' {
				return false
			}
		case strings.ContainsRune(",.;?!-()/%§€–—„“”‚‘’…", r):
		default:
			return false
		}
	}
	return true
}

func renderParsed(src []byte, doc ast.Node, opts RenderOptions) (template.HTML, error) {
	rewriteURLs(doc, src, opts)
	var buf bytes.Buffer
	if err := markdownFor(opts.Language).Renderer().Render(&buf, src, doc); err != nil {
		return "", fmt.Errorf("rendering Markdown: %w", err)
	}
	// The HTML is safe to put into a page: the sanitizer keeps only what the renderer emits.
	return template.HTML(sanitizer.SanitizeBytes(buf.Bytes())), nil //nolint:gosec
}

// rewriteURLs points relative links and images at the web app, marks external links and applies
// the decorative-image convention (alt text "-").
func rewriteURLs(doc ast.Node, src []byte, opts RenderOptions) {
	var autoLinks []*ast.AutoLink
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			n.Destination = []byte(appURL(string(n.Destination), opts))
			if isExternal(string(n.Destination)) {
				markExternal(n)
			}
		case *ast.Image:
			n.Destination = []byte(appURL(string(n.Destination), opts))
			if plainText(n, src) == "-" {
				n.RemoveChildren(n)
			}
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkURL {
				autoLinks = append(autoLinks, n)
			}
		}
		return ast.WalkContinue, nil
	})
	// Bare URLs become ordinary links so they get the same external-link treatment.
	for _, al := range autoLinks {
		label := al.Label(src)
		dest := string(al.URL(src))
		if !strings.Contains(dest, "://") {
			dest = "https://" + dest
		}
		link := ast.NewLink()
		link.Destination = []byte(dest)
		link.AppendChild(link, ast.NewString(label))
		markExternal(link)
		al.Parent().ReplaceChild(al.Parent(), al, link)
	}
}

func markExternal(link *ast.Link) {
	link.SetAttributeString("rel", []byte("noopener noreferrer"))
	link.SetAttributeString("class", []byte("link-external"))
	link.AppendChild(link, &externalHint{})
}

// isExternal reports whether a URL leaves ailit (http or https with a host).
func isExternal(dest string) bool {
	u, err := url.Parse(dest)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// appURL maps a URL written in a Markdown file to the URL the browser requests.
func appURL(dest string, opts RenderOptions) string {
	target, fragment, ok := localTarget(dest, opts.Dir)
	if !ok {
		return dest
	}
	if folder, file := path.Split(target); file == "lesson.md" {
		if id, ok := opts.Modules[path.Base(folder)]; ok && path.Dir(path.Dir(target)) == "modules" {
			return opts.Base + "/m/" + id + fragment
		}
	}
	return opts.Base + "/files/" + target + fragment
}

// localTarget resolves a relative URL against dir (both relative to the version folder). It returns
// ok=false for URLs with a scheme, absolute paths, pure fragments and paths leaving the folder.
func localTarget(dest, dir string) (target, fragment string, ok bool) {
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" || strings.HasPrefix(u.Path, "/") {
		return "", "", false
	}
	target = path.Clean(path.Join(dir, u.Path))
	if target == ".." || strings.HasPrefix(target, "../") {
		return "", "", false
	}
	if u.Fragment != "" {
		fragment = "#" + u.EscapedFragment()
	}
	return target, fragment, true
}

// plainText is the text content of an inline node, such as the alt text of an image.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
		case *ast.String:
			b.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}
