package browsertest

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/ailit/ailit/internal/store"
)

// Scoped finders for long forms such as the quiz editor, where every question has a "Fragetext":
// the field is found by the legends of the fieldsets around it (each a prefix of the legend's
// visible text, outermost first) and then by its label, as a sighted user reads the form.
const jsInGroups = `((legends, text) => { ` + jsNorm + `
	let scopes = [document];
	for (const lg of legends) {
		const next = [];
		for (const s of scopes) for (const fs of s.querySelectorAll('fieldset')) {
			const l = fs.querySelector(':scope > legend');
			if (l && norm(l.innerText).startsWith(lg) && !next.includes(fs)) next.push(fs);
		}
		scopes = next;
	}
	const out = [];
	for (const s of scopes) for (const l of s.querySelectorAll('label')) {
		const c = l.cloneNode(true); c.querySelectorAll('.kern-hint, .kern-label__optional').forEach(e => e.remove());
		if (l.control && norm(c.textContent) === text && !out.includes(l.control)) out.push(l.control);
	}
	return out; })`

// jsInRegion finds the links and buttons whose visible text (without text that is there for screen
// readers only) is text, inside the regions matching sel whose first heading cell or heading starts
// with title ("" for the whole page): "Medien" in the module "Datenschutz im Alltag".
const jsInRegion = `((sel, title, text) => { ` + jsNorm + `
	const seen = e => { const c = e.cloneNode(true); c.querySelectorAll('.visually-hidden').forEach(h => h.remove()); return norm(c.textContent); };
	const regions = sel === '' ? [document] : [...document.querySelectorAll(sel)].filter(r => {
		const h = r.querySelector('h1, h2, h3, th'); return h && norm(h.innerText).startsWith(title); });
	const out = [];
	for (const r of regions) for (const e of r.querySelectorAll('a[href], button')) if (shown(e) && seen(e) === text && !out.includes(e)) out.push(e);
	return out; })`

// clickIn clicks the link or button with the visible text inside a region (see jsInRegion) and
// waits for the page it loads.
func clickIn(t *testing.T, tab context.Context, sel, title, text string) int {
	t.Helper()
	el := find(t, tab, call(jsInRegion, sel, title, text), fmt.Sprintf("%q in %s %q", text, sel, title))
	return load(t, tab, "clicking "+text, chromedp.Click(el, chromedp.NodeVisible))
}

// inModule clicks an action of a module on the "Module verwalten" page.
func inModule(t *testing.T, tab context.Context, module, text string) int {
	t.Helper()
	return clickIn(t, tab, ".workspace-module", module, text)
}

// fillIn types value into the field labelled label inside the fieldsets with the given legends.
func fillIn(t *testing.T, tab context.Context, legends []string, label, value string) {
	t.Helper()
	field := find(t, tab, call(jsInGroups, legends, label), fmt.Sprintf("field %q in %q", label, legends))
	// Empty the field by script (Clear fails on an empty textarea), then type the keys.
	if _, err := chromedp.Run(tab, chromedp.Evaluate[string](`((e) => { e.value = ''; return ''; })(`+string(field)+`)`)); err != nil {
		t.Fatalf("emptying %q in %q: %v", label, legends, err)
	}
	if err := chromedp.Do(tab, chromedp.SendKeys(field, value)); err != nil {
		t.Fatalf("typing into %q in %q: %v", label, legends, err)
	}
}

// checkIn ticks the checkbox labelled label inside the fieldsets with the given legends.
func checkIn(t *testing.T, tab context.Context, legends []string, label string) {
	t.Helper()
	box := find(t, tab, call(jsInGroups, legends, label), fmt.Sprintf("checkbox %q in %q", label, legends))
	if err := chromedp.Do(tab, chromedp.Click(box, chromedp.NodeVisible)); err != nil {
		t.Fatalf("clicking %q in %q: %v", label, legends, err)
	}
	if on, err := chromedp.Run(tab, chromedp.Evaluate[bool](string(box)+".checked")); err != nil || !on {
		t.Fatalf("clicking %q in %q did not tick it (%v)", label, legends, err)
	}
}

// upload chooses a file for the file field labelled label.
func upload(t *testing.T, tab context.Context, label, file string) {
	t.Helper()
	field := find(t, tab, call(jsByLabel, label), fmt.Sprintf("file field labelled %q", label))
	if err := chromedp.Do(tab, chromedp.SetUploadFiles(field, []string{file})); err != nil {
		t.Fatalf("choosing %s for %q: %v", file, label, err)
	}
}

// instantScrolling turns off KERN's smooth scrolling in a tab. Clicks go to coordinates: on a
// long form (the quiz editor) a smooth scroll still moving the page after chromedp scrolled the
// button into view makes the click miss. Setting a style property from script is not inline
// style in the sense of the CSP, and users are not affected.
func instantScrolling(t *testing.T, tab context.Context) {
	t.Helper()
	js := `document.addEventListener('DOMContentLoaded', () => { document.documentElement.style.scrollBehavior = 'auto'; });`
	if _, err := chromedp.Call(tab, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: js}); err != nil {
		t.Fatalf("turning off smooth scrolling: %v", err)
	}
}

// pngFile writes a small PNG image and returns its path.
func pngFile(t *testing.T, name string, c color.Color) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	for x := range 8 {
		img.Set(x, x, c)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

const (
	authoredCourse = "datenschutz-ki"
	secondModule   = "Datenschutz im Alltag"
	renamedModule  = "Datenschutz im Arbeitsalltag"
)

// TestTrainerAuthorsANewCourseInTheBrowserAndPublishesAPatch is the journey of issue 18: a
// trainer starts a new course, adds a module, uploads images, writes the lesson, builds a quiz
// with one question of each type, reorders the modules, previews and publishes 1.0.0; a learner
// takes the course; the trainer renames a module, deletes the unused image and publishes 1.0.1
// as a patch. Only visible labels are used, and axe checks every workspace page.
func TestTrainerAuthorsANewCourseInTheBrowserAndPublishesAPatch(t *testing.T) {
	srv := Start(t, Options{CoursesDir: t.TempDir()})
	srv.CreateUser(t, "tina@example.org", "tina-password-1", store.RoleTrainer)
	srv.CreateUser(t, "lea@example.org", "lea-password-1", store.RoleLearner)
	tab := srv.NewTab(t)
	instantScrolling(t, tab)
	Login(t, tab, "tina@example.org", "tina-password-1")

	// "Neuer Kurs": a wrong id first, then the right one.
	ClickLink(t, tab, "Werkstatt")
	ClickLink(t, tab, "Neuer Kurs")
	AssertAccessible(t, tab, "new course form")
	Fill(t, tab, "Kurskennung", "Datenschutz KI")
	Fill(t, tab, "Titel", "Datenschutz und KI")
	Check(t, tab, "alle")
	Check(t, tab, "KA-SICHER")
	ClickButton(t, tab, "Kurs anlegen")
	AssertText(t, tab, ".kern-error", "Die Kennung darf nur Kleinbuchstaben")
	AssertAccessible(t, tab, "new course form with an error")
	Fill(t, tab, "Kurskennung", authoredCourse)
	ClickButton(t, tab, "Kurs anlegen")
	AssertText(t, tab, "[role=status]", "Kurs angelegt")
	AssertHeading(t, tab, "Datenschutz und KI")
	AssertAccessible(t, tab, "draft of the new course")

	// A second module.
	ClickLink(t, tab, "Module verwalten")
	AssertAccessible(t, tab, "modules page")
	Fill(t, tab, "Titel des neuen Moduls", secondModule)
	ClickButton(t, tab, "Modul hinzufügen")
	AssertText(t, tab, "[role=status]", "Modul hinzugefügt")
	AssertText(t, tab, ".workspace-module h2", "02-datenschutz-im-alltag")

	// Two images with alt texts; the lesson will use only the first.
	inModule(t, tab, secondModule, "Medien")
	AssertAccessible(t, tab, "media page, empty")
	upload(t, tab, "Datei", pngFile(t, "Schema.png", color.Black))
	ClickButton(t, tab, "Hochladen")
	AssertText(t, tab, ".kern-error", "Alternativtext")
	AssertAccessible(t, tab, "media page with a missing alt text")
	upload(t, tab, "Datei", pngFile(t, "Schema.png", color.Black))
	Fill(t, tab, "Alternativtext", "Schema: Daten fließen vom Antrag über das KI-System zur Sachbearbeitung")
	ClickButton(t, tab, "Hochladen")
	AssertText(t, tab, "[role=status]", "Datei hochgeladen")
	upload(t, tab, "Datei", pngFile(t, "Entwurf.png", color.White))
	Fill(t, tab, "Alternativtext", "Ein verworfener Entwurf des Schemas")
	ClickButton(t, tab, "Hochladen")
	AssertText(t, tab, "table", "entwurf.png")
	AssertText(t, tab, "table", "modules/02-datenschutz-im-alltag/lesson.md:")
	AssertAccessible(t, tab, "media page with two images")

	// The lesson, with autosave.
	Open(t, tab, "/workspace/"+authoredCourse+"/draft/modules")
	inModule(t, tab, secondModule, "Lektion bearbeiten")
	Fill(t, tab, "Text der Lektion (Markdown)", "Personenbezogene Daten dürfen nur für einen festgelegten Zweck verarbeitet werden.\n\n"+
		"![Schema: Daten fließen vom Antrag über das KI-System zur Sachbearbeitung](media/schema.png)\n\n"+
		"## Quellen\n\n1. [Datenschutz-Grundverordnung, Art. 5](https://eur-lex.europa.eu/eli/reg/2016/679/oj)\n")
	if got := waitForAutosave(t, tab); got != "saved" {
		t.Fatalf("autosave: %s", got)
	}
	AssertText(t, tab, "#autosave-status", "Gespeichert")
	AssertAccessible(t, tab, "lesson editor after autosave")
	// A reference to a missing image is not saved; the problem is shown under the editor.
	fillIn(t, tab, []string{}, "Text der Lektion (Markdown)", "Kurz.\n\n![Fehlt](media/fehlt.png)\n")
	if got := waitForAutosave(t, tab); got != "invalid" {
		t.Fatalf("autosave of a broken lesson: %s", got)
	}
	AssertText(t, tab, "#autosave-problems", "modules/02-datenschutz-im-alltag/lesson.md, Zeile")
	AssertAccessible(t, tab, "lesson editor with a validator problem")
	Open(t, tab, Path(t, tab)) // what autosave wrote last is what the editor shows after a reload
	if body, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.getElementById("f-body").value`)); err != nil || !strings.Contains(body, "festgelegten Zweck") {
		t.Fatalf("lesson after reload: %q %v", body, err)
	}

	// A quiz with one question of each type, no YAML.
	Open(t, tab, "/workspace/"+authoredCourse+"/draft/modules")
	inModule(t, tab, secondModule, "Quiz hinzufügen")
	AssertHeading(t, tab, "Quiz bearbeiten")
	buildQuizOfEveryType(t, tab)
	ClickButton(t, tab, "Speichern")
	AssertText(t, tab, "[role=status]", "Gespeichert")
	AssertAccessible(t, tab, "quiz editor with seven questions")

	// The new module goes first.
	Open(t, tab, "/workspace/"+authoredCourse+"/draft/modules")
	inModule(t, tab, secondModule, "Nach oben")
	AssertText(t, tab, "[role=status]", "Reihenfolge geändert")
	if got := Texts(t, tab, ".workspace-module h2"); len(got) != 2 || !strings.Contains(got[0], "01-datenschutz-im-alltag") || !strings.Contains(got[1], "02-einfuehrung") {
		t.Fatalf("module order after moving: %q", got)
	}
	AssertAccessible(t, tab, "modules page after reordering")

	// Preview and publish 1.0.0.
	Open(t, tab, "/workspace/"+authoredCourse+"/draft")
	clickIn(t, tab, "tr", secondModule, "Vorschau")
	AssertVisible(t, tab, `img[alt^="Schema: Daten fließen"]`)
	AssertAccessible(t, tab, "preview")
	publish(t, tab, "", "- Erste Fassung mit zwei Modulen.", "1.0.0")

	// A learner takes the course.
	learnerTakesTheCourse(t, srv)

	// Patch: a new title for the module and the unused image deleted.
	Open(t, tab, "/workspace")
	ClickButton(t, tab, "Neuer Entwurf aus der letzten Version (1.0.0)")
	ClickLink(t, tab, "Module verwalten")
	Fill(t, tab, "Titel von Modul 1", renamedModule)
	inModule(t, tab, secondModule, "Titel speichern")
	AssertText(t, tab, "[role=status]", "Titel gespeichert")
	AssertText(t, tab, ".workspace-module h2", renamedModule)
	inModule(t, tab, renamedModule, "Medien")
	clickIn(t, tab, "tr", "schema.png", "Löschen")
	AssertText(t, tab, ".kern-error", "Die Datei wird noch verwendet (modules/01-datenschutz-im-alltag/lesson.md:")
	AssertAccessible(t, tab, "media page with a refused delete")
	clickIn(t, tab, "tr", "entwurf.png", "Löschen")
	AssertText(t, tab, "[role=status]", "Datei gelöscht")
	assertNotInText(t, tab, "table", "entwurf.png")
	publish(t, tab, "Korrektur (patch) → 1.0.1", "- Titel von Modul 1 präzisiert, ungenutztes Bild entfernt.", "1.0.1")

	v := srv.Library.Catalog().Version(authoredCourse, "1.0.1")
	if v == nil || v.Modules[0].Title != renamedModule || v.Modules[0].ID != "datenschutz-im-alltag" || v.Modules[0].Quiz == nil || len(v.Modules[0].Quiz.Questions) != 7 {
		t.Fatalf("1.0.1 as served: %+v", v)
	}
	if _, err := os.Stat(filepath.Join(v.Dir, "modules", "01-datenschutz-im-alltag", "media", "entwurf.png")); !os.IsNotExist(err) {
		t.Error("the deleted image is in 1.0.1")
	}
}

// waitForAutosave waits until the lesson editor's autosave has answered and returns its state:
// "saved", "invalid", "conflict" or "error".
func waitForAutosave(t *testing.T, tab context.Context) string {
	t.Helper()
	js := `new Promise(r => { const s = document.getElementById('autosave-status'); const check = () => {
		const state = s.getAttribute('data-state');
		if (state && state !== 'pending' && state !== 'saving') return r(state);
		setTimeout(check, 100); }; check(); })`
	got, err := chromedp.Run(tab, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("waiting for the autosave: %v", err)
	}
	return got
}

// buildQuizOfEveryType adds a question of every other type to the example question, filling the
// fields each type has.
func buildQuizOfEveryType(t *testing.T, tab context.Context) {
	t.Helper()
	q := func(n int) []string { return []string{fmt.Sprintf("Frage %d ", n)} }
	in := func(n int, part string) []string { return []string{fmt.Sprintf("Frage %d ", n), part} }
	// At the top of the form, before it grows: the learner gets the questions in this order.
	Uncheck(t, tab, "Fragen und Antworten mischen")

	clickIn(t, tab, "", "", "Mehrfachauswahl")
	fillIn(t, tab, q(2), "Fragetext", "Welche Angaben sind personenbezogen?")
	fillIn(t, tab, in(2, "Antwort 1"), "Antworttext", "Name")
	checkIn(t, tab, in(2, "Antwort 1"), "Diese Antwort ist richtig")
	fillIn(t, tab, in(2, "Antwort 2"), "Antworttext", "Die Wettervorhersage")

	clickIn(t, tab, "", "", "Wahr/falsch")
	fillIn(t, tab, q(3), "Fragetext", "Auch ein KI-System muss die DSGVO einhalten.")

	clickIn(t, tab, "", "", "Reihenfolge")
	fillIn(t, tab, q(4), "Fragetext", "Bringen Sie die Schritte in die richtige Reihenfolge.")
	fillIn(t, tab, in(4, "Schritt 1"), "Text des Schritts", "Zweck festlegen")
	fillIn(t, tab, in(4, "Schritt 2"), "Text des Schritts", "Daten erheben")

	clickIn(t, tab, "", "", "Zuordnung")
	fillIn(t, tab, q(5), "Fragetext", "Ordnen Sie die Regeln zu.")
	fillIn(t, tab, in(5, "Paar 1"), "Begriff", "DSGVO")
	fillIn(t, tab, in(5, "Paar 1"), "Passende Antwort", "Datenschutz")
	fillIn(t, tab, in(5, "Paar 2"), "Begriff", "KI-Verordnung")
	fillIn(t, tab, in(5, "Paar 2"), "Passende Antwort", "Regeln für KI-Systeme")

	clickIn(t, tab, "", "", "Zahl")
	fillIn(t, tab, q(6), "Fragetext", "Binnen wie vieler Stunden ist eine Datenpanne zu melden?")
	fillIn(t, tab, q(6), "Richtige Zahl", "72")
	fillIn(t, tab, q(6), "Einheit", "Stunden")

	clickIn(t, tab, "", "", "Freitext")
	fillIn(t, tab, q(7), "Fragetext", "Wie heißt die Datenschutz-Grundverordnung abgekürzt?")
	fillIn(t, tab, q(7), "Richtige Antworten", "DSGVO")
}

// publish opens the publish page, picks the change kind (none for a first release), writes the
// CHANGELOG entry and publishes.
func publish(t *testing.T, tab context.Context, change, changelog, version string) {
	t.Helper()
	Open(t, tab, "/workspace/"+authoredCourse+"/draft")
	ClickLink(t, tab, "Entwurf veröffentlichen")
	if change != "" {
		Check(t, tab, change)
	}
	// Fill clears the field first, which chromedp cannot do on an empty textarea: type directly.
	if err := chromedp.Do(tab, chromedp.SendKeys(chromedp.JSPath(`document.getElementById("f-changelog")`), changelog)); err != nil {
		t.Fatal(err)
	}
	AssertAccessible(t, tab, "publish form for "+version)
	ClickButton(t, tab, "Als neue Version veröffentlichen")
	AssertText(t, tab, "[role=status]", "Version "+version+" ist veröffentlicht.")
}

// learnerTakesTheCourse: Lea enrolls in 1.0.0, reads the lesson with the image and takes the quiz.
func learnerTakesTheCourse(t *testing.T, srv *Server) {
	t.Helper()
	tab := srv.NewTab(t)
	Login(t, tab, "lea@example.org", "lea-password-1")
	Open(t, tab, "/courses/"+authoredCourse)
	ClickButton(t, tab, "Kurs beginnen")
	AssertText(t, tab, "[role=status]", "Sie sind in den Kurs")
	ClickLink(t, tab, secondModule)
	AssertVisible(t, tab, `.lesson__body img[alt^="Schema: Daten fließen"]`)
	Open(t, tab, "/courses/"+authoredCourse+"/v/1.0.0/m/datenschutz-im-alltag/quiz")
	ClickButton(t, tab, "Quiz starten")
	AssertText(t, tab, "legend", "Frage 1 von 7:")
	Check(t, tab, "Künstliche Intelligenz")
	ClickButton(t, tab, "Abgeben")
	ClickButton(t, tab, "Endgültig abgeben")
	AssertHeading(t, tab, "Ergebnis")
}
