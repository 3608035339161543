package web_test

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNewCourseFormCreatesADraftAndNamesWrongFields(t *testing.T) {
	_, c, dir := trainerWorkspace(t)
	if r := c.Get("/workspace"); !strings.Contains(r.Body, `href="/workspace/new"`) {
		t.Fatalf("no link to the new course form:\n%s", r.Body)
	}
	c.Get("/workspace/new")
	r := c.Post("/workspace/new", url.Values{"id": {"KI Amt"}, "title": {""}, "language": {"de"}, "level": {"L1"}})
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Die Kennung darf nur Kleinbuchstaben") ||
		!strings.Contains(r.Body, "Bitte geben Sie einen Titel ein.") || !strings.Contains(r.Body, "mindestens eine Zielgruppe") {
		t.Fatalf("bad form: %d\n%s", r.Status, r.Body)
	}
	if !strings.Contains(r.Body, `value="KI Amt"`) {
		t.Error("the typed id is not shown again")
	}
	good := url.Values{"id": {"ki-im-amt"}, "title": {"KI im Amt"}, "language": {"de"}, "level": {"L2"},
		"audiences": {"alle", "fuehrung"}, "competences": {"KA-GRUND"}}
	if r := c.Post("/workspace/new", good); r.Status != http.StatusSeeOther || r.Header.Get("Location") != "/workspace/ki-im-amt/draft" {
		t.Fatalf("create: %d %s\n%s", r.Status, r.Header.Get("Location"), r.Body)
	}
	data, err := os.ReadFile(filepath.Join(dir, "ki-im-amt", "draft", "course.yaml"))
	if err != nil || !strings.Contains(string(data), "title: KI im Amt") || !strings.Contains(string(data), "audiences: [alle, fuehrung]") {
		t.Fatalf("course.yaml %v:\n%s", err, data)
	}
	r = c.Get("/workspace/ki-im-amt/draft")
	if r.Status != http.StatusOK || !strings.Contains(r.Body, "Einführung") {
		t.Errorf("draft page: %d\n%s", r.Status, r.Body)
	}
	if r := c.Post("/workspace/new", good); r.Status != http.StatusConflict || !strings.Contains(r.Body, "Es gibt schon einen Kurs mit dieser Kennung") {
		t.Errorf("same id again: %d", r.Status)
	}
}
