package compliance

import (
	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/measure"
)

// KnownMeasure says whether a measure exists and can be assigned: on this branch, a published
// course of the catalog. The inventory's rules and its file import check measures with it.
func KnownMeasure(lib *content.Library) func(measure.Ref) bool {
	return func(r measure.Ref) bool {
		return r.Kind == measure.Course && lib != nil && lib.Catalog().Course(r.ID) != nil
	}
}
