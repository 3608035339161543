package web_test

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/ailit/ailit/internal/web/webtest"
)

// The shipped curriculum has an L3 course for oversight staff (Art. 26(2) AI Act); a learner finds
// it through the catalog filters for level and audience, and the filters name them in plain words.
func TestShippedCatalogFindsTheOversightCourseByLevelAndAudience(t *testing.T) {
	t.Parallel()
	_, c := loggedIn(t, filepath.Join(webtest.RepoRoot(t), "courses"), "learner")
	for _, query := range []string{"level=L3", "audience=aufsicht&level=L3"} {
		r := c.Get("/courses?" + query)
		if got := catalogIDs(r.Body); !slices.Contains(got, "ki-aufsicht") {
			t.Errorf("/courses?%s lists %v; want ki-aufsicht among them", query, got)
		}
	}
	if got := catalogIDs(c.Get("/courses?level=L1").Body); slices.Contains(got, "ki-aufsicht") {
		t.Errorf("the L1 filter lists the L3 course: %v", got)
	}
	r := c.Get("/courses?audience=aufsicht")
	mustContain(t, "the catalog filtered by audience", r.Body,
		`<option value="L3">`, "L3 Vertiefung und Verantwortung",
		`<option value="aufsicht" selected>`, "Aufsichtspersonen für Hochrisiko-KI",
		"KI-Aufsicht – menschliche Aufsicht über Hochrisiko-KI in der Praxis")
}
