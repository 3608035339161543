package assign

import (
	"time"

	"github.com/ailit/ailit/internal/content"
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
