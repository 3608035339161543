package assign

import (
	"time"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/measure"
)

// ReleasesOf lists a course's published versions for Status, oldest first. firstSeen holds when
// each version was first published (the store records it); a version missing there counts as
// published at the zero time.
func ReleasesOf(course *content.Course, firstSeen map[string]time.Time) []Release {
	if course == nil {
		return nil
	}
	var out []Release
	for _, v := range course.Versions() {
		out = append(out, Release{Version: v.Version, Major: v.Manifest.Change == "major", PublishedAt: firstSeen[v.Version]})
	}
	return out
}

// MeasureReleases lists the published versions, oldest first, of the measure a stored key names
// (measure.Ref.Key): a course's versions. Measures without versions (sessions, external evidence)
// have none, so only validity and the due rule decide for them.
func MeasureReleases(cat *content.Catalog, key string, firstSeen map[string]time.Time) []Release {
	if cat == nil {
		return nil
	}
	switch measure.KindOfKey(key) {
	case measure.Course:
		return ReleasesOf(cat.Course(key), firstSeen)
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
