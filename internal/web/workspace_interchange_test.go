package web_test

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/interchange"
)

const pngBase64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="

const workspaceMoodleXML = `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="multichoice">
    <name><text>Importierte Definition</text></name>
    <questiontext format="html"><text><![CDATA[<p>Was leitet ein <b>KI-System</b> ab?<script>alert(1)</script> <img src="@@PLUGINFILE@@/netz.png" alt="Netz"></p>]]></text>
      <file name="netz.png" path="/" encoding="base64">` + pngBase64 + `</file></questiontext>
    <single>true</single>
    <answer fraction="100"><text>Ausgaben aus Eingaben</text></answer>
    <answer fraction="0"><text>Nur feste Regeln</text></answer>
  </question>
  <question type="essay">
    <name><text>Freitext</text></name>
    <questiontext format="html"><text>Beschreiben Sie …</text></questiontext>
  </question>
</quiz>`

var tokenField = regexp.MustCompile(`name="token" value="([0-9a-f]+)"`)

func TestTrainerImportsMoodleQuestionsIntoADraftModuleAfterSeeingTheReport(t *testing.T) {
	t.Parallel()
	_, c, dir := trainerWorkspace(t)
	createDraft(t, c)
	base := "/workspace/ki-grundlagen/draft/quiz/chancen-und-grenzen"
	if r := c.Get(base); !strings.Contains(r.Body, base+"/import") {
		t.Fatalf("the quiz editor has no import link:\n%s", r.Body)
	}
	r := c.Get(base + "/import")
	if r.Status != http.StatusOK || !strings.Contains(r.Body, `name="file"`) {
		t.Fatalf("import form: %d\n%s", r.Status, r.Body)
	}
	r = workspaceUpload(t, c, base+"/import", "file", "fragen.xml", []byte(workspaceMoodleXML), map[string]string{"format": "moodlexml"})
	if r.Status != http.StatusOK {
		t.Fatalf("upload: %d\n%s", r.Status, r.Body)
	}
	for _, want := range []string{"Übertragbare Fragen: 1 · nicht übertragbar: 1", "importierte-definition", "fragen.xml:11", "(Freitext): eine Freitextfrage bewertet ein Mensch", "Nur die übertragbaren Fragen übernehmen (1)"} {
		if !strings.Contains(r.Body, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	quizFile := filepath.Join(dir, "ki-grundlagen", "draft", "modules", "02-chancen-und-grenzen", "quiz.yaml")
	if _, err := os.Stat(quizFile); err == nil {
		t.Fatal("quiz.yaml was written before the trainer confirmed")
	}
	m := tokenField.FindStringSubmatch(r.Body)
	if m == nil {
		t.Fatal("no token in the confirm form")
	}
	r = c.Post(base+"/import/confirm", url.Values{"token": {m[1]}, "format": {"moodlexml"}, "filename": {"fragen.xml"}, "hash": {formHash(t, r.Body)}, "skip": {"1"}})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("confirm: %d\n%s", r.Status, r.Body)
	}
	data, err := os.ReadFile(quizFile)
	if err != nil {
		t.Fatal(err)
	}
	d, ps := content.ParseQuiz("quiz.yaml", data)
	if len(ps) > 0 || len(d.Questions) != 1 || d.Questions[0].ID != "importierte-definition" {
		t.Fatalf("written quiz: %v\n%s", ps, data)
	}
	if strings.Contains(string(data), "script") || !strings.Contains(d.Questions[0].Text, "![Netz](media/netz.png)") {
		t.Errorf("the text was not sanitized or lost its image: %q", d.Questions[0].Text)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(quizFile), "media", "netz.png")); err != nil {
		t.Errorf("the image was not carried along: %v", err)
	}
	if r := c.Get(base); !strings.Contains(r.Body, "übernommen: 1, nicht übernommen: 1") {
		t.Errorf("no confirmation message after the import")
	}
	// The staged upload is gone: confirming twice writes nothing more.
	r = c.Post(base+"/import/confirm", url.Values{"token": {m[1]}, "format": {"moodlexml"}, "filename": {"fragen.xml"}, "skip": {"1"}})
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "nicht mehr vorhanden") {
		t.Errorf("second confirm: %d", r.Status)
	}
}

func TestQuizImportOfMalformedXMLNamesTheLineAndWritesNothing(t *testing.T) {
	t.Parallel()
	_, c, _ := trainerWorkspace(t)
	createDraft(t, c)
	base := "/workspace/ki-grundlagen/draft/quiz/chancen-und-grenzen"
	c.Get(base + "/import")
	r := workspaceUpload(t, c, base+"/import", "file", "kaputt.xml", []byte("<quiz>\n<question>\n</quiz>"), map[string]string{"format": "moodlexml"})
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "kaputt.xml:3") {
		t.Fatalf("want 422 naming kaputt.xml:3, got %d\n%s", r.Status, r.Body)
	}
	r = workspaceUpload(t, c, base+"/import", "file", "x.xml", []byte("<quiz/>"), map[string]string{"format": ""})
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Bitte wählen Sie das Format der Datei.") {
		t.Fatalf("missing format: %d", r.Status)
	}
}

func TestVersionPageOffersSCORMAndQuizExportsThatOtherPlatformsRead(t *testing.T) {
	t.Parallel()
	_, c, _ := trainerWorkspace(t)
	page := c.Get("/workspace/ki-grundlagen/1.1.0")
	for _, want := range []string{"/workspace/ki-grundlagen/1.1.0/export/scorm12", "/workspace/ki-grundlagen/1.1.0/quiz/was-ist-ki/export/moodlexml", "/workspace/ki-grundlagen/1.1.0/quiz/was-ist-ki/export/qti"} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("the version page lacks the link %s", want)
		}
	}
	r := c.Get("/workspace/ki-grundlagen/1.1.0/export/scorm12")
	if r.Status != http.StatusOK || r.Header.Get("Content-Type") != "application/zip" {
		t.Fatalf("scorm export: %d %s", r.Status, r.Header.Get("Content-Type"))
	}
	if m, ps := interchange.ValidatePackageZip("export.zip", []byte(r.Body)); len(ps) > 0 || len(m.Launches()) != 3 {
		t.Fatalf("the exported package does not validate: %v", ps)
	}
	r = c.Get("/workspace/ki-grundlagen/1.1.0/quiz/was-ist-ki/export/moodlexml")
	imp, err := interchange.ImportMoodleXML("x.xml", []byte(r.Body))
	if r.Status != http.StatusOK || err != nil || len(imp.Converted) == 0 || len(imp.Skipped) > 0 {
		t.Fatalf("moodle export: %d %v %+v", r.Status, err, imp)
	}
	r = c.Get("/workspace/ki-grundlagen/1.1.0/quiz/was-ist-ki/export/qti")
	if imp, err := interchange.ImportQTI("x.zip", []byte(r.Body)); r.Status != http.StatusOK || err != nil || len(imp.Converted) == 0 {
		t.Fatalf("qti export: %d %v", r.Status, err)
	}
	if r := c.Get("/workspace/ki-grundlagen/1.1.0/quiz/was-ist-ki/export/pdf"); r.Status != http.StatusNotFound {
		t.Errorf("unknown format: %d", r.Status)
	}
}

func TestQuizImportWithAQuestionIDOfAnotherModuleIsRefusedWithTheValidatorsMessage(t *testing.T) {
	t.Parallel()
	_, c, dir := trainerWorkspace(t)
	createDraft(t, c)
	base := "/workspace/ki-grundlagen/draft/quiz/chancen-und-grenzen"
	xml := `<quiz><question type="truefalse"><name><text>x</text></name><idnumber>` + existingQuestionID + `</idnumber>
<questiontext format="html"><text>Chatbots irren nie.</text></questiontext>
<answer fraction="0"><text>true</text></answer><answer fraction="100"><text>false</text></answer></question></quiz>`
	c.Get(base + "/import")
	r := workspaceUpload(t, c, base+"/import", "file", "f.xml", []byte(xml), map[string]string{"format": "moodlexml"})
	m := tokenField.FindStringSubmatch(r.Body)
	if m == nil {
		t.Fatalf("no confirm form:\n%s", r.Body)
	}
	r = c.Post(base+"/import/confirm", url.Values{"token": {m[1]}, "format": {"moodlexml"}, "filename": {"f.xml"}, "hash": {formHash(t, r.Body)}})
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Nichts wurde gespeichert") || !strings.Contains(r.Body, "already used in module") {
		t.Fatalf("want 422 with the validator's message, got %d\n%s", r.Status, r.Body)
	}
	if _, err := os.Stat(filepath.Join(dir, "ki-grundlagen", "draft", "modules", "02-chancen-und-grenzen", "quiz.yaml")); err == nil {
		t.Fatal("quiz.yaml was written although the draft would not validate")
	}
}

const existingQuestionID = "definition-ki" // a question of module was-ist-ki in the test course

func TestQuizImportIntoAModuleWithAQuizAppendsAndKeepsItsSettings(t *testing.T) {
	t.Parallel()
	_, c, dir := trainerWorkspace(t)
	createDraft(t, c)
	quizFile := filepath.Join(dir, "ki-grundlagen", "draft", "modules", "01-was-ist-ki", "quiz.yaml")
	before, err := os.ReadFile(quizFile)
	if err != nil {
		t.Fatal(err)
	}
	old, _ := content.ParseQuiz("quiz.yaml", before)
	base := "/workspace/ki-grundlagen/draft/quiz/was-ist-ki"
	c.Get(base + "/import")
	gift := "::Definition KI::Leitet ein KI-System aus Eingaben ab, wie es Ausgaben erzeugt? {T}\n"
	r := workspaceUpload(t, c, base+"/import", "file", "f.gift", []byte(gift), map[string]string{"format": "gift"})
	if !strings.Contains(r.Body, "Behalten, importierte Fragen hinten anhängen") {
		t.Fatalf("no choice between appending and replacing:\n%s", r.Body)
	}
	m := tokenField.FindStringSubmatch(r.Body)
	r = c.Post(base+"/import/confirm", url.Values{"token": {m[1]}, "format": {"gift"}, "filename": {"f.gift"}, "hash": {formHash(t, r.Body)}, "mode": {"append"}})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("confirm: %d\n%s", r.Status, r.Body)
	}
	after, _ := os.ReadFile(quizFile)
	d, ps := content.ParseQuiz("quiz.yaml", after)
	if len(ps) > 0 || len(d.Questions) != len(old.Questions)+1 || d.PassPercent != old.PassPercent || d.Attempts != old.Attempts {
		t.Fatalf("after appending: %v, %d questions (had %d), pass %d (had %d)", ps, len(d.Questions), len(old.Questions), d.PassPercent, old.PassPercent)
	}
	if last := d.Questions[len(d.Questions)-1]; last.ID != "definition-ki-2" || last.Type != "truefalse" {
		t.Errorf("the appended question: %+v", last)
	}
}
