package reporting

import (
	"context"

	"github.com/ailit/ailit/internal/assign"
)

// measureInfo fills what reports know about a measure other than a course (its key is
// "kind:id"): its releases, so a new major version of a policy asks everybody again.
func (s *Source) measureInfo(ctx context.Context, key string, ci *courseInfo) error {
	if s.Library == nil {
		return nil
	}
	seen, err := s.Store.VersionsFirstSeen(ctx, key)
	if err != nil {
		return err
	}
	ci.releases = assign.MeasureReleases(s.Library.Catalog(), key, seen)
	return nil
}
