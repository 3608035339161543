package measure

// PolicyRelease is a published version of a policy document: whether it is a major change.
type PolicyRelease struct {
	Version string
	Major   bool
}

// ConfirmationCounts says whether a person's confirmation of version confirmed still counts,
// given the releases oldest first: it counts unless a major release came after it. Minor and
// patch releases (wording, a new contact) do not ask everybody again; a major one does.
func ConfirmationCounts(releases []PolicyRelease, confirmed string) bool {
	seen := false
	for _, r := range releases {
		if seen && r.Major {
			return false
		}
		if r.Version == confirmed {
			seen = true
		}
	}
	return seen
}

// NeedsConfirmation reports whether a person who confirmed the given versions (unrevoked) must
// confirm the policy (again): none of their confirmations still counts.
func NeedsConfirmation(releases []PolicyRelease, confirmed []string) bool {
	for _, v := range confirmed {
		if ConfirmationCounts(releases, v) {
			return false
		}
	}
	return len(releases) > 0
}
