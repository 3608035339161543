package content

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// lessonFile is a lesson.md split into its front matter and its Markdown body.
type lessonFile struct {
	Title           string `yaml:"title"`
	DurationMinutes int    `yaml:"duration_minutes"`
	Package         string `yaml:"package"`        // scorm12 | scorm2004 | cmi5: the module runs a package (package.go)
	PackageFolder   string `yaml:"package_folder"` // the package's folder inside the module folder; default "package"
	doc             *yamlDoc
	body            []byte
	bodyLine        int // line number of the first body line in the file
}

// parseLesson reads the front matter of a lesson.md. It returns nil when the lesson cannot be used.
func parseLesson(relPath string, data []byte) (*lessonFile, []Problem) {
	if off := firstInvalidUTF8(data); off >= 0 {
		line, col := lineCol(data, off)
		return nil, []Problem{{relPath, line, col, "the file is not valid UTF-8 text; save it as UTF-8"}}
	}
	front, body, bodyLine, ok := splitFrontMatter(data)
	if !ok {
		return nil, []Problem{{relPath, 1, 1, "the lesson must start with front matter: a line ---, title: and duration_minutes:, and a closing line ---"}}
	}
	l := &lessonFile{body: body, bodyLine: bodyLine}
	doc, ps := decodeYAML(relPath, front, 1, l)
	if doc == nil {
		return nil, ps
	}
	l.doc = doc
	ps = append(ps, doc.requireFields("title", "duration_minutes")...)
	l.Title = strings.TrimSpace(l.Title)
	if l.Title == "" && doc.has("$.title") {
		ps = append(ps, doc.problemAt("$.title", "title must not be empty"))
	}
	if l.DurationMinutes <= 0 && doc.has("$.duration_minutes") {
		ps = append(ps, doc.problemAt("$.duration_minutes", "duration_minutes must be more than 0"))
	}
	return l, ps
}

// splitFrontMatter splits "---\nyaml\n---\nbody". bodyLine is the 1-based line where body starts.
func splitFrontMatter(data []byte) (front, body []byte, bodyLine int, ok bool) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF")) // a byte order mark some Windows editors write
	rest, found := cutLine(data, "---")
	if !found {
		return nil, nil, 0, false
	}
	line := 2
	for start := 0; start < len(rest); {
		end := bytes.IndexByte(rest[start:], '\n')
		next := len(rest)
		if end >= 0 {
			next = start + end + 1
		}
		if string(bytes.TrimRight(rest[start:next], " \t\r\n")) == "---" {
			return rest[:start], rest[next:], line + 1, true
		}
		start = next
		line++
	}
	return nil, nil, 0, false
}

// cutLine cuts a first line equal to want (ignoring trailing spaces and \r) off data.
func cutLine(data []byte, want string) (rest []byte, ok bool) {
	first, rest, _ := bytes.Cut(data, []byte("\n"))
	return rest, string(bytes.TrimRight(first, " \t\r")) == want
}

// markdownCheck carries what checking one Markdown file needs to know about its version.
type markdownCheck struct {
	relPath    string                 // problem path of the file
	src        []byte                 // the Markdown body
	lineOffset int                    // lines before the body (front matter)
	dir        string                 // folder of the file, relative to the version folder
	files      map[string]versionFile // every file of the version, by path relative to the version folder
}

// check reports images without alt text, links and images that point nowhere, raw HTML and
// malformed callouts.
func (c markdownCheck) check(doc ast.Node) []Problem {
	var ps []Problem
	lastHTMLLine := 0
	add := func(n ast.Node, format string, args ...any) {
		line, col := lineCol(c.src, nodeOffset(n))
		ps = append(ps, Problem{c.relPath, line + c.lineOffset, col, fmt.Sprintf(format, args...)})
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Image:
			if plainText(n, c.src) == "" {
				add(n, "image %s has no alt text: describe the picture in [ ], or write [-] for a decorative image", n.Destination)
			}
			if msg := c.checkTarget(string(n.Destination), "image"); msg != "" {
				add(n, "%s", msg)
			}
		case *ast.Link:
			if msg := c.checkTarget(string(n.Destination), "link"); msg != "" {
				add(n, "%s", msg)
			}
		case *ast.RawHTML, *ast.HTMLBlock:
			// One problem per line is enough: "<b>x</b>" is one mistake, not two.
			if line, _ := lineCol(c.src, nodeOffset(n)); line != lastHTMLLine {
				add(n, "HTML is not allowed in lessons and would be removed from the page; use Markdown instead")
				lastHTMLLine = line
			}
			return ast.WalkSkipChildren, nil
		case *calloutNode:
			if !n.closed {
				add(n, "the callout box ::: %s is not closed: add a line ::: after its content", n.callout)
			}
		case *ast.Paragraph:
			seg := n.Lines().At(0)
			first := seg.Value(c.src)
			if word, ok := calloutFence(first); ok || bytes.HasPrefix(first, []byte(":::")) {
				if word == "" {
					add(n, "a line ::: closes a callout box, but no box is open here")
				} else {
					add(n, "unknown callout box %q: use ::: merke, ::: achtung or ::: beispiel", word)
				}
			}
		}
		return ast.WalkContinue, nil
	})
	return ps
}

// checkTarget returns a message when a link or image destination is not allowed or points nowhere.
func (c markdownCheck) checkTarget(dest, what string) string {
	u, err := url.Parse(dest)
	switch {
	case err != nil:
		return fmt.Sprintf("%s %s is not a valid address", what, dest)
	case u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "mailto":
		return ""
	case u.Scheme != "":
		return fmt.Sprintf("%s %s: only https, http and mailto addresses are allowed", what, dest)
	case u.Path == "":
		return "" // "#section" stays on the page
	case strings.HasPrefix(u.Path, "/"):
		return fmt.Sprintf("%s %s: use a path relative to this file, not an absolute path", what, dest)
	}
	target, _, ok := localTarget(dest, c.dir)
	if !ok {
		return fmt.Sprintf("%s %s leaves the version folder; link only to files inside it", what, dest)
	}
	if _, ok := c.files[target]; !ok {
		return fmt.Sprintf("%s %s points to %s, which does not exist", what, dest, target)
	}
	if _, ok := MediaType(target); !ok && path.Base(target) != "lesson.md" {
		return fmt.Sprintf("%s %s: files of type %q are not served; use PNG, JPEG, WebP, GIF, PDF, MP3, MP4, WebM or VTT", what, dest, path.Ext(target))
	}
	return ""
}

// nodeOffset is the byte offset where a node starts, found from the node or its nearest block.
func nodeOffset(n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		if n.Pos() >= 0 {
			return n.Pos()
		}
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return n.Lines().At(0).Start
		}
		if raw, ok := n.(*ast.RawHTML); ok && raw.Segments.Len() > 0 {
			return raw.Segments.At(0).Start
		}
	}
	return 0
}
