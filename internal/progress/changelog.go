package progress

import (
	"regexp"
	"strings"
)

// ChangelogEntry is the section of CHANGELOG.md for one release.
type ChangelogEntry struct {
	Version string
	Heading string // the heading line without "## ", e.g. "1.1.0 (2026-11-15)"
	Body    string // the Markdown below the heading, trimmed
}

var changelogHeading = regexp.MustCompile(`^## +(\d+\.\d+\.\d+)\b`)

// ParseChangelog splits a CHANGELOG.md into its release sections, in file order (newest first).
// Text before the first "## x.y.z" heading is ignored.
func ParseChangelog(text string) []ChangelogEntry {
	var entries []ChangelogEntry
	var body []string
	flush := func() {
		if len(entries) > 0 {
			entries[len(entries)-1].Body = strings.TrimSpace(strings.Join(body, "\n"))
		}
		body = nil
	}
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if m := changelogHeading.FindStringSubmatch(line); m != nil {
			flush()
			entries = append(entries, ChangelogEntry{Version: m[1], Heading: strings.TrimSpace(line[3:])})
			continue
		}
		body = append(body, line)
	}
	flush()
	return entries
}

// ChangesSince returns the entries of a newer release's CHANGELOG.md that came after version since
// ("what changed since you completed"), newest first. When since has no section (for example a
// version older than the changelog), every entry is returned.
func ChangesSince(changelog, since string) []ChangelogEntry {
	entries := ParseChangelog(changelog)
	for i, e := range entries {
		if e.Version == since {
			return entries[:i]
		}
	}
	return entries
}
