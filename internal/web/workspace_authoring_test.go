package web_test

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
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

func TestModulesPageAddsRenamesMovesAndDeletesModules(t *testing.T) {
	_, c, dir := trainerWorkspace(t)
	createDraft(t, c)
	r := c.Get("/workspace/ki-grundlagen/draft/modules")
	if r.Status != http.StatusOK || !strings.Contains(r.Body, "Modul hinzufügen") {
		t.Fatalf("%d\n%s", r.Status, r.Body)
	}
	if r := c.Post("/workspace/ki-grundlagen/draft/modules", url.Values{"new_title": {""}}); r.Status != http.StatusUnprocessableEntity ||
		!strings.Contains(r.Body, "Bitte geben Sie einen Titel für das Modul ein.") {
		t.Fatalf("empty title: %d", r.Status)
	}
	if r := c.Post("/workspace/ki-grundlagen/draft/modules", url.Values{"new_title": {"Datenschutz bei KI"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("add: %d\n%s", r.Status, r.Body)
	}
	draft := filepath.Join(dir, "ki-grundlagen", "draft", "modules")
	if _, err := os.Stat(filepath.Join(draft, "04-datenschutz-bei-ki", "lesson.md")); err != nil {
		t.Fatal(err)
	}
	c.Get("/workspace/ki-grundlagen/draft/modules")
	if r := c.Post("/workspace/ki-grundlagen/draft/modules/datenschutz-bei-ki/move", url.Values{"direction": {"up"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("move: %d", r.Status)
	}
	if _, err := os.Stat(filepath.Join(draft, "03-datenschutz-bei-ki")); err != nil {
		t.Errorf("not renumbered: %v", err)
	}
	r = c.Get("/workspace/ki-grundlagen/draft/modules")
	hash := regexp.MustCompile(`modules/datenschutz-bei-ki/title"[^>]*>\s*<input type="hidden" name="_csrf" value="[^"]*">\s*<input type="hidden" name="hash" value="([0-9a-f]*)"`).FindStringSubmatch(r.Body)
	if hash == nil {
		t.Fatalf("no hash for the rename form:\n%s", r.Body)
	}
	if r := c.Post("/workspace/ki-grundlagen/draft/modules/datenschutz-bei-ki/title", url.Values{"hash": {hash[1]}, "title-datenschutz-bei-ki": {"Datenschutz"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("rename: %d\n%s", r.Status, r.Body)
	}
	if r := c.Get("/workspace/ki-grundlagen/draft/modules"); !strings.Contains(r.Body, `value="Datenschutz"`) || !strings.Contains(r.Body, "03-datenschutz-bei-ki") {
		t.Errorf("after rename:\n%s", r.Body)
	}
	if r := c.Get("/workspace/ki-grundlagen/draft/modules/chancen-und-grenzen/delete"); !strings.Contains(r.Body, "Ja, Modul löschen") {
		t.Fatalf("confirmation page:\n%s", r.Body)
	}
	r = c.Post("/workspace/ki-grundlagen/draft/modules/chancen-und-grenzen/delete", nil)
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "modules/01-was-ist-ki/lesson.md, Zeile 20") {
		t.Fatalf("refused delete: %d\n%s", r.Status, r.Body)
	}
	if r := c.Post("/workspace/ki-grundlagen/draft/modules/datenschutz-bei-ki/delete", nil); r.Status != http.StatusSeeOther {
		t.Fatalf("delete: %d\n%s", r.Status, r.Body)
	}
	if _, err := os.Stat(filepath.Join(draft, "03-datenschutz-bei-ki")); !os.IsNotExist(err) {
		t.Error("the module folder is still there")
	}
}

func TestMediaPageUploadsListsUsesAndRefusesDeletingAUsedFile(t *testing.T) {
	_, c, dir := trainerWorkspace(t)
	createDraft(t, c)
	path := "/workspace/ki-grundlagen/draft/media/was-ist-ki"
	r := c.Get(path)
	if r.Status != http.StatusOK || !strings.Contains(r.Body, "neuronales-netz.png") || !strings.Contains(r.Body, "modules/01-was-ist-ki/lesson.md:9") {
		t.Fatalf("media page: %d\n%s", r.Status, r.Body)
	}
	hash := formHash(t, r.Body)
	png, _ := os.ReadFile(filepath.Join(dir, "ki-grundlagen", "1.1.0", "modules", "01-was-ist-ki", "media", "neuronales-netz.png"))
	r = workspaceUpload(t, c, path, "file", "zweites.png", png, map[string]string{"hash": hash, "alt": ""})
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Alternativtext ein") {
		t.Fatalf("image without alt: %d", r.Status)
	}
	r = workspaceUpload(t, c, path, "file", "plan.pdf", []byte("#!/bin/sh\nrm -rf /\n"), map[string]string{"hash": hash})
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Maßgeblich ist der Inhalt") {
		t.Fatalf("script named .pdf: %d", r.Status)
	}
	r = workspaceUpload(t, c, path, "file", "Zweites Bild.png", png, map[string]string{"hash": hash, "alt": "Ein zweites Netz"})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("upload: %d\n%s", r.Status, r.Body)
	}
	r = workspaceUpload(t, c, path, "file", "handout.pdf", []byte("%PDF-1.4\n%%EOF\n"), map[string]string{"hash": hash})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("pdf upload: %d\n%s", r.Status, r.Body)
	}
	r = c.Get(path)
	if !strings.Contains(r.Body, "zweites-bild.png") || !strings.Contains(r.Body, "handout.pdf") || !strings.Contains(r.Body, "nicht verwendet") {
		t.Fatalf("after uploads:\n%s", r.Body)
	}
	r = c.Post(path+"/delete", url.Values{"name": {"zweites-bild.png"}})
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Die Datei wird noch verwendet (modules/01-was-ist-ki/lesson.md:") {
		t.Fatalf("delete of a used image: %d\n%s", r.Status, r.Body)
	}
	if r := c.Post(path+"/delete", url.Values{"name": {"handout.pdf"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("delete: %d", r.Status)
	}
	if _, err := os.Stat(filepath.Join(dir, "ki-grundlagen", "draft", "modules", "01-was-ist-ki", "media", "handout.pdf")); !os.IsNotExist(err) {
		t.Error("handout.pdf is still there")
	}
	if r := c.Post(path+"/delete", url.Values{"name": {"../lesson.md"}}); r.Status != http.StatusNotFound {
		t.Errorf("delete with a path: %d", r.Status)
	}
}
