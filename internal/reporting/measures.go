package reporting

import (
	"context"

	"github.com/ailit/ailit/internal/assign"
	"github.com/ailit/ailit/internal/compliance"
	"github.com/ailit/ailit/internal/measure"
)

// measureInfo fills what reports know about a measure other than a course (its key is
// "kind:id"): its title, and its releases, so a new major version of a policy asks everybody
// again. The report's measure column keeps the key, which names the kind.
func (s *Source) measureInfo(ctx context.Context, key string, ci *courseInfo) error {
	titles := compliance.MeasureTitles(ctx, s.Store, s.Library, "de", func(id string) string { return "Externer Nachweis: " + id })
	ci.title = titles.Of(key)
	if s.Library == nil {
		return nil
	}
	seen, err := s.Store.VersionsFirstSeen(ctx, key)
	if err != nil {
		return err
	}
	ci.releases = assign.MeasureReleases(s.Library.Catalog(), key, seen)
	if r, err := measure.ParseKey(key); err == nil && r.Kind == measure.Policy {
		if p := s.Library.Catalog().Policy(r.ID); p != nil && p.Latest() != nil {
			ci.latest, ci.latestHash = p.Latest().Version, p.Latest().Hash
		}
	}
	return nil
}
