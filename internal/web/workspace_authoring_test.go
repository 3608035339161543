package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/ailit/ailit/internal/web/webtest"
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

func TestLessonAutosaveSavesRefusesInvalidTextAndDetectsConflicts(t *testing.T) {
	_, c, dir := trainerWorkspace(t)
	createDraft(t, c)
	path := "/workspace/ki-grundlagen/draft/lesson/chancen-und-grenzen"
	r := c.Get(path)
	if !strings.Contains(r.Body, `data-autosave="`+path+`/autosave"`) || !strings.Contains(r.Body, "autosave.") || !strings.Contains(r.Body, `data-saved="Gespeichert"`) {
		t.Fatalf("editor without autosave:\n%s", r.Body)
	}
	hash := formHash(t, r.Body)
	form := url.Values{"hash": {hash}, "title": {"Chancen und Grenzen"}, "duration_minutes": {"7"}, "body": {"Automatisch **gespeichert**.\n"}}
	r = c.Post(path+"/autosave", form)
	var res struct {
		State    string   `json:"state"`
		Hash     string   `json:"hash"`
		Problems []string `json:"problems"`
	}
	if err := json.Unmarshal([]byte(r.Body), &res); err != nil || r.Status != http.StatusOK || res.State != "saved" || res.Hash == hash || res.Hash == "" {
		t.Fatalf("autosave: %d %s", r.Status, r.Body)
	}
	lesson, _ := os.ReadFile(filepath.Join(dir, "ki-grundlagen", "draft", "modules", "02-chancen-und-grenzen", "lesson.md"))
	if !strings.Contains(string(lesson), "Automatisch **gespeichert**.") {
		t.Fatalf("not on disk:\n%s", lesson)
	}
	form.Set("hash", res.Hash)
	form.Set("body", "Text\n\n![](media/fehlt.png)\n")
	r = c.Post(path+"/autosave", form)
	if err := json.Unmarshal([]byte(r.Body), &res); err != nil || r.Status != http.StatusUnprocessableEntity || res.State != "invalid" ||
		len(res.Problems) == 0 || !strings.Contains(res.Problems[0], "modules/02-chancen-und-grenzen/lesson.md, Zeile 8") {
		t.Fatalf("invalid autosave: %d %s", r.Status, r.Body)
	}
	if again, _ := os.ReadFile(filepath.Join(dir, "ki-grundlagen", "draft", "modules", "02-chancen-und-grenzen", "lesson.md")); string(again) != string(lesson) {
		t.Error("an invalid autosave changed the file")
	}
	form.Set("hash", hash) // the hash before the first autosave
	form.Set("body", "Alte Fassung.\n")
	if r = c.Post(path+"/autosave", form); r.Status != http.StatusConflict || !strings.Contains(r.Body, `"state":"conflict"`) {
		t.Errorf("stale autosave: %d %s", r.Status, r.Body)
	}
}

func TestTwoTrainersSavingTheSameLessonAtOnceGetOneSaveAndOneConflictPage(t *testing.T) {
	env, first, dir := trainerWorkspace(t)
	createDraft(t, first)
	env.CreateUser(t, "tom@stadt.example", pw, "trainer")
	second := env.Client(t)
	second.Login("tom@stadt.example", pw)
	path := "/workspace/ki-grundlagen/draft/lesson/chancen-und-grenzen"
	forms := []url.Values{}
	for i, c := range []*webtest.Client{first, second} {
		r := c.Get(path)
		forms = append(forms, url.Values{"hash": {formHash(t, r.Body)}, "title": {"Chancen und Grenzen"}, "duration_minutes": {"7"},
			"op": {"save"}, "body": {"Fassung " + string(rune('A'+i)) + ".\n"}})
	}
	results := make([]*webtest.Response, 2)
	var wg sync.WaitGroup
	for i, c := range []*webtest.Client{first, second} {
		wg.Add(1)
		go func() { defer wg.Done(); results[i] = c.Post(path, forms[i]) }()
	}
	wg.Wait()
	saved, conflict := -1, -1
	for i, r := range results {
		switch r.Status {
		case http.StatusSeeOther:
			saved = i
		case http.StatusConflict:
			conflict = i
			if !strings.Contains(r.Body, "Meine Fassung übernehmen") {
				t.Errorf("conflict page without its choices:\n%s", r.Body)
			}
		default:
			t.Errorf("trainer %d: %d", i, r.Status)
		}
	}
	if saved < 0 || conflict < 0 {
		t.Fatalf("statuses %d and %d", results[0].Status, results[1].Status)
	}
	lesson, _ := os.ReadFile(filepath.Join(dir, "ki-grundlagen", "draft", "modules", "02-chancen-und-grenzen", "lesson.md"))
	if !strings.Contains(string(lesson), "Fassung "+string(rune('A'+saved))) {
		t.Errorf("the file does not hold the saved version:\n%s", lesson)
	}
}

func TestAVersionFolderWithStatusDraftIsEditable(t *testing.T) {
	_, c, dir := trainerWorkspace(t)
	src, dst := filepath.Join(dir, "ki-grundlagen", "1.1.0"), filepath.Join(dir, "ki-grundlagen", "1.2.0")
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	manifest, _ := os.ReadFile(filepath.Join(dst, "course.yaml"))
	manifest = []byte(strings.Replace(string(manifest), "version: 1.1.0\n", "version: 1.2.0\nstatus: draft\n", 1))
	changelog, _ := os.ReadFile(filepath.Join(dst, "CHANGELOG.md"))
	os.WriteFile(filepath.Join(dst, "course.yaml"), manifest, 0o644)
	os.WriteFile(filepath.Join(dst, "CHANGELOG.md"), append([]byte("## 1.2.0 (Entwurf)\n\n- Entwurf.\n\n"), changelog...), 0o644)
	c.Get("/workspace")
	if r := c.Get("/workspace/ki-grundlagen/1.2.0"); r.Status != http.StatusOK || !strings.Contains(r.Body, "/workspace/ki-grundlagen/draft/modules") {
		t.Fatalf("status-draft folder is not offered for editing: %d\n%s", r.Status, r.Body)
	}
	if r := c.Post("/workspace/ki-grundlagen/draft/modules", url.Values{"new_title": {"Datenschutz"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("add module: %d\n%s", r.Status, r.Body)
	}
	if _, err := os.Stat(filepath.Join(dst, "modules", "04-datenschutz", "lesson.md")); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "ki-grundlagen", "draft")); !os.IsNotExist(err) {
		t.Error("a draft folder was made besides the status-draft folder")
	}
}
