package workspace

import (
	"fmt"
	"strings"
	"testing"
)

func TestHunksKeepTheChangesWithTheirContextOnly(t *testing.T) {
	var lines []string
	for i := 1; i <= 30; i++ {
		lines = append(lines, fmt.Sprintf("Zeile %d", i))
	}
	old := strings.Join(lines, "\n")
	changed := func(edit func([]string) []string) string {
		return strings.Join(edit(append([]string{}, lines...)), "\n")
	}
	describe := func(hs []Hunk) string {
		var parts []string
		for _, h := range hs {
			s := fmt.Sprintf("skip%d", h.Skipped)
			for _, l := range h.Lines {
				s += fmt.Sprintf(" %d%s", max(l.Old, l.New), map[DiffOp]string{Same: "=", Added: "+", Removed: "-"}[l.Op])
			}
			parts = append(parts, s)
		}
		return strings.Join(parts, " | ")
	}
	tests := []struct {
		name string
		new  string
		want string
	}{
		{"one changed line in the middle", changed(func(l []string) []string { l[14] = "neu"; return l }),
			"skip12 13= 14= 15- 15+ 16= 17= | skip13"},
		{"two changes far apart: two hunks", changed(func(l []string) []string { l[1], l[27] = "a", "b"; return l }),
			"skip0 1= 2- 2+ 3= 4= | skip21 26= 27= 28- 28+ 29= 30="},
		{"two changes close together: one hunk", changed(func(l []string) []string { l[9], l[12] = "a", "b"; return l }),
			"skip7 8= 9= 10- 10+ 11= 12= 13- 13+ 14= 15= | skip15"},
		{"nothing changed: no hunk", old, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := describe(Hunks(LineDiff(old, tt.new), 2)); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}
