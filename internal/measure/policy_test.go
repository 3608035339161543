package measure

import "testing"

func TestOnlyANewMajorVersionAsksEverybodyToConfirmAgain(t *testing.T) {
	v1 := []PolicyRelease{{"1.0.0", false}}
	v11 := append(v1, PolicyRelease{"1.1.0", false})
	v2 := append(v11, PolicyRelease{"2.0.0", true})
	v21 := append(v2, PolicyRelease{"2.0.1", false})
	tests := []struct {
		name      string
		releases  []PolicyRelease
		confirmed []string
		want      bool
	}{
		{"never confirmed", v1, nil, true},
		{"confirmed the only version", v1, []string{"1.0.0"}, false},
		{"a minor release keeps the confirmation", v11, []string{"1.0.0"}, false},
		{"a major release asks again", v2, []string{"1.0.0"}, true},
		{"confirmed the minor version before the major one", v2, []string{"1.0.0", "1.1.0"}, true},
		{"confirmed the major version", v21, []string{"1.0.0", "2.0.0"}, false},
		{"a patch after the major keeps it", v21, []string{"2.0.0"}, false},
		{"a version no longer served does not count", v21, []string{"0.9.0"}, true},
		{"no published version: nothing to confirm", nil, nil, false},
	}
	for _, tt := range tests {
		if got := NeedsConfirmation(tt.releases, tt.confirmed); got != tt.want {
			t.Errorf("%s: NeedsConfirmation = %v, want %v", tt.name, got, tt.want)
		}
	}
}
