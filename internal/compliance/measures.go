package compliance

import (
	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/measure"
)

// KnownMeasure says whether a measure can be required: a course must be published in the catalog;
// the other kinds (live sessions, policies, external evidence) are taken by their key as written,
// since an assignment may require a session series or a policy before it is scheduled or published.
// The inventory's rules and its file import check measures with it.
func KnownMeasure(lib *content.Library) func(measure.Ref) bool {
	return func(r measure.Ref) bool {
		if r.Kind != measure.Course {
			return r.Kind.Valid() && r.ID != ""
		}
		return lib != nil && lib.Catalog().Course(r.ID) != nil
	}
}
