package content

import (
	"cmp"
	"strconv"
	"strings"
)

// semver is MAJOR.MINOR.PATCH; the loader accepts nothing else (no pre-release suffixes).
type semver [3]int

func parseSemver(s string) (semver, bool) {
	if !semverPattern.MatchString(s) {
		return semver{}, false
	}
	var v semver
	for i, part := range strings.Split(s, ".") {
		n, err := strconv.Atoi(part)
		if err != nil {
			return semver{}, false
		}
		v[i] = n
	}
	return v, true
}

// compareSemver orders version strings numerically; invalid ones sort first.
func compareSemver(a, b string) int {
	va, _ := parseSemver(a)
	vb, _ := parseSemver(b)
	for i := range va {
		if c := cmp.Compare(va[i], vb[i]); c != 0 {
			return c
		}
	}
	return 0
}

// bumpKind says which number rises from prev to next: "major", "minor", "patch", or "" when next is
// not higher than prev.
func bumpKind(prev, next string) string {
	p, _ := parseSemver(prev)
	n, _ := parseSemver(next)
	switch {
	case n[0] > p[0]:
		return ChangeMajor
	case n[0] == p[0] && n[1] > p[1]:
		return ChangeMinor
	case n[0] == p[0] && n[1] == p[1] && n[2] > p[2]:
		return ChangePatch
	}
	return ""
}
