// Package content reads versioned course folders (docs/course-format.md), checks them, hashes them
// and renders them to safe HTML. Everything happens at load time, so serving a lesson never touches
// the disk. The package knows nothing about HTTP or the database: the web app, the CLI and the store
// wire it in.
package content

import (
	"fmt"
	"sort"
	"unicode/utf8"
)

// Problem is one thing wrong with the course files, at a place a trainer can find in an editor.
type Problem struct {
	Path    string `json:"path"` // relative to the courses folder, with "/" separators
	Line    int    `json:"line"` // 1-based; 0 when the problem concerns a whole file or folder
	Col     int    `json:"col"`  // 1-based, in characters
	Message string `json:"message"`
}

// String formats the problem as "path:line:col: message", the form editors and CI logs understand.
func (p Problem) String() string {
	return fmt.Sprintf("%s:%d:%d: %s", p.Path, p.Line, p.Col, p.Message)
}

// sortProblems orders problems by file and position, so output is stable and reads top to bottom.
func sortProblems(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// lineCol turns a byte offset in src into a 1-based line and character column.
func lineCol(src []byte, offset int) (line, col int) {
	if offset > len(src) {
		offset = len(src)
	}
	line, start := 1, 0
	for i := 0; i < offset; i++ {
		if src[i] == '\n' {
			line++
			start = i + 1
		}
	}
	return line, utf8.RuneCount(src[start:offset]) + 1
}

// firstInvalidUTF8 returns the byte offset of the first invalid UTF-8 sequence, or -1.
func firstInvalidUTF8(src []byte) int {
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}
