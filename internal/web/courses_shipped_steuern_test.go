package web_test

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/ailit/ailit/internal/web/webtest"
)

// The L3 course for those who decide on, buy and run AI is found by each of its audiences
// (managers, AI coordination and procurement, IT) and by a procurement officer who searches for
// "Vergabestelle" (the catalog has no audience code for procurement), but not by the L1 filter or
// the oversight audience.
func TestShippedCatalogFindsTheGovernanceCourseByItsAudiencesAndBySearch(t *testing.T) {
	t.Parallel()
	_, c := loggedIn(t, filepath.Join(webtest.RepoRoot(t), "courses"), "learner")
	const id = "ki-steuern-und-beschaffen"
	for _, query := range []string{"level=L3", "audience=fuehrung&level=L3", "audience=fachreferat", "audience=it", "q=Vergabestelle", "q=EVB-IT"} {
		if got := catalogIDs(c.Get("/courses?" + query).Body); !slices.Contains(got, id) {
			t.Errorf("/courses?%s lists %v; want %s among them", query, got, id)
		}
	}
	for _, query := range []string{"level=L1", "audience=aufsicht"} {
		if got := catalogIDs(c.Get("/courses?" + query).Body); slices.Contains(got, id) {
			t.Errorf("/courses?%s lists %s: %v", query, id, got)
		}
	}
	r := c.Get("/courses?audience=it")
	mustContain(t, "the catalog filtered by the IT audience", r.Body,
		`<option value="it" selected>`, "IT und Entwicklung",
		"KI steuern und beschaffen – Entscheidung, KI-Register, Vergabe und Einführung")
}
