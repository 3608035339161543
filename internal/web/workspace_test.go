package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/web/webtest"
)

// trainerWorkspace starts the app on a temporary copy of the example courses, logged in as a trainer.
func trainerWorkspace(t *testing.T) (*webtest.Env, *webtest.Client, string) {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join(webtest.RepoRoot(t), "internal", "content", "testdata", "courses")
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	env := webtest.New(t, webtest.Options{CoursesDir: dir})
	env.CreateUser(t, "tina@stadt.example", pw, "trainer")
	c := env.Client(t)
	c.Login("tina@stadt.example", pw)
	return env, c, dir
}

var hashField = regexp.MustCompile(`name="hash" value="([0-9a-f]*)"`)

func formHash(t *testing.T, body string) string {
	t.Helper()
	m := hashField.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no hash field in\n%s", body)
	}
	return m[1]
}

func createDraft(t *testing.T, c *webtest.Client) {
	t.Helper()
	c.Get("/workspace")
	if r := c.Post("/workspace/ki-grundlagen/draft", nil); r.Status != http.StatusSeeOther {
		t.Fatalf("new draft: %d\n%s", r.Status, r.Body)
	}
}

func TestWorkspaceIsForTrainersAndAdminsOnly(t *testing.T) {
	t.Parallel()
	env, _, _ := trainerWorkspace(t)
	env.CreateUser(t, "lea@stadt.example", pw, "learner")
	c := env.Client(t)
	c.Login("lea@stadt.example", pw)
	if r := c.Get("/workspace"); r.Status != http.StatusForbidden {
		t.Fatalf("learner: %d", r.Status)
	}
}

func TestWorkspaceListsVersionsAndCreatesADraft(t *testing.T) {
	t.Parallel()
	_, c, dir := trainerWorkspace(t)
	r := c.Get("/workspace")
	if r.Status != http.StatusOK || !strings.Contains(r.Body, "Neuer Entwurf aus der letzten Version (1.1.0)") || !strings.Contains(r.Body, "veröffentlicht") {
		t.Fatalf("%d\n%s", r.Status, r.Body)
	}
	createDraft(t, c)
	if _, err := os.Stat(filepath.Join(dir, "ki-grundlagen", "draft", "course.yaml")); err != nil {
		t.Fatal(err)
	}
	if r := c.Get("/workspace"); !strings.Contains(r.Body, "Entwurf") || strings.Contains(r.Body, "Neuer Entwurf aus") {
		t.Errorf("list after draft:\n%s", r.Body)
	}
	if r := c.Get("/courses/ki-grundlagen/v/draft"); r.Status != http.StatusNotFound {
		t.Errorf("learner route serves the draft: %d", r.Status)
	}
}

func TestLessonEditorPreviewsSavesAndDetectsConflicts(t *testing.T) {
	t.Parallel()
	_, c, dir := trainerWorkspace(t)
	createDraft(t, c)
	path := "/workspace/ki-grundlagen/draft/lesson/chancen-und-grenzen"
	r := c.Get(path)
	hash := formHash(t, r.Body)
	form := url.Values{"hash": {hash}, "title": {"Chancen und Grenzen"}, "duration_minutes": {"7"},
		"body": {"Neuer **Text**.\n\n<script>alert(1)</script>\n\n## Quellen\n"}}

	form.Set("op", "preview")
	r = c.Post(path, form)
	if !strings.Contains(r.Body, "Neuer <strong>Text</strong>.") || strings.Contains(r.Body, "<script>alert") {
		t.Fatalf("preview:\n%s", r.Body)
	}
	lessonFile := filepath.Join(dir, "ki-grundlagen", "draft", "modules", "02-chancen-und-grenzen", "lesson.md")
	before, _ := os.ReadFile(lessonFile)

	form.Set("op", "save")
	r = c.Post(path, form)
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "HTML is not allowed") || !strings.Contains(r.Body, `id="f-body-error"`) {
		t.Fatalf("raw HTML saved: %d\n%s", r.Status, r.Body)
	}
	if after, _ := os.ReadFile(lessonFile); !bytes.Equal(before, after) {
		t.Fatal("a refused save changed the file")
	}

	form.Set("body", "Neuer **Text**.\n\n## Quellen\n")
	if r = c.Post(path, form); r.Status != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", r.Status, r.Body)
	}
	// A second editor still holds the old hash: conflict page, nothing overwritten.
	form.Set("body", "Meine ältere Fassung.\n")
	r = c.Post(path, form)
	if r.Status != http.StatusConflict || !strings.Contains(r.Body, "Meine Fassung übernehmen") || !strings.Contains(r.Body, "Neu laden") || !strings.Contains(r.Body, "<del>Neuer **Text**.</del>") {
		t.Fatalf("conflict: %d\n%s", r.Status, r.Body)
	}
	if got, _ := os.ReadFile(lessonFile); !strings.Contains(string(got), "Neuer **Text**.") {
		t.Fatal("the conflicting save overwrote the file")
	}
	// "Keep my version" saves with the current hash.
	keep := url.Values{"file": {"modules/02-chancen-und-grenzen/lesson.md"}, "hash": {formHash(t, r.Body)}, "back": {path},
		"content": {"---\ntitle: Chancen\nduration_minutes: 5\n---\n\nMeine Fassung.\n"}}
	if r = c.Post("/workspace/ki-grundlagen/draft/file", keep); r.Status != http.StatusSeeOther {
		t.Fatalf("keep mine: %d\n%s", r.Status, r.Body)
	}
	if got, _ := os.ReadFile(lessonFile); !strings.Contains(string(got), "Meine Fassung.") {
		t.Fatal("keep mine did not save")
	}
}

func TestQuizEditorRefusesAnUnreachablePassMark(t *testing.T) {
	t.Parallel()
	_, c, dir := trainerWorkspace(t)
	createDraft(t, c)
	path := "/workspace/ki-grundlagen/draft/quiz/ki-im-buergerbuero"
	r := c.Get(path)
	if !strings.Contains(r.Body, "/trainer/quizzes/ki-grundlagen/ki-im-buergerbuero") {
		t.Error("no link to the item statistics")
	}
	quizFile := filepath.Join(dir, "ki-grundlagen", "draft", "modules", "03-ki-im-buergerbuero", "quiz.yaml")
	before, _ := os.ReadFile(quizFile)
	form := url.Values{"hash": {formHash(t, r.Body)}, "qn": {"1"}, "pass_percent": {"100"}, "draw": {"0"},
		"q0_type": {"truefalse"}, "q0_id": {"chatbot-kennzeichnen"}, "q0_text": {"Menschen müssen erfahren, dass sie mit einem Chatbot sprechen."},
		"q0_answer": {"true"}, "q0_explanation": {"Das verlangt Art. 50 der KI-Verordnung."}}

	form.Set("op", "del:0") // removing the only question only changes the form …
	r = c.Post(path, form)
	if r.Status != http.StatusOK || strings.Contains(r.Body, `name="q0_id"`) {
		t.Fatalf("remove question: %d", r.Status)
	}
	form = url.Values{"hash": {formHash(t, r.Body)}, "qn": {"0"}, "pass_percent": {"100"}, "op": {"save"}}
	r = c.Post(path, form) // … saving it is refused: nobody could pass
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "nobody can reach the pass mark") {
		t.Fatalf("unreachable pass mark: %d\n%s", r.Status, r.Body)
	}
	if after, _ := os.ReadFile(quizFile); !bytes.Equal(before, after) {
		t.Fatal("the refused quiz was written")
	}
}

func TestQuizEditorAddsAQuestionAndPublishAsPatchIsRefused(t *testing.T) {
	t.Parallel()
	_, c, dir := trainerWorkspace(t)
	createDraft(t, c)
	path := "/workspace/ki-grundlagen/draft/quiz/ki-im-buergerbuero"
	r := c.Get(path)
	form := url.Values{"hash": {formHash(t, r.Body)}, "qn": {"1"}, "pass_percent": {"100"},
		"q0_type": {"truefalse"}, "q0_id": {"chatbot-kennzeichnen"}, "q0_text": {"Menschen müssen erfahren, dass sie mit einem Chatbot sprechen."},
		"q0_answer": {"true"}, "q0_explanation": {"Das verlangt Art. 50 der KI-Verordnung."},
		"op": {"add:single"}}
	r = c.Post(path, form)
	if !strings.Contains(r.Body, `name="q1_o1_text"`) {
		t.Fatalf("new question has no options:\n%s", r.Body)
	}
	form.Set("qn", "2")
	form.Set("op", "save")
	for k, v := range map[string]string{"q1_type": "single", "q1_id": "kennzeichnung-wer", "q1_text": "Wer muss kennzeichnen?", "q1_on": "2",
		"q1_o0_id": "a", "q1_o0_text": "Die Behörde", "q1_o0_correct": "1", "q1_o1_id": "b", "q1_o1_text": "Niemand"} {
		form.Set(k, v)
	}
	if r = c.Post(path, form); r.Status != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", r.Status, r.Body)
	}
	r = c.Get("/workspace/ki-grundlagen/diff?from=1.1.0&to=draft")
	if !strings.Contains(r.Body, "ki-im-buergerbuero/kennzeichnung-wer") || !strings.Contains(r.Body, "Ergänzung (minor)") {
		t.Fatalf("diff:\n%s", r.Body)
	}
	if !strings.Contains(r.Body, "<ins>Wer muss kennzeichnen?</ins>") {
		t.Error("the diff does not name the new question by its text")
	}
	c.Get("/workspace/ki-grundlagen/draft/publish")
	r = c.Post("/workspace/ki-grundlagen/draft/publish", url.Values{"change": {"patch"}, "changelog": {"- Tippfehler"}})
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "darf keine Module oder Fragen ändern") {
		t.Fatalf("patch: %d\n%s", r.Status, r.Body)
	}
	if !strings.Contains(r.Body, "Fragen hinzugefügt: kennzeichnung-wer") || strings.Contains(r.Body, "questions added") {
		t.Error("the German publish page gives its reason in English")
	}
	if _, err := os.Stat(filepath.Join(dir, "ki-grundlagen", "1.1.1")); err == nil {
		t.Fatal("a refused patch created a folder")
	}
}

func TestPublishMinorServesTheNewVersion(t *testing.T) {
	t.Parallel()
	env, c, dir := trainerWorkspace(t)
	createDraft(t, c)
	path := "/workspace/ki-grundlagen/draft/lesson/chancen-und-grenzen"
	r := c.Get(path)
	form := url.Values{"hash": {formHash(t, r.Body)}, "title": {"Chancen und Grenzen"}, "duration_minutes": {"7"},
		"body": {"Mehr steht [hier](https://example.org).\n\n## Quellen\n"}, "op": {"save"}}
	if r = c.Post(path, form); r.Status != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", r.Status, r.Body)
	}
	r = c.Get("/workspace/ki-grundlagen/draft/publish")
	key := regexp.MustCompile(`name="ack" value="([^"]+)"`).FindStringSubmatch(r.Body)
	if key == nil || !strings.Contains(r.Body, "Linktext „hier“") {
		t.Fatalf("no accessibility finding:\n%s", r.Body)
	}
	publish := url.Values{"change": {"minor"}, "changelog": {"- Linktexte überarbeitet."}}
	if r = c.Post("/workspace/ki-grundlagen/draft/publish", publish); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "bestätigen Sie jeden einzeln") {
		t.Fatalf("unacknowledged finding: %d", r.Status)
	}
	publish.Set("ack", key[1])
	if r = c.Post("/workspace/ki-grundlagen/draft/publish", publish); r.Status != http.StatusSeeOther || r.Location() != "/workspace/ki-grundlagen/1.2.0" {
		t.Fatalf("publish: %d %s\n%s", r.Status, r.Location(), r.Body)
	}
	if _, err := os.Stat(filepath.Join(dir, "ki-grundlagen", "draft")); !os.IsNotExist(err) {
		t.Error("the draft folder is still there")
	}
	if v := env.Library.Catalog().Version("ki-grundlagen", "1.2.0"); v == nil {
		t.Fatal("the library does not serve 1.2.0")
	}
	if r = c.Get("/courses/ki-grundlagen/v/1.2.0/m/chancen-und-grenzen"); r.Status != http.StatusOK || !strings.Contains(r.Body, "Mehr steht") {
		t.Fatalf("learner page of 1.2.0: %d", r.Status)
	}
}

func TestPreviewShowsQuizWithAnswerKeyOnRequest(t *testing.T) {
	t.Parallel()
	_, c, _ := trainerWorkspace(t)
	r := c.Get("/workspace/ki-grundlagen/1.1.0/m/was-ist-ki")
	if r.Status != http.StatusOK || !strings.Contains(r.Body, "Quiz-Vorschau") || strings.Contains(r.Body, "(richtig)") {
		t.Fatalf("%d\n%s", r.Status, r.Body)
	}
	if r = c.Get("/workspace/ki-grundlagen/1.1.0/m/was-ist-ki?key=1"); !strings.Contains(r.Body, "(richtig)") {
		t.Fatal("answer key missing")
	}
}

func workspaceUpload(t *testing.T, c *webtest.Client, path, field, name string, data []byte, fields map[string]string) *webtest.Response {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fields["_csrf"] = c.CSRF
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	fw, _ := mw.CreateFormFile(field, name)
	fw.Write(data)
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.Do(req)
}

func TestImageUploadChecksContentAndAltText(t *testing.T) {
	t.Parallel()
	_, c, dir := trainerWorkspace(t)
	createDraft(t, c)
	path := "/workspace/ki-grundlagen/draft/lesson/chancen-und-grenzen"
	r := c.Get(path)
	hash := formHash(t, r.Body)
	r = workspaceUpload(t, c, path+"/image", "image", "bild.png", []byte("<svg onload=alert(1)>"), map[string]string{"hash": hash, "alt": "Bild"})
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "kein PNG-, JPEG-, WebP- oder GIF-Bild") {
		t.Fatalf("fake image: %d", r.Status)
	}
	png, _ := os.ReadFile(filepath.Join(dir, "ki-grundlagen", "1.1.0", "modules", "01-was-ist-ki", "media", "neuronales-netz.png"))
	r = workspaceUpload(t, c, path+"/image", "image", "netz.png", png, map[string]string{"hash": hash, "alt": ""})
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Alternativtext ein") {
		t.Fatalf("no alt: %d", r.Status)
	}
	r = workspaceUpload(t, c, path+"/image", "image", "netz.png", png, map[string]string{"hash": hash, "alt": "Schema eines Netzes"})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("upload: %d\n%s", r.Status, r.Body)
	}
	lesson, _ := os.ReadFile(filepath.Join(dir, "ki-grundlagen", "draft", "modules", "02-chancen-und-grenzen", "lesson.md"))
	if !strings.Contains(string(lesson), "![Schema eines Netzes](media/netz.png)") {
		t.Fatalf("lesson:\n%s", lesson)
	}
	if r = c.Get("/workspace/ki-grundlagen/draft/files/modules/02-chancen-und-grenzen/media/netz.png"); r.Status != http.StatusOK {
		t.Errorf("preview file: %d", r.Status)
	}
	if r = c.Get("/workspace/ki-grundlagen/draft/files/modules/..%2f..%2f1.1.0%2fcourse.yaml"); r.Status != http.StatusNotFound {
		t.Errorf("path traversal: %d", r.Status)
	}
}

func TestZipImportRefusesZipSlipAndKeepsTheDraft(t *testing.T) {
	t.Parallel()
	_, c, dir := trainerWorkspace(t)
	createDraft(t, c)
	c.Get("/workspace")
	var buf bytes.Buffer
	if err := newZip(&buf, map[string]string{"course.yaml": "id: ki-grundlagen\n", "../../evil.md": "x"}); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(dir, "ki-grundlagen", "draft", "course.yaml"))
	r := workspaceUpload(t, c, "/workspace/ki-grundlagen/import", "zip", "kurs.zip", buf.Bytes(), map[string]string{})
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "unsicheren Pfad") {
		t.Fatalf("zip slip: %d\n%s", r.Status, r.Body)
	}
	if after, _ := os.ReadFile(filepath.Join(dir, "ki-grundlagen", "draft", "course.yaml")); !bytes.Equal(before, after) {
		t.Fatal("draft changed")
	}
	// Export then import round-trips.
	r = c.Get("/workspace/ki-grundlagen/1.1.0/export")
	if r.Status != http.StatusOK || r.Header.Get("Content-Type") != "application/zip" {
		t.Fatalf("export: %d", r.Status)
	}
	c.Get("/workspace")
	if r = workspaceUpload(t, c, "/workspace/ki-grundlagen/import", "zip", "kurs.zip", []byte(r.Body), map[string]string{}); r.Status != http.StatusSeeOther {
		t.Fatalf("import: %d\n%s", r.Status, r.Body)
	}
}

func TestWorkspacePagesRender(t *testing.T) {
	t.Parallel()
	_, c, dir := trainerWorkspace(t)
	createDraft(t, c)
	for _, path := range []string{"/workspace/ki-grundlagen/draft", "/workspace/ki-grundlagen/1.0.0", "/workspace/ki-grundlagen/draft/manifest",
		"/workspace/ki-grundlagen/draft/quiz/was-ist-ki", "/workspace/ki-grundlagen/diff?from=1.0.0&to=1.1.0", "/workspace/ki-grundlagen/draft/publish",
		"/workspace/ki-grundlagen/draft/m/was-ist-ki?key=1"} {
		if r := c.Get(path); r.Status != http.StatusOK {
			t.Errorf("%s: %d\n%s", path, r.Status, r.Body)
		}
	}
	r := c.Get("/workspace/ki-grundlagen/draft/manifest")
	form := url.Values{"hash": {formHash(t, r.Body)}, "title": {"KI-Grundlagen neu"}, "summary": {"Kurz."}, "duration_minutes": {"40"},
		"level": {"L1"}, "competences": {"KA-GRUND", "KA-KRIT"}, "audiences": {"alle"}, "objectives": {"Ziel eins\nZiel zwei"},
		"legal_status_as_of": {"2026-11-01"}, "review_due": {"2026-01-01"}, "validity_months": {"24"}}
	if r = c.Post("/workspace/ki-grundlagen/draft/manifest", form); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, `id="f-review_due-error"`) {
		t.Fatalf("review before legal status: %d\n%s", r.Status, r.Body)
	}
	form.Set("review_due", "2027-05-01")
	if r = c.Post("/workspace/ki-grundlagen/draft/manifest", form); r.Status != http.StatusSeeOther {
		t.Fatalf("manifest: %d\n%s", r.Status, r.Body)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "ki-grundlagen", "draft", "course.yaml")); !strings.Contains(string(data), "title: KI-Grundlagen neu") || !strings.Contains(string(data), "  - Ziel zwei") {
		t.Errorf("course.yaml:\n%s", data)
	}
}
