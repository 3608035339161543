package readability

import (
	"regexp"
	"strings"
)

var (
	linkPattern     = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	urlPattern      = regexp.MustCompile(`https?://\S+`)
	footnoteRef     = regexp.MustCompile(`\[\^[^\]]+\]`)
	listMarker      = regexp.MustCompile(`^\s*(?:[-*+]|\d+[.)])\s+`)
	tableSeparator  = regexp.MustCompile(`^\s*\|?\s*:?-{3,}`)
	markupCharacter = strings.NewReplacer("**", "", "__", "", "`", "", "> ", "")
)

// LessonBlocks turns a lesson.md into the prose blocks a learner reads: the front matter, fenced
// code, callout fence lines and the sources section (from a "## Quellen" or "## Sources" heading
// on: references, not prose) are left out; headings, list items and table cells are blocks of
// their own; links keep their text; addresses and footnote marks are dropped.
func LessonBlocks(markdown string) []string {
	lines := strings.Split(strings.ReplaceAll(markdown, "\r\n", "\n"), "\n")
	if len(lines) > 0 && strings.TrimSpace(lines[0]) == "---" {
		for i := 1; i < len(lines); i++ {
			if strings.TrimSpace(lines[i]) == "---" {
				lines = lines[i+1:]
				break
			}
		}
	}
	var blocks []string
	var paragraph []string
	flush := func() {
		if len(paragraph) > 0 {
			blocks = append(blocks, strings.Join(paragraph, " "))
			paragraph = nil
		}
	}
	inCode := false
	for _, line := range lines {
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, "```"):
			flush()
			inCode = !inCode
			continue
		case inCode:
			continue
		case strings.HasPrefix(trimmed, "## Quellen"), strings.HasPrefix(trimmed, "## Sources"):
			flush()
			return blocks
		case trimmed == "", strings.HasPrefix(trimmed, ":::"):
			flush()
			continue
		}
		text := clean(trimmed)
		switch {
		case strings.HasPrefix(trimmed, "#"):
			flush()
			blocks = append(blocks, strings.TrimLeft(text, "# "))
		case strings.HasPrefix(trimmed, "|"):
			flush()
			if tableSeparator.MatchString(trimmed) {
				continue
			}
			for _, cell := range strings.Split(strings.Trim(text, "|"), "|") {
				if c := strings.TrimSpace(cell); c != "" {
					blocks = append(blocks, c)
				}
			}
		case listMarker.MatchString(trimmed):
			flush()
			paragraph = append(paragraph, listMarker.ReplaceAllString(text, ""))
		default:
			paragraph = append(paragraph, text)
		}
	}
	flush()
	return blocks
}

func clean(s string) string {
	s = linkPattern.ReplaceAllString(s, "$1")
	s = urlPattern.ReplaceAllString(s, "")
	s = footnoteRef.ReplaceAllString(s, "")
	return markupCharacter.Replace(s)
}
