package workspace

import (
	"bytes"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// A11yIssue is an accessibility problem in a lesson found before publishing. Rule names the
// check (the web layer translates it); Detail is the offending text.
type A11yIssue struct {
	File   string // relative to the version folder
	Line   int
	Rule   string
	Detail string
}

// Key identifies an issue for the "acknowledged" checkboxes; it survives unrelated edits.
func (i A11yIssue) Key() string { return i.File + "|" + i.Rule + "|" + i.Detail }

// Accessibility rules.
const (
	RuleHeadingH1      = "heading-h1"      // a lesson has its own # heading; the page title is the h1
	RuleHeadingSkipped = "heading-skipped" // e.g. ## followed by ####
	RuleImageAlt       = "image-alt"       // image without alt text (write "-" for decorative)
	RuleLinkText       = "link-text"       // "hier", "click here", … say nothing out of context
	RuleLinkBareURL    = "link-bare-url"   // a link whose only text is the address
	RuleTableHeader    = "table-header"    // a table whose header row is empty
	RuleLanguage       = "language"        // a long passage that looks like another language
)

var a11yMarkdown = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Linkify, extension.Footnote))

// vagueLinkTexts say nothing about the target when a screen reader lists the links of a page.
var vagueLinkTexts = map[string]bool{
	"hier": true, "hier klicken": true, "klicken sie hier": true, "link": true, "mehr": true,
	"weiter": true, "weiterlesen": true, "here": true, "click here": true, "more": true, "read more": true,
}

// CheckLesson checks a lesson.md: heading order (no h1, no skipped levels), alt text, link texts,
// table header rows and, as a heuristic, long paragraphs in the other language (de/en) than the
// course's lang. The language check counts common function words of each language in paragraphs
// of at least 20 words; it cannot mark a passage, since lessons have no language markup.
func CheckLesson(rel string, data []byte, lang string) []A11yIssue {
	l, ok := ParseLesson(data)
	if !ok {
		return nil // the validator reports a lesson without front matter
	}
	src := []byte(l.Body)
	lineOffset := bytes.Count(data, []byte("\n")) - bytes.Count(src, []byte("\n"))
	var out []A11yIssue
	add := func(n ast.Node, rule, detail string) {
		out = append(out, A11yIssue{rel, lineOf(src, n) + lineOffset, rule, detail})
	}
	doc := a11yMarkdown.Parser().Parse(text.NewReader(src))
	level := 1
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			title := inlineText(n, src)
			switch {
			case n.Level == 1:
				add(n, RuleHeadingH1, title)
			case n.Level > level+1:
				add(n, RuleHeadingSkipped, strings.Repeat("#", n.Level)+" "+title)
			}
			level = n.Level
		case *ast.Image:
			if inlineText(n, src) == "" {
				add(n, RuleImageAlt, string(n.Destination))
			}
		case *ast.Link:
			t := inlineText(n, src)
			switch {
			case vagueLinkTexts[strings.ToLower(strings.Trim(t, " .:!»«"))]:
				add(n, RuleLinkText, t)
			case t == string(n.Destination):
				add(n, RuleLinkBareURL, t)
			}
		case *ast.AutoLink:
			if aloneInBlock(n) {
				add(n, RuleLinkBareURL, string(n.URL(src)))
			}
		case *east.Table:
			if head, ok := n.FirstChild().(*east.TableHeader); ok && strings.TrimSpace(inlineText(head, src)) == "" {
				add(n, RuleTableHeader, "")
			}
		case *ast.Paragraph:
			if other := otherLanguage(inlineText(n, src), lang); other != "" {
				add(n, RuleLanguage, other)
			}
		}
		return ast.WalkContinue, nil
	})
	return out
}

// aloneInBlock reports whether a bare address is the whole text of its paragraph or list item; an
// address at the end of a full reference ("Verordnung …, https://…") is fine.
func aloneInBlock(n ast.Node) bool {
	p := n.Parent()
	return p != nil && p.ChildCount() == 1
}

func inlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch c := c.(type) {
			case *ast.Text:
				b.Write(c.Segment.Value(src))
				if c.SoftLineBreak() {
					b.WriteByte(' ')
				}
			case *ast.String:
				b.Write(c.Value)
			case *ast.AutoLink:
				b.Write(c.Label(src))
			}
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

func lineOf(src []byte, n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return bytes.Count(src[:n.Lines().At(0).Start], []byte("\n")) + 1
		}
		if t, ok := n.(*ast.Text); ok {
			return bytes.Count(src[:t.Segment.Start], []byte("\n")) + 1
		}
		if c := n.FirstChild(); c != nil {
			if t, ok := c.(*ast.Text); ok {
				return bytes.Count(src[:t.Segment.Start], []byte("\n")) + 1
			}
		}
	}
	return 1
}

var functionWords = map[string]map[string]bool{
	"de": set("der die das und ist nicht mit von zu den dem ein eine sie es auf für sich auch wird werden oder im bei"),
	"en": set("the and is are not with of to a an it on for this that be will or in by from which"),
}

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// otherLanguage returns "en" or "de" when a paragraph of 20+ words has clearly more function
// words of that language than of lang; "" otherwise.
func otherLanguage(s, lang string) string {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) })
	if len(words) < 20 {
		return ""
	}
	other := "en"
	if lang == "en" {
		other = "de"
	}
	own, foreign := 0, 0
	for _, w := range words {
		if functionWords[lang][w] {
			own++
		}
		if functionWords[other][w] {
			foreign++
		}
	}
	if foreign >= 4 && foreign > 2*own {
		return other
	}
	return ""
}

// CheckAccessibility runs CheckLesson on every lesson of a version folder.
func (w *Workspace) CheckAccessibility(courseID, folder, lang string) ([]A11yIssue, error) {
	mods, err := w.Modules(courseID, folder)
	if err != nil {
		return nil, err
	}
	var out []A11yIssue
	for _, m := range mods {
		rel := "modules/" + m.Folder + "/lesson.md"
		data, _, err := w.ReadFile(courseID, folder, rel)
		if err != nil {
			return nil, err
		}
		out = append(out, CheckLesson(rel, data, lang)...)
	}
	return out, nil
}
