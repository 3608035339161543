package progress

import (
	"maps"
	"testing"
)

// rel builds a release whose modules are given as id=hash pairs.
func rel(version, change string, modules ...string) Release {
	r := Release{Version: version, Change: change, Hash: "c" + version, Modules: map[string]string{}}
	for i := 0; i+1 < len(modules); i += 2 {
		r.Modules[modules[i]] = modules[i+1]
	}
	return r
}

func TestDecideAppliesTheChangePolicy(t *testing.T) {
	v100 := rel("1.0.0", "", "a", "a1", "b", "b1")
	v101 := rel("1.0.1", Patch, "a", "a2", "b", "b1")
	v102 := rel("1.0.2", Patch, "a", "a2", "b", "b2")
	v110 := rel("1.1.0", Minor, "a", "a2", "b", "b3", "c", "c1")
	v111 := rel("1.1.1", Patch, "a", "a2", "b", "b3", "c", "c2")
	v120 := rel("1.2.0", Minor, "a", "a2", "b", "b3", "c", "c2", "d", "d1")
	v200 := rel("2.0.0", Major, "a", "a9", "b", "b3")
	tests := []struct {
		name      string
		releases  []Release
		pinned    string
		completed bool
		want      Decision
	}{
		{"newest version: nothing to do", []Release{v100}, "1.0.0", false, Decision{}},
		{"patch moves a learner in progress", []Release{v100, v101}, "1.0.0", false, Decision{MoveTo: "1.0.1"}},
		{"patch leaves a completed learner where they are", []Release{v100, v101}, "1.0.0", true, Decision{}},
		{"two patches move straight to the newest", []Release{v100, v101, v102}, "1.0.0", false, Decision{MoveTo: "1.0.2"}},
		{"minor: the learner in progress may switch", []Release{v100, v110}, "1.0.0", false, Decision{SwitchTo: "1.1.0", SwitchChange: Minor}},
		{"minor: a completion stays valid, nothing offered", []Release{v100, v110}, "1.0.0", true, Decision{}},
		{"patch then minor: move to the patch, offer the minor", []Release{v100, v101, v110}, "1.0.0", false, Decision{MoveTo: "1.0.1", SwitchTo: "1.1.0", SwitchChange: Minor}},
		{"1.0.0 to 1.2.0 via a minor and a patch", []Release{v100, v110, v111, v120}, "1.0.0", false, Decision{SwitchTo: "1.2.0", SwitchChange: Minor}},
		{"pinned to 1.1.0: the patch moves, the next minor is offered", []Release{v100, v110, v111, v120}, "1.1.0", false, Decision{MoveTo: "1.1.1", SwitchTo: "1.2.0", SwitchChange: Minor}},
		{"major: a learner in progress is offered the new release", []Release{v100, v110, v200}, "1.0.0", false, Decision{SwitchTo: "2.0.0", SwitchChange: Major}},
		{"major: a completion is due for recertification", []Release{v100, v200}, "1.0.0", true, Decision{Recertify: true, SwitchTo: "2.0.0", SwitchChange: Major}},
		{"minor then major counts as major", []Release{v100, v101, v110, v200}, "1.0.1", true, Decision{Recertify: true, SwitchTo: "2.0.0", SwitchChange: Major}},
		{"a withdrawn version offers the newest", []Release{v110, v111}, "1.0.0", false, Decision{PinnedGone: true, SwitchTo: "1.1.1", SwitchChange: Major}},
		{"no published release at all", nil, "1.0.0", false, Decision{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Decide(tt.releases, tt.pinned, tt.completed); got != tt.want {
				t.Errorf("Decide = %+v\nwant      %+v", got, tt.want)
			}
		})
	}
}

func TestCarryKeepsProgressOnlyForUnchangedModules(t *testing.T) {
	releases := []Release{
		rel("1.0.0", "", "a", "a1", "b", "b1", "x", "x1"),
		rel("1.0.1", Patch, "a", "a2", "b", "b1", "x", "x1"), // typo fixed in a
		rel("1.1.0", Minor, "a", "a2", "b", "b3", "c", "c1"), // b rewritten, x removed, c new
		rel("1.1.1", Patch, "a", "a2", "b", "b4", "c", "c1"), // typo fixed in b
	}
	tests := []struct {
		name     string
		from, to string
		progress map[string]string
		want     map[string]string
	}{
		{"a patch keeps everything and takes the new hashes", "1.0.0", "1.0.1",
			map[string]string{"a": "a1", "b": "b1"}, map[string]string{"a": "a2", "b": "b1"}},
		{"a minor drops changed and removed modules", "1.0.1", "1.1.0",
			map[string]string{"a": "a2", "b": "b1", "x": "x1"}, map[string]string{"a": "a2"}},
		{"across patch and minor: the typo fix carries, the rewrite does not", "1.0.0", "1.1.1",
			map[string]string{"a": "a1", "b": "b1", "x": "x1"}, map[string]string{"a": "a2"}},
		{"progress recorded on another hash does not carry through a minor", "1.0.1", "1.1.0",
			map[string]string{"a": "a0"}, map[string]string{}},
		{"from a withdrawn version only equal hashes carry", "0.9.0", "1.1.1",
			map[string]string{"a": "a2", "b": "b1"}, map[string]string{"a": "a2"}},
		{"to an unknown version nothing carries", "1.0.0", "9.9.9",
			map[string]string{"a": "a1"}, map[string]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Carry(releases, tt.from, tt.to, tt.progress); !maps.Equal(got, tt.want) {
				t.Errorf("Carry = %v, want %v", got, tt.want)
			}
		})
	}
}
