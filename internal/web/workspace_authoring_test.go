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

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/web/webtest"
)

func TestNewCourseFormCreatesADraftAndNamesWrongFields(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
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
	t.Parallel()
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
	r = workspaceUpload(t, c, path+"/replace", "file", "neu.png", png, map[string]string{"name": "handout.pdf"})
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Die neue Datei muss vom selben Typ sein") || !strings.Contains(r.Body, `id="f-replace-handout.pdf-error"`) {
		t.Fatalf("replace a PDF by a PNG: %d\n%s", r.Status, r.Body)
	}
	if r := workspaceUpload(t, c, path+"/replace", "file", "neu.pdf", []byte("%PDF-1.7\n%%EOF\n"), map[string]string{"name": "handout.pdf"}); r.Status != http.StatusSeeOther {
		t.Fatalf("replace: %d\n%s", r.Status, r.Body)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "ki-grundlagen", "draft", "modules", "01-was-ist-ki", "media", "handout.pdf")); !strings.HasPrefix(string(got), "%PDF-1.7") {
		t.Errorf("not replaced: %q", got)
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
	t.Parallel()
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
	t.Parallel()
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
	t.Parallel()
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

// everyTypeQuiz is the editor form of a quiz with one question of each type.
func everyTypeQuiz(hash string) url.Values {
	v := url.Values{"hash": {hash}, "op": {"save"}, "pass_percent": {"60"}, "attempts": {"3"}, "wait_minutes": {"0"},
		"time_limit_minutes": {"0"}, "draw": {"5"}, "shuffle": {"1"}, "review_show": {"correctness", "explanation"},
		"review_when": {"after_pass"}, "qn": {"7"}}
	set := func(kv ...string) {
		for i := 0; i < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
	}
	set("q0_type", "single", "q0_id", "e-single", "q0_text", "Was ist richtig?", "q0_on", "2",
		"q0_o0_id", "a", "q0_o0_text", "Dies", "q0_o0_correct", "1", "q0_o0_feedback", "Genau.", "q0_o1_id", "b", "q0_o1_text", "Das",
		"q0_explanation", "Weil.")
	set("q1_type", "multiple", "q1_id", "e-multiple", "q1_text", "Was alles?", "q1_on", "3", "q1_points", "2",
		"q1_o0_id", "a", "q1_o0_text", "Eins", "q1_o0_correct", "1", "q1_o1_id", "b", "q1_o1_text", "Zwei", "q1_o1_correct", "1",
		"q1_o2_id", "c", "q1_o2_text", "Drei")
	set("q2_type", "truefalse", "q2_id", "e-truefalse", "q2_text", "KI irrt nie.", "q2_answer", "false", "q2_feedback_false", "Richtig.")
	set("q3_type", "order", "q3_id", "e-order", "q3_text", "Ordnen Sie.", "q3_in", "3",
		"q3_i0_id", "planen", "q3_i0_text", "Planen", "q3_i1_id", "pruefen", "q3_i1_text", "Prüfen", "q3_i2_id", "einsetzen", "q3_i2_text", "Einsetzen")
	set("q4_type", "match", "q4_id", "e-match", "q4_text", "Ordnen Sie zu.", "q4_pn", "2",
		"q4_p0_id", "a", "q4_p0_prompt", "DSGVO", "q4_p0_answer", "Datenschutz", "q4_p1_id", "b", "q4_p1_prompt", "KI-VO", "q4_p1_answer", "KI-Regeln",
		"q4_distractors", "Steuerrecht\n\nBaurecht\n")
	set("q5_type", "numeric", "q5_id", "e-numeric", "q5_text", "Wie viele Monate?", "q5_number", "2,5", "q5_tolerance", "0,5", "q5_unit", "Monate")
	set("q6_type", "text", "q6_id", "e-text", "q6_text", "Wie heißt die Verordnung?", "q6_accept", "KI-Verordnung\nAI Act", "q6_case_sensitive", "1")
	return v
}

func TestQuizEditorWritesEveryQuestionTypeFromFormFields(t *testing.T) {
	t.Parallel()
	_, c, dir := trainerWorkspace(t)
	createDraft(t, c)
	path := "/workspace/ki-grundlagen/draft/quiz/chancen-und-grenzen"
	r := c.Get(path)
	form := everyTypeQuiz(formHash(t, r.Body))
	if r = c.Post(path, form); r.Status != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", r.Status, r.Body)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "ki-grundlagen", "draft", "modules", "02-chancen-und-grenzen", "quiz.yaml"))
	d, ps := content.ParseQuiz("quiz.yaml", data)
	if d == nil || len(ps) > 0 || len(d.Questions) != 7 {
		t.Fatalf("%v\n%s", ps, data)
	}
	q := d.Questions
	n, _ := q[5].NumericAnswer()
	if d.Draw != 5 || d.Review.When != "after_pass" || q[0].Options[0].Feedback != "Genau." || q[1].Points != 2 ||
		q[3].Items[1].ID != "pruefen" || q[4].Distractors[1] != "Baurecht" || n != 2.5 || q[5].Tolerance != 0.5 ||
		q[6].Accept[1] != "AI Act" || !q[6].CaseSensitive {
		t.Errorf("quiz after saving:\n%s", data)
	}
	// The page shows the questions again as fields, no YAML.
	r = c.Get(path)
	if !strings.Contains(r.Body, `name="q3_i2_text" type="text"`) || !strings.Contains(r.Body, `value="Einsetzen"`) || strings.Contains(r.Body, "_yaml") {
		t.Errorf("editor after saving:\n%s", r.Body)
	}
}

func TestQuizEditorNamesBadFieldsAndWritesNothing(t *testing.T) {
	t.Parallel()
	_, c, dir := trainerWorkspace(t)
	createDraft(t, c)
	path := "/workspace/ki-grundlagen/draft/quiz/chancen-und-grenzen"
	r := c.Get(path)
	form := everyTypeQuiz(formHash(t, r.Body))
	form.Set("q5_number", "zwei")
	form.Set("q3_i1_text", "")
	form.Set("q0_id", "Frage 1")
	form.Set("pass_percent", "140")
	r = c.Post(path, form)
	if r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("bad form: %d", r.Status)
	}
	for _, want := range []string{`id="f-q5_number-error"`, `id="f-q3_i1_text-error"`, `id="f-q0_id-error"`, `id="f-pass_percent-error"`,
		"zwischen 1 und 100 Prozent", `value="zwei"`} {
		if !strings.Contains(r.Body, want) {
			t.Errorf("missing %s", want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "ki-grundlagen", "draft", "modules", "02-chancen-und-grenzen", "quiz.yaml")); !os.IsNotExist(err) {
		t.Error("a refused quiz was written")
	}
}

func TestQuizEditorButtonsAddRemoveAndReorderParts(t *testing.T) {
	t.Parallel()
	_, c, _ := trainerWorkspace(t)
	createDraft(t, c)
	path := "/workspace/ki-grundlagen/draft/quiz/chancen-und-grenzen"
	r := c.Get(path)
	form := everyTypeQuiz(formHash(t, r.Body))
	form.Set("op", "upitem:3:2")
	if r = c.Post(path, form); !regexp.MustCompile(`name="q3_i1_text" type="text"\s+value="Einsetzen"`).MatchString(r.Body) {
		t.Errorf("step 3 did not move up:\n%s", r.Body)
	}
	form.Set("op", "addpair:4")
	if r = c.Post(path, form); !strings.Contains(r.Body, `name="q4_pn" value="3"`) {
		t.Error("no third pair")
	}
	form.Set("op", "add:numeric")
	if r = c.Post(path, form); !strings.Contains(r.Body, `name="qn" value="8"`) || !strings.Contains(r.Body, `name="q7_number"`) {
		t.Error("no numeric question added")
	}
	form.Set("op", "del:0")
	if r = c.Post(path, form); strings.Contains(r.Body, `value="e-single"`) {
		t.Error("question 1 was not removed")
	}
}
