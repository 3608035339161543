package quiz

import "testing"

func TestBalanceCountsTheTestTakingCues(t *testing.T) {
	qs := []Question{
		{Type: TypeTrueFalse, Value: false},
		{Type: TypeTrueFalse, Value: true},
		{Type: TypeTrueFalse, Value: false},
		{Type: TypeSingle, Options: []Option{{Text: "die lange richtige Antwort", Correct: true}, {Text: "kurz"}}},
		{Type: TypeSingle, Options: []Option{{Text: "kurz", Correct: true}, {Text: "eine lange falsche Antwort"}}},
		{Type: TypeSingle, Options: []Option{{Text: "gleich", Correct: true}, {Text: "gleich"}}},
		{Type: TypeMultiple, Options: []Option{{Correct: true}, {Correct: true}, {}}},
		{Type: TypeMultiple, Options: []Option{{Correct: true}, {}, {}, {}}},
		{Type: TypeMultiple, Options: []Option{{Correct: true}, {Correct: true}, {}, {}}},
		{Type: TypeText},
	}
	var b Balance
	b.Add(qs)
	tests := []struct {
		name      string
		got, want int
	}{
		{"true/false", b.TrueFalse, 3},
		{"true/false with answer false", b.TrueFalseFalse, 2},
		{"single", b.Single, 3},
		{"single with the longest option right (a tie counts)", b.SingleLongest, 2},
		{"multiple", b.Multiple, 3},
		{"multiple with more than half right (exactly half does not)", b.MultipleMajority, 1},
		{"multiple with one right option", b.MultipleRightCounts[1], 1},
		{"multiple with two right options", b.MultipleRightCounts[2], 2},
		{"text", b.Text, 1},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %d, want %d", tt.name, tt.got, tt.want)
		}
	}
	if got := Share(b.TrueFalseFalse, b.TrueFalse); got < 66.6 || got > 66.7 {
		t.Errorf("share of false: %.2f, want 66.67", got)
	}
	if Share(1, 0) != 0 {
		t.Error("a share of nothing must be 0")
	}
}
