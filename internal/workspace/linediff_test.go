package workspace

import (
	"fmt"
	"strings"
	"testing"
)

func TestLineDiff(t *testing.T) {
	tests := []struct {
		name, old, new string
		want           string // lines as " text", "+text", "-text"
	}{
		{"equal", "a\nb\n", "a\nb\n", " a  b"},
		{"added line", "a\nc\n", "a\nb\nc\n", " a +b  c"},
		{"removed line", "a\nb\nc", "a\nc", " a -b  c"},
		{"changed line shows removal before addition", "a\nb\nc", "a\nB\nc", " a -b +B  c"},
		{"from empty", "", "x\ny", "+x +y"},
		{"to empty", "x", "", "-x"},
		{"windows line endings count as equal", "a\r\nb\r\n", "a\nb\n", " a  b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var parts []string
			for _, l := range LineDiff(tt.old, tt.new) {
				parts = append(parts, string(" +-"[l.Op])+l.Text)
			}
			if got := strings.Join(parts, " "); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLineDiffNumbersLines(t *testing.T) {
	d := LineDiff("a\nb\nc", "a\nx\nb\nc")
	want := []DiffLine{{Same, 1, 1, "a"}, {Added, 0, 2, "x"}, {Same, 2, 3, "b"}, {Same, 3, 4, "c"}}
	if fmt.Sprint(d) != fmt.Sprint(want) {
		t.Errorf("got %v", d)
	}
}

func BenchmarkLineDiffLongLesson(b *testing.B) {
	var old, new strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&old, "Zeile %d\n", i)
		if i%10 == 0 {
			fmt.Fprintf(&new, "Geänderte Zeile %d\n", i)
		} else {
			fmt.Fprintf(&new, "Zeile %d\n", i)
		}
	}
	for b.Loop() {
		LineDiff(old.String(), new.String())
	}
}
