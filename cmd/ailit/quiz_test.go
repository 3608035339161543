package main

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/content"
)

const cliGIFT = `::Definition::Was leitet ein KI-System ab? {=Ausgaben aus Eingaben ~Nur feste Regeln}

::Irrtum::Chatbots irren nie. {F}

::Aufsatz::Beschreiben Sie einen Einsatz. {}
`

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestQuizImportWithUnsupportedQuestionsWritesNothingAndExitsNonZero(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "fragen.gift", cliGIFT)
	out := filepath.Join(dir, "quiz.yaml")
	code, stdout, stderr := runCLI(t, "quiz", "import", "--format", "gift", in, "--out", out)
	if code != 1 || !strings.Contains(stdout, "NOT converted") || !strings.Contains(stdout, "(Aufsatz): an essay") || !strings.Contains(stderr, "--skip-unsupported") {
		t.Fatalf("exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("quiz.yaml was written although questions were not converted")
	}
}

func TestQuizImportWithSkipUnsupportedWritesAValidQuiz(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "fragen.gift", cliGIFT)
	out := filepath.Join(dir, "quiz.yaml")
	code, stdout, stderr := runCLI(t, "quiz", "import", "--format", "gift", in, "--out", out, "--skip-unsupported")
	if code != 0 || !strings.Contains(stdout, "2 questions converted, 1 not converted") || !strings.Contains(stdout, "Skipped: 1") {
		t.Fatalf("exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	d, ps := content.ParseQuiz("quiz.yaml", data)
	if len(ps) > 0 || len(d.Questions) != 2 || d.Questions[1].ID != "irrtum" {
		t.Fatalf("written quiz: %v %+v", ps, d)
	}
	code, _, stderr = runCLI(t, "quiz", "import", "--format", "gift", in, "--out", out, "--skip-unsupported")
	if code == 0 || !strings.Contains(stderr, "exists already") {
		t.Fatalf("a second import must not overwrite quiz.yaml silently: exit %d %s", code, stderr)
	}
}

func TestQuizExportToMoodleXMLCanBeImportedAgain(t *testing.T) {
	dir := t.TempDir()
	xmlFile := filepath.Join(dir, "fragen.xml")
	code, stdout, stderr := runCLI(t, "quiz", "export", "--format", "moodlexml", "--courses", "../../courses", "ki-grundlagen", "1.1.0", "was-ist-ki", "--out", xmlFile)
	if code != 0 || !strings.Contains(stdout, "Wrote") {
		t.Fatalf("export: exit %d\n%s\n%s", code, stdout, stderr)
	}
	out := filepath.Join(dir, "quiz.yaml")
	code, stdout, stderr = runCLI(t, "quiz", "import", "--format", "moodlexml", xmlFile, "--out", out)
	if code != 0 || !strings.Contains(stdout, "0 not converted") {
		t.Fatalf("import: exit %d\n%s\n%s", code, stdout, stderr)
	}
}

func TestQuizExportOfAnUnknownModuleSaysWhich(t *testing.T) {
	code, _, stderr := runCLI(t, "quiz", "export", "--format", "qti", "--courses", "../../courses", "ki-grundlagen", "1.1.0", "gibt-es-nicht", "--out", filepath.Join(t.TempDir(), "x.zip"))
	if code == 0 || !strings.Contains(stderr, `no module "gibt-es-nicht"`) {
		t.Fatalf("exit %d %s", code, stderr)
	}
}

func TestCoursesExportWritesAValidSCORMPackage(t *testing.T) {
	out := filepath.Join(t.TempDir(), "kurs.zip")
	code, stdout, stderr := runCLI(t, "courses", "export", "--format", "scorm12", "--courses", "../../courses", "ki-grundlagen", "1.1.0", "--out", out)
	if code != 0 || !strings.Contains(stdout, "passed the package validator") {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, f := range zr.File {
		names[f.Name] = true
	}
	for _, want := range []string{"imsmanifest.xml", "ailit-scorm.js", "01-was-ist-ki.html", "quiz-was-ist-ki.js"} {
		if !names[want] {
			t.Errorf("the package lacks %s", want)
		}
	}
}
