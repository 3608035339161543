package compliance

import (
	"context"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/measure"
	"github.com/ailit/ailit/internal/store"
)

// MeasureTitles looks up the titles of every kind of measure: courses and policies in the
// catalog (policies in lang), session series in the store, external evidence by a label
// (externalLabel formats the id, e.g. "Externer Nachweis: %s"). Session titles are read once.
func MeasureTitles(ctx context.Context, db *store.Store, lib *content.Library, lang string, externalLabel func(id string) string) measure.Titles {
	var cat *content.Catalog
	if lib != nil {
		cat = lib.Catalog()
	}
	sessions := map[string]string{}
	if series, err := db.AllSeries(ctx, 0); err == nil {
		for _, s := range series {
			sessions[s.Key] = s.Title
		}
	}
	return measure.Titles{
		Course: func(id string) string {
			if cat == nil {
				return ""
			}
			if c := cat.Course(id); c != nil && c.Latest() != nil {
				return c.Latest().Manifest.Title
			}
			return ""
		},
		Policy: func(id string) string {
			if cat == nil {
				return ""
			}
			if p := cat.Policy(id); p != nil && p.Latest() != nil {
				return p.Latest().Title(lang)
			}
			return ""
		},
		Session:  func(id string) string { return sessions[id] },
		External: externalLabel,
	}
}
