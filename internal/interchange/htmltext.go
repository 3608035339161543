package interchange

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/ailit/ailit/internal/content"
)

// imageMapper turns the src of an imported image, or the href of a link to a file of the source
// (link is true), into the path the quiz uses ("media/x.png"). It returns an error reason when
// the file cannot be carried along; the question is then not converted.
type imageMapper func(src string, link bool) (string, error)

// htmlToMarkdown turns imported HTML into the Markdown the quiz format accepts. The HTML first goes
// through ailit's own sanitizer (the one that guards rendered Markdown), so a script or an event
// handler in a foreign question bank never survives; b and i are renamed to strong and em before,
// because the sanitizer keeps only what the Markdown renderer emits.
func htmlToMarkdown(src string, images imageMapper) (string, error) {
	src = renameLegacyTags(src)
	// Images embedded as data: URIs would not pass the sanitizer (it allows http, https and
	// relative URLs): they get a relative placeholder, and the mapper sees the data URI again.
	var embedded []string
	src = dataImage.ReplaceAllStringFunc(src, func(m string) string {
		embedded = append(embedded, dataImage.FindStringSubmatch(m)[1])
		return `src="` + embeddedPrefix + strconv.Itoa(len(embedded)-1) + `"`
	})
	if images != nil && len(embedded) > 0 {
		inner := images
		images = func(s string, link bool) (string, error) {
			if n, ok := strings.CutPrefix(s, embeddedPrefix); ok {
				if i, err := strconv.Atoi(n); err == nil && i < len(embedded) {
					return inner(embedded[i], link)
				}
			}
			return inner(s, link)
		}
	}
	clean := content.SanitizeHTML(src)
	nodes, err := html.ParseFragment(strings.NewReader(clean), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return "", err
	}
	w := mdWriter{images: images}
	for _, n := range nodes {
		w.block(n)
	}
	if w.err != nil {
		return "", w.err
	}
	return tidyMarkdown(w.b.String()), nil
}

const embeddedPrefix = "ailit-embedded-"

var dataImage = regexp.MustCompile(`(?i)src\s*=\s*["'](data:image/[a-z0-9.+-]+;base64,[a-z0-9+/=\s]+)["']`)

var legacyTags = regexp.MustCompile(`(?i)<(/?)(b|i)(\s[^>]*)?>`)

func renameLegacyTags(s string) string {
	return legacyTags.ReplaceAllStringFunc(s, func(tag string) string {
		m := legacyTags.FindStringSubmatch(tag)
		name := "strong"
		if strings.EqualFold(m[2], "i") {
			name = "em"
		}
		return "<" + m[1] + name + ">"
	})
}

type mdWriter struct {
	b      strings.Builder
	images imageMapper
	err    error
}

func (w *mdWriter) block(n *html.Node) {
	if n.Type == html.TextNode {
		w.b.WriteString(escapeMarkdown(collapse(n.Data)))
		return
	}
	if n.Type != html.ElementNode {
		return
	}
	switch n.Data {
	case "p", "div", "blockquote", "aside", "table":
		w.b.WriteString("\n\n")
		w.children(n)
		w.b.WriteString("\n\n")
	case "h1", "h2", "h3", "h4", "h5", "h6":
		w.b.WriteString("\n\n**")
		w.children(n)
		w.b.WriteString("**\n\n")
	case "ul", "ol":
		w.b.WriteString("\n\n")
		i := 1
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.Data == "li" {
				if n.Data == "ol" {
					w.b.WriteString(strconv.Itoa(i) + ". ")
				} else {
					w.b.WriteString("- ")
				}
				w.children(c)
				w.b.WriteString("\n")
				i++
			}
		}
		w.b.WriteString("\n")
	case "pre":
		w.b.WriteString("\n\n```\n" + textOf(n) + "\n```\n\n")
	case "br":
		w.b.WriteString("\\\n")
	case "tr":
		w.children(n)
		w.b.WriteString("\\\n")
	case "td", "th":
		w.children(n)
		w.b.WriteString(" ")
	default:
		w.inline(n)
	}
}

func (w *mdWriter) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.block(c)
	}
}

func (w *mdWriter) inline(n *html.Node) {
	switch n.Data {
	case "strong":
		w.wrap(n, "**")
	case "em":
		w.wrap(n, "*")
	case "del":
		w.wrap(n, "~~")
	case "code":
		w.b.WriteString("`" + strings.ReplaceAll(textOf(n), "`", "'") + "`")
	case "a":
		href := attr(n, "href")
		if href == "" {
			w.children(n)
			return
		}
		if w.images != nil && isFileRef(href) {
			mapped, err := w.images(href, true)
			if err != nil {
				if w.err == nil {
					w.err = err
				}
				return
			}
			href = mapped
		}
		w.b.WriteString("[")
		w.children(n)
		w.b.WriteString("](" + markdownURL(href) + ")")
	case "img":
		src := attr(n, "src")
		if src == "" {
			if w.err == nil {
				w.err = notConvertible("image-no-source")
			}
			return
		}
		if w.images != nil {
			mapped, err := w.images(src, false)
			if err != nil {
				if w.err == nil {
					w.err = err
				}
				return
			}
			src = mapped
		}
		alt := strings.TrimSpace(attr(n, "alt"))
		if alt == "" {
			alt = "-" // decorative, by ailit's convention
		}
		w.b.WriteString("![" + escapeMarkdown(alt) + "](" + markdownURL(src) + ")")
	default:
		w.children(n)
	}
}

func (w *mdWriter) wrap(n *html.Node, mark string) {
	var inner mdWriter
	inner.images = w.images
	inner.children(n)
	if inner.err != nil && w.err == nil {
		w.err = inner.err
	}
	s := strings.TrimSpace(inner.b.String())
	if s != "" {
		w.b.WriteString(mark + s + mark)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(m *html.Node) {
		if m.Type == html.TextNode {
			b.WriteString(m.Data)
		}
		for c := m.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.TrimSpace(b.String())
}

var spaceRun = regexp.MustCompile(`[ \t\r\n]+`)

func collapse(s string) string { return spaceRun.ReplaceAllString(s, " ") }

var markdownSpecial = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", `\<`, "#", `\#`)

// escapeMarkdown keeps plain text plain when it is read as Markdown.
func escapeMarkdown(s string) string { return markdownSpecial.Replace(s) }

func markdownURL(u string) string {
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29").Replace(u)
}

var blankRuns = regexp.MustCompile(`\n[ \t]*\n(\s*\n)+`)

// tidyMarkdown trims lines and collapses the blank lines the block writer leaves between blocks.
func tidyMarkdown(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if !strings.HasSuffix(l, "\\") {
			lines[i] = strings.TrimRight(l, " \t")
		}
		lines[i] = strings.TrimLeft(lines[i], " ")
	}
	s = blankRuns.ReplaceAllString(strings.Join(lines, "\n"), "\n\n")
	return strings.TrimSuffix(strings.TrimSpace(s), "\\")
}

// plainToMarkdown is the Markdown of a plain-text field.
func plainToMarkdown(s string) string { return escapeMarkdown(strings.TrimSpace(s)) }

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

var markdownImage = regexp.MustCompile(`!\[[^\]]*\]\(\s*<?([^)\s>]+)`)

// checkMarkdownImages refuses Markdown whose images are not files carried along into media/:
// an image from another server would be a request ailit does not make.
func checkMarkdownImages(s string) error {
	for _, m := range markdownImage.FindAllStringSubmatch(s, -1) {
		if !strings.HasPrefix(m[1], "media/") || strings.Contains(m[1], "..") {
			return notConvertible("image-external", shorten(m[1]))
		}
	}
	return nil
}

// isFileRef reports whether a link points at a file of the source (Moodle's @@PLUGINFILE@@ or a
// relative path in a package) rather than a web page or an anchor.
func isFileRef(href string) bool {
	return strings.HasPrefix(href, "@@PLUGINFILE@@/") ||
		!strings.Contains(href, ":") && !strings.HasPrefix(href, "#") && !strings.HasPrefix(href, "/")
}
