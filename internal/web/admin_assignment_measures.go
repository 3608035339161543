package web

import (
	"context"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/measure"
	"github.com/ailit/ailit/internal/web/form"
)

// measureKeys lists the measures other than courses an assignment can require: every published
// policy, every session series, and external evidence ("external:sonstiger-nachweis").
func (a *App) measureKeys(ctx context.Context) ([]string, error) {
	var keys []string
	for _, p := range a.lib.Catalog().Policies() {
		keys = append(keys, measure.Ref{Kind: measure.Policy, ID: p.ID}.Key())
	}
	series, err := a.db.AllSeries(ctx, 0)
	if err != nil {
		return nil, err
	}
	for _, s := range series {
		keys = append(keys, s.Measure().Key())
	}
	return append(keys, measure.Ref{Kind: measure.External, ID: form.OtherEvidence}.Key()), nil
}

// measureExists reports whether a key names a measure people can take: a published course or
// policy, a session series, or any external evidence (its id only names the kind of evidence).
func (a *App) measureExists(ctx context.Context, key string) (bool, error) {
	r, err := measure.ParseKey(key)
	if err != nil {
		return false, nil
	}
	switch r.Kind {
	case measure.Course:
		return a.lib.Catalog().Course(r.ID) != nil, nil
	case measure.Policy:
		return a.lib.Catalog().Policy(r.ID) != nil, nil
	case measure.Session:
		if _, err := a.db.SeriesByKey(ctx, r.ID); err != nil {
			return false, nil
		}
		return true, nil
	}
	return true, nil
}

// addMeasureOptions adds the measures other than courses to a report's filter list, with their
// title and kind.
func (a *App) addMeasureOptions(c *fiber.Ctx, opts *[]courseOption) error {
	keys, err := a.measureKeys(c.UserContext())
	if err != nil {
		return err
	}
	l := lang(c)
	titles := a.measureTitles(c.UserContext(), l)
	for _, key := range keys {
		kind := i18n.T(l, "measure.kind."+string(measure.KindOfKey(key)))
		*opts = append(*opts, courseOption{ID: key, Title: titles.Of(key) + " (" + kind + ")"})
	}
	return nil
}
