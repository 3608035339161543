package browsertest

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/interchange"
	"github.com/ailit/ailit/internal/quiz"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/webtest"
)

const journeyMoodleXML = `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="truefalse">
    <name><text>Chatbots irren nie</text></name>
    <questiontext format="html"><text><![CDATA[<p>Chatbots <b>irren</b> nie.</p>]]></text></questiontext>
    <answer fraction="0"><text>true</text></answer>
    <answer fraction="100"><text>false</text></answer>
  </question>
  <question type="essay">
    <name><text>Freitext</text></name>
    <questiontext format="html"><text>Beschreiben Sie einen Einsatz.</text></questiontext>
  </question>
</quiz>`

// TestTrainerImportsMoodleQuestionsIntoADraftQuiz: the trainer opens the import from the quiz
// editor of a draft module, uploads a Moodle XML file with one convertible question and an essay,
// reads the per-question report and imports the convertible one. Every page state passes axe.
func TestTrainerImportsMoodleQuestionsIntoADraftQuiz(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(webtest.RepoRoot(t), "internal", "content", "testdata", "courses"))); err != nil {
		t.Fatal(err)
	}
	srv := Start(t, Options{CoursesDir: dir})
	srv.CreateUser(t, "tina@example.org", "tina-password-1", store.RoleTrainer)
	tab := srv.NewTab(t)
	Login(t, tab, "tina@example.org", "tina-password-1")
	Open(t, tab, "/workspace")
	ClickButton(t, tab, "Neuer Entwurf aus der letzten Version ("+oldVersion+")")
	Open(t, tab, "/workspace/"+workspaceCourse+"/draft/quiz/chancen-und-grenzen")
	ClickLink(t, tab, "Fragen aus Datei importieren (Moodle, GIFT, QTI)")
	AssertHeading(t, tab, "Fragen importieren: Chancen und Grenzen")
	AssertAccessible(t, tab, "quiz import form")

	ClickButton(t, tab, "Datei prüfen")
	AssertText(t, tab, "#f-format-error", "Bitte wählen Sie das Format der Datei.")
	AssertAccessible(t, tab, "quiz import form with errors")

	file := filepath.Join(t.TempDir(), "fragen.xml")
	if err := os.WriteFile(file, []byte(journeyMoodleXML), 0o600); err != nil {
		t.Fatal(err)
	}
	choose(t, tab, "format", "Moodle-XML")
	if err := chromedp.Do(tab, chromedp.SetUploadFiles(chromedp.CSS("#f-file"), []string{file})); err != nil {
		t.Fatal(err)
	}
	ClickButton(t, tab, "Datei prüfen")
	AssertText(t, tab, "main", "Übertragbare Fragen: 1 · nicht übertragbar: 1")
	AssertText(t, tab, ".kern-alert--warning", "(Freitext): eine Freitextfrage bewertet ein Mensch")
	AssertText(t, tab, "table", "chatbots-irren-nie")
	AssertAccessible(t, tab, "quiz import report")
	Screenshot(t, tab, "interchange-import-report")

	ClickButton(t, tab, "Nur die übertragbaren Fragen übernehmen (1)")
	AssertText(t, tab, "[role=status]", "übernommen: 1, nicht übernommen: 1.")
	data, err := os.ReadFile(filepath.Join(dir, workspaceCourse, "draft", "modules", "02-chancen-und-grenzen", "quiz.yaml"))
	if err != nil || !strings.Contains(string(data), "id: chatbots-irren-nie") || !strings.Contains(string(data), "Chatbots **irren** nie.") {
		t.Fatalf("the draft quiz.yaml after the import: %v\n%s", err, data)
	}
}

// scormAnswer is one form action of a learner in a SCO: tick a box, pick from a list, type.
type scormAnswer struct {
	Field string `json:"field"`
	Kind  string `json:"kind"` // check, select, selectText, type
	Value string `json:"value"`
}

// rightAnswers derives the right answers from the quiz definition (not from the package's keys),
// so the journey checks that the package grades like ailit.
func rightAnswers(d *quiz.Definition) []scormAnswer {
	var out []scormAnswer
	for _, q := range d.Questions {
		field := quiz.FieldName(q.ID)
		switch q.Type {
		case quiz.TypeSingle, quiz.TypeMultiple:
			for _, o := range q.Options {
				if o.Correct {
					out = append(out, scormAnswer{field, "check", o.ID})
				}
			}
		case quiz.TypeTrueFalse:
			v, _ := q.TrueFalseAnswer()
			out = append(out, scormAnswer{field, "check", strconv.FormatBool(v)})
		case quiz.TypeOrder:
			for i, it := range q.Items {
				out = append(out, scormAnswer{quiz.PartFieldName(q.ID, it.ID), "select", strconv.Itoa(i + 1)})
			}
		case quiz.TypeMatch:
			for _, p := range q.Pairs {
				out = append(out, scormAnswer{quiz.PartFieldName(q.ID, p.ID), "selectText", p.Answer})
			}
		case quiz.TypeNumeric:
			v, _ := q.NumericAnswer()
			out = append(out, scormAnswer{field, "type", strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1)})
		case quiz.TypeText:
			a := q.Accept[0]
			if !q.CaseSensitive {
				a = "  " + strings.ToUpper(a) + " "
			}
			out = append(out, scormAnswer{field, "type", a})
		}
	}
	return out
}

const answerInSCO = `((answers) => {
	const d = document.getElementById('sco').contentDocument;
	const norm = s => (s || '').replace(/\s+/g, ' ').trim();
	for (const a of answers) {
		const els = [...d.getElementsByName(a.field)];
		if (a.kind === 'check') { els.find(e => e.value === a.value).checked = true; }
		if (a.kind === 'select') { els[0].value = a.value; }
		if (a.kind === 'selectText') { els[0].value = [...els[0].options].find(o => norm(o.text) === norm(a.value)).value; }
		if (a.kind === 'type') { els[0].value = a.value; }
	}
	d.getElementById('ailit-quiz').requestSubmit();
	return d.getElementById('quiz-result').textContent;
})`

type lmsState struct {
	Calls     []string          `json:"calls"`
	Committed map[string]string `json:"committed"`
}

func lms(t *testing.T, tab context.Context) lmsState {
	t.Helper()
	s, err := chromedp.Run(tab, chromedp.Evaluate[lmsState](`({calls: window.lmsCalls, committed: window.lmsCommitted})`))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestExportedSCORMPackageReportsToTheLMS runs the SCORM 1.2 export of a course in Chromium inside
// a page that plays the LMS: a lesson module reports completed, a quiz answered right reports
// passed with score 100, a quiz answered wrong reports failed, a worse attempt after a pass keeps
// the pass; leaving the SCO calls LMSFinish. The
// SCO page itself passes axe and breaks no Content Security Policy.
func TestExportedSCORMPackageReportsToTheLMS(t *testing.T) {
	cat, _, err := content.Load(filepath.Join(webtest.RepoRoot(t), "internal", "content", "testdata", "courses"))
	if err != nil {
		t.Fatal(err)
	}
	v := cat.Version(workspaceCourse, oldVersion)
	pkg, err := interchange.ExportSCORM12(v)
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	unzip(t, pkg, root)
	for _, f := range []string{"harness.html", "lms.js"} {
		data, err := os.ReadFile(filepath.Join("testdata", "scorm-lms", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, f), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	ts := httptest.NewServer(http.FileServer(http.Dir(root)))
	t.Cleanup(ts.Close)
	tab := (&Server{URL: ts.URL}).NewTab(t)

	lesson := v.Module("chancen-und-grenzen")
	Open(t, tab, "/harness.html?sco="+lesson.Folder+".html")
	if s := lms(t, tab); s.Committed["cmi.core.lesson_status"] != "completed" || s.Calls[0] != "LMSInitialize" {
		t.Fatalf("a lesson SCO should report completed: %+v", s)
	}

	for _, m := range v.Modules {
		if m.Quiz == nil {
			continue
		}
		Open(t, tab, "/harness.html?sco="+m.Folder+".html")
		answers, _ := json.Marshal(rightAnswers(m.Quiz))
		result, err := chromedp.Run(tab, chromedp.Evaluate[string](answerInSCO+"("+string(answers)+")"))
		if err != nil {
			t.Fatal(err)
		}
		s := lms(t, tab)
		if !strings.Contains(result, "100 % – bestanden") || s.Committed["cmi.core.lesson_status"] != "passed" || s.Committed["cmi.core.score.raw"] != "100" {
			t.Errorf("%s answered right: result %q, LMS %+v", m.ID, result, s.Committed)
		}

		Open(t, tab, "/harness.html?sco="+m.Folder+".html")
		result, err = chromedp.Run(tab, chromedp.Evaluate[string](answerInSCO+"([])"))
		if err != nil {
			t.Fatal(err)
		}
		s = lms(t, tab)
		if !strings.Contains(result, "0 % – nicht bestanden") || s.Committed["cmi.core.lesson_status"] != "failed" || s.Committed["cmi.core.score.raw"] != "0" {
			t.Errorf("%s answered wrong: result %q, LMS %+v", m.ID, result, s.Committed)
		}
		// A learner who passed before and now does worse keeps the pass.
		Open(t, tab, "/harness.html?status=passed&score=100&sco="+m.Folder+".html")
		result, err = chromedp.Run(tab, chromedp.Evaluate[string](answerInSCO+"([])"))
		if err != nil {
			t.Fatal(err)
		}
		if s := lms(t, tab); !strings.Contains(result, "Gespeichert bleibt Ihr bestandenes Ergebnis: 100 %") || s.Committed != nil {
			t.Errorf("%s after a pass: result %q, the LMS got a commit that could lower the pass: %+v", m.ID, result, s.Committed)
		}
		if err := chromedp.Do(tab, chromedp.Evaluate[chromedp.Void](`document.getElementById('sco').src = 'about:blank'`)); err != nil {
			t.Fatal(err)
		}
		waitForCall(t, tab, "LMSFinish")
	}

	Open(t, tab, "/"+v.Modules[0].Folder+".html")
	AssertText(t, tab, "h1", v.Modules[0].Title)
	AssertAccessible(t, tab, "exported SCORM page with its quiz")
	Screenshot(t, tab, "interchange-scorm-page")
}

func waitForCall(t *testing.T, tab context.Context, call string) {
	t.Helper()
	for range 50 {
		s := lms(t, tab)
		for _, c := range s.Calls {
			if c == call {
				return
			}
		}
		if err := chromedp.Do(tab, chromedp.Sleep(100_000_000)); err != nil {
			t.Fatal(err)
		}
	}
	t.Fatalf("the SCO never called %s: %v", call, lms(t, tab).Calls)
}

func unzip(t *testing.T, data []byte, dir string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		target := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			t.Fatal(err)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		_, err = buf.ReadFrom(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(target, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}
