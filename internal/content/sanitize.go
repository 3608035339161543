package content

import (
	"regexp"

	"github.com/microcosm-cc/bluemonday"
)

// sanitizer keeps exactly what the Markdown renderer emits and drops everything else. It is
// defence in depth: course repositories are trusted, but a mistake must never reach a learner's
// browser as a script.
var sanitizer = newSanitizer()

func newSanitizer() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowURLSchemes("http", "https", "mailto")
	p.AllowRelativeURLs(true)
	p.RequireParseableURLs(true)
	p.AllowElements("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
		"blockquote", "pre", "code", "em", "strong", "del", "sup",
		"table", "thead", "tbody", "tr", "th", "td", "aside", "div", "span")
	p.AllowAttrs("href", "title").OnElements("a")
	p.AllowAttrs("rel").Matching(regexp.MustCompile(`^noopener noreferrer$`)).OnElements("a")
	p.AllowAttrs("class").Matching(regexp.MustCompile(
		`^(link-external|footnote-ref|footnote-backref|footnotes|visually-hidden|callout-title|callout callout-(merke|achtung|beispiel))$`,
	)).OnElements("a", "div", "span", "p", "aside")
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^language-[A-Za-z0-9_+-]+$`)).OnElements("code")
	p.AllowAttrs("role").Matching(regexp.MustCompile(`^(note|doc-noteref|doc-backlink|doc-endnotes)$`)).OnElements("a", "div", "aside")
	p.AllowAttrs("aria-label").OnElements("aside")
	p.AllowAttrs("id").Matching(regexp.MustCompile(`^[\p{L}\p{N}_:.-]+$`)).OnElements("h1", "h2", "h3", "h4", "h5", "h6", "li", "sup")
	p.AllowAttrs("src", "alt", "title").OnElements("img")
	p.AllowAttrs("align").Matching(regexp.MustCompile(`^(left|center|right)$`)).OnElements("th", "td")
	p.AllowAttrs("start").Matching(bluemonday.Integer).OnElements("ol")
	return p
}
