package web_test

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

var lessonBody = regexp.MustCompile(`(?s)<textarea[^>]*name="body"[^>]*>(.*?)</textarea>`)

func TestLessonDiffShowsOnlyTheChangedPartWithItsContext(t *testing.T) {
	t.Parallel()
	_, c, _ := trainerWorkspace(t)
	createDraft(t, c)
	path := "/workspace/ki-grundlagen/draft/lesson/chancen-und-grenzen"
	r := c.Get(path)
	m := lessonBody.FindStringSubmatch(r.Body)
	if m == nil {
		t.Fatalf("no lesson body in the form:\n%s", r.Body)
	}
	body := strings.Replace(html.UnescapeString(m[1]), "ändert jeden Entwurf", "ändert jeden einzelnen Entwurf", 1)
	form := url.Values{"hash": {formHash(t, r.Body)}, "title": {"Chancen und Grenzen"}, "duration_minutes": {"10"}, "body": {body}, "op": {"save"}}
	if r = c.Post(path, form); r.Status != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", r.Status, r.Body)
	}
	r = c.Get("/workspace/ki-grundlagen/diff?from=1.1.0&to=draft")
	for _, want := range []string{"<del>ändert jeden Entwurf, bevor er verschickt wird.</del>", "<ins>ändert jeden einzelnen Entwurf, bevor er verschickt wird.</ins>",
		"unveränderte Zeilen …", "Versionen vergleichen: Version 1.1.0 → Entwurf",
		`>KI-Grundlagen für alle Beschäftigten – Entwurf</a>`} {
		if !strings.Contains(r.Body, want) {
			t.Errorf("diff lacks %q", want)
		}
	}
	for _, far := range []string{"Verordnung (EU) 2024/1689", "KI kann Routinearbeit erleichtern"} {
		if strings.Contains(r.Body, far) {
			t.Errorf("diff shows the unchanged line %q far from the change", far)
		}
	}
	list := c.Get("/workspace").Body
	if !strings.Contains(list, `/workspace/ki-grundlagen/1.1.0">Version 1.1.0</a>`) || !strings.Contains(list, `/workspace/ki-grundlagen/draft">Entwurf</a>`) {
		t.Error("the version table does not name versions and the draft in words")
	}
	if strings.Contains(c.Get("/workspace/ki-grundlagen/draft").Body, "ki-grundlagen draft") {
		t.Error("the draft page still shows \"ki-grundlagen draft\"")
	}
}
