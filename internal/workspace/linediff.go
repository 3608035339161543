package workspace

import "strings"

// DiffOp says what happened to a line.
type DiffOp int

// Line operations of a diff.
const (
	Same DiffOp = iota
	Added
	Removed
)

// DiffLine is one line of a line diff with its numbers in the old and new text (0 when absent).
type DiffLine struct {
	Op       DiffOp
	Old, New int
	Text     string
}

// maxLCSCells bounds the LCS table (lines × lines); longer changed stretches are shown as removed
// and added as a whole, which is still correct, only less fine-grained.
const maxLCSCells = 4_000_000

// LineDiff compares two texts line by line with a longest-common-subsequence diff.
func LineDiff(oldText, newText string) []DiffLine {
	a, b := splitLines(oldText), splitLines(newText)
	// Common head and tail need no table.
	head := 0
	for head < len(a) && head < len(b) && a[head] == b[head] {
		head++
	}
	tail := 0
	for tail < len(a)-head && tail < len(b)-head && a[len(a)-1-tail] == b[len(b)-1-tail] {
		tail++
	}
	var out []DiffLine
	for i := 0; i < head; i++ {
		out = append(out, DiffLine{Same, i + 1, i + 1, a[i]})
	}
	out = append(out, lcsDiff(a[head:len(a)-tail], b[head:len(b)-tail], head)...)
	for i := 0; i < tail; i++ {
		ai, bi := len(a)-tail+i, len(b)-tail+i
		out = append(out, DiffLine{Same, ai + 1, bi + 1, a[ai]})
	}
	return out
}

func lcsDiff(a, b []string, offset int) []DiffLine {
	var out []DiffLine
	if len(a)*len(b) > maxLCSCells {
		for i, l := range a {
			out = append(out, DiffLine{Removed, offset + i + 1, 0, l})
		}
		for j, l := range b {
			out = append(out, DiffLine{Added, 0, offset + j + 1, l})
		}
		return out
	}
	// lcs[i][j] is the LCS length of a[i:] and b[j:].
	lcs := make([][]int32, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int32, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			out = append(out, DiffLine{Same, offset + i + 1, offset + j + 1, a[i]})
			i++
			j++
		case i < len(a) && (j == len(b) || lcs[i+1][j] >= lcs[i][j+1]):
			out = append(out, DiffLine{Removed, offset + i + 1, 0, a[i]})
			i++
		default:
			out = append(out, DiffLine{Added, 0, offset + j + 1, b[j]})
			j++
		}
	}
	return out
}

func splitLines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// Changed reports whether a diff has any added or removed line.
func Changed(d []DiffLine) bool {
	for _, l := range d {
		if l.Op != Same {
			return true
		}
	}
	return false
}
