package compliance

import (
	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/measure"
)

// KnownMeasure says whether a measure can be required: a course or a policy must be published in
// the catalog; live sessions and external evidence are taken by their key as written, since a rule
// may require a workshop before its series is scheduled. The inventory's rules and its file import
// check measures with it.
func KnownMeasure(lib *content.Library) func(measure.Ref) bool {
	return func(r measure.Ref) bool {
		switch r.Kind {
		case measure.Course:
			return lib != nil && lib.Catalog().Course(r.ID) != nil
		case measure.Policy:
			return lib != nil && lib.Catalog().Policy(r.ID) != nil
		}
		return r.Kind.Valid() && r.ID != ""
	}
}
