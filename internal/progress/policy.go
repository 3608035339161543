package progress

import "slices"

// Release is one published version of a course, as the change policy sees it.
type Release struct {
	Version string
	Change  string            // "patch", "minor", "major"; "" for the first release
	Hash    string            // content hash of the version
	Modules map[string]string // module id → module content hash
}

// Change kinds, as in course.yaml.
const (
	Patch = "patch"
	Minor = "minor"
	Major = "major"
)

var severity = map[string]int{"": 0, Patch: 1, Minor: 2, Major: 3}

// Decision is what the change policy says about one enrollment.
type Decision struct {
	// MoveTo is set when patch releases followed the pinned version and the learner is still in
	// progress: the enrollment moves to the newest of them, keeping its progress (see Carry).
	MoveTo string
	// SwitchTo is a newer release the learner may switch to, and SwitchChange the largest change on
	// the way there: "minor" (optional, progress kept for unchanged modules) or "major" (the
	// substance changed; switching is recommended).
	SwitchTo     string
	SwitchChange string
	// Recertify is set when the learner completed the pinned version and a later major release
	// replaced it: the completion stays on record but is due for recertification on SwitchTo.
	Recertify bool
	// PinnedGone is set when the pinned version is no longer served (withdrawn or refused); the
	// learner is offered the newest release.
	PinnedGone bool
}

// Decide applies the change policy to an enrollment pinned to version pinned, given the course's
// published releases oldest first. completed says whether the learner completed the pinned version.
//
//   - patch: learners in progress move to the newest patch of their version; completed learners stay.
//   - minor: learners in progress keep their version and may switch; completions stay valid.
//   - major: completions of older majors are due for recertification; learners in progress are
//     offered the new release.
//
// Several releases are looked at together: 1.0.0 → 1.0.1 (patch) → 1.1.0 (minor) moves a learner
// in progress to 1.0.1 and offers 1.1.0 as a minor switch.
func Decide(releases []Release, pinned string, completed bool) Decision {
	var d Decision
	if len(releases) == 0 {
		return d
	}
	latest := releases[len(releases)-1].Version
	at := indexOf(releases, pinned)
	if at < 0 {
		d.PinnedGone, d.SwitchTo, d.SwitchChange = true, latest, Major
		return d
	}
	current := at
	if !completed {
		for current+1 < len(releases) && releases[current+1].Change == Patch {
			current++
		}
		if current != at {
			d.MoveTo = releases[current].Version
		}
	}
	change := ""
	for _, r := range releases[current+1:] {
		if severity[r.Change] > severity[change] {
			change = r.Change
		}
	}
	switch {
	case completed && change == Major:
		d.Recertify, d.SwitchTo, d.SwitchChange = true, latest, Major
	case !completed && severity[change] >= severity[Minor]:
		d.SwitchTo, d.SwitchChange = latest, change
	}
	return d
}

// MajorSince reports whether a major release followed version.
func MajorSince(releases []Release, version string) bool {
	at := indexOf(releases, version)
	return at >= 0 && slices.ContainsFunc(releases[at+1:], func(r Release) bool { return r.Change == Major })
}

// Carry says which progress survives a move from version from to version to: progress maps module
// ids to the module hash recorded with the progress; the result maps the surviving module ids to
// their hash in to. A module's progress carries through each release on the way when the module
// still exists and either its content did not change or the release is a patch (a typo fix does
// not undo reading). When from is no longer published, only modules with the same hash carry.
func Carry(releases []Release, from, to string, progress map[string]string) map[string]string {
	start, end := indexOf(releases, from), indexOf(releases, to)
	out := map[string]string{}
	if end < 0 {
		return out
	}
	for id, hash := range progress {
		if start < 0 || start > end {
			if releases[end].Modules[id] == hash {
				out[id] = hash
			}
			continue
		}
		if carried, ok := carryModule(releases[start+1:end+1], id, hash); ok {
			out[id] = carried
		}
	}
	return out
}

func carryModule(steps []Release, id, hash string) (string, bool) {
	for _, r := range steps {
		next, ok := r.Modules[id]
		if !ok || (next != hash && r.Change != Patch) {
			return "", false
		}
		hash = next
	}
	return hash, true
}

func indexOf(releases []Release, version string) int {
	return slices.IndexFunc(releases, func(r Release) bool { return r.Version == version })
}
