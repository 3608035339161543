package assign

import (
	"strings"
	"time"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/measure"
)

// ReleasesOf lists a course's published versions for Status, oldest first, each naming the course
// (so completions must name it too: Completion.Course). firstSeen holds when each version was
// first published (the store records it); a version missing there counts as published at the
// zero time.
func ReleasesOf(course *content.Course, firstSeen map[string]time.Time) []Release {
	if course == nil {
		return nil
	}
	var out []Release
	for _, v := range course.Versions() {
		out = append(out, Release{Course: course.ID, Version: v.Version, Major: v.Manifest.Change == "major", PublishedAt: firstSeen[v.Version]})
	}
	return out
}

// FamilyReleasesOf lists the releases of every course of a course's family (the course, its
// original and the translations), for Status over completions of any of them. firstSeen reads
// when the store first saw each version of a course.
func FamilyReleasesOf(cat *content.Catalog, courseID string, firstSeen func(courseID string) (map[string]time.Time, error)) ([]Release, error) {
	if !measure.IsCourseKey(courseID) { // a policy or another measure: no translations
		seen, err := firstSeen(courseID)
		if err != nil {
			return nil, err
		}
		return MeasureReleases(cat, courseID, seen), nil
	}
	var out []Release
	for _, course := range cat.Family(courseID) {
		seen, err := firstSeen(course.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, ReleasesOf(course, seen)...)
	}
	return out, nil
}

// MeasureReleases lists the published versions, oldest first, of the measure a stored key names
// (measure.Ref.Key): a course's versions, a policy's document versions (a new major version asks
// everybody to confirm again, as a major course release asks to recertify). Measures without versions (sessions, external evidence)
// have none, so only validity and the due rule decide for them.
func MeasureReleases(cat *content.Catalog, key string, firstSeen map[string]time.Time) []Release {
	if cat == nil {
		return nil
	}
	switch measure.KindOfKey(key) {
	case measure.Course:
		return ReleasesOf(cat.Course(key), firstSeen)
	case measure.Policy:
		p := cat.Policy(strings.TrimPrefix(key, string(measure.Policy)+":"))
		if p == nil {
			return nil
		}
		var out []Release
		for _, v := range p.Versions() {
			out = append(out, Release{Course: key, Version: v.Version, Major: v.Change == content.ChangeMajor, PublishedAt: firstSeen[v.Version]})
		}
		return out
	}
	return nil
}

// Pin returns the newest published version of a course and its hash, the version new members of
// an assignment are enrolled in.
func Pin(lib *content.Library) func(courseID string) (string, string, bool) {
	return func(courseID string) (string, string, bool) {
		if lib == nil {
			return "", "", false
		}
		course := lib.Catalog().Course(courseID)
		if course == nil || course.Latest() == nil {
			return "", "", false
		}
		v := course.Latest()
		return v.Version, v.Hash, true
	}
}
