package workspace

// Hunk is a stretch of a line diff around changes: Skipped unchanged lines are left out before
// its Lines. A last hunk without lines counts the unchanged lines after the final change.
type Hunk struct {
	Skipped int
	Lines   []DiffLine
}

// Hunks keeps only the changed parts of a diff with context unchanged lines around each change,
// so a long lesson with one changed sentence shows that sentence, not the whole file. Changes
// closer than 2×context lines share a hunk.
func Hunks(d []DiffLine, context int) []Hunk {
	keep := make([]bool, len(d))
	for i, l := range d {
		if l.Op == Same {
			continue
		}
		for j := max(0, i-context); j <= min(len(d)-1, i+context); j++ {
			keep[j] = true
		}
	}
	var out []Hunk
	skipped := 0
	for i, l := range d {
		if !keep[i] {
			skipped++
			continue
		}
		if len(out) == 0 || skipped > 0 {
			out = append(out, Hunk{Skipped: skipped})
			skipped = 0
		}
		out[len(out)-1].Lines = append(out[len(out)-1].Lines, l)
	}
	if skipped > 0 && len(out) > 0 {
		out = append(out, Hunk{Skipped: skipped})
	}
	return out
}
