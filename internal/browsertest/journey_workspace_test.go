package browsertest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/webtest"
)

// TestTrainerEditsADraftAndPublishesIt walks the trainer workspace: new draft, lesson edit with
// server preview, question edit, preview with answer key, diff, publish as minor; axe on each page.
func TestTrainerEditsADraftAndPublishesIt(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(webtest.RepoRoot(t), "internal", "content", "testdata", "courses"))); err != nil {
		t.Fatal(err)
	}
	srv := Start(t, Options{CoursesDir: dir})
	srv.CreateUser(t, "tina@example.org", "tina-password-1", store.RoleTrainer)
	tab := srv.NewTab(t)
	Login(t, tab, "tina@example.org", "tina-password-1")

	ClickLink(t, tab, "Werkstatt")
	AssertHeading(t, tab, "Werkstatt für Kursinhalte")
	AssertAccessible(t, tab, "workspace")
	ClickButton(t, tab, "Neuer Entwurf aus der letzten Version (1.1.0)")
	AssertText(t, tab, "[role=status]", "Entwurf aus Version 1.1.0 angelegt")
	AssertAccessible(t, tab, "draft overview")

	Open(t, tab, "/workspace/ki-grundlagen/draft/lesson/chancen-und-grenzen")
	Fill(t, tab, "Text der Lektion (Markdown)", "Ein **neuer** Absatz über Chancen.\n\n## Quellen\n\n1. KI-VO, https://eur-lex.europa.eu/eli/reg/2024/1689/oj\n")
	ClickButton(t, tab, "Vorschau")
	AssertText(t, tab, "#lesson-preview", "Ein neuer Absatz über Chancen.")
	AssertAccessible(t, tab, "lesson editor with preview")
	ClickButton(t, tab, "Speichern")
	AssertText(t, tab, "[role=status]", "Gespeichert")

	Open(t, tab, "/workspace/ki-grundlagen/draft/quiz/ki-im-buergerbuero")
	Fill(t, tab, "Fragetext", "Müssen Menschen erfahren, dass sie mit einem Chatbot sprechen?")
	ClickButton(t, tab, "Speichern")
	AssertText(t, tab, "[role=status]", "Gespeichert")
	AssertAccessible(t, tab, "quiz editor")

	Open(t, tab, "/workspace/ki-grundlagen/draft/m/ki-im-buergerbuero?key=1")
	AssertText(t, tab, ".workspace-key", "Lösung")
	AssertAccessible(t, tab, "preview with answer key")

	Open(t, tab, "/workspace/ki-grundlagen/diff?from=1.1.0&to=draft")
	AssertText(t, tab, "dl", "chatbot-kennzeichnen")
	AssertAccessible(t, tab, "diff")

	Open(t, tab, "/workspace/ki-grundlagen/draft/publish")
	Check(t, tab, "Ergänzung (minor) → 1.2.0")
	// Fill clears the field first, which chromedp cannot do on an empty textarea: type directly.
	changelog := chromedp.JSPath(`document.getElementById("f-changelog")`)
	if err := chromedp.Do(tab, chromedp.SendKeys(changelog, "- Frage zur Kennzeichnung klarer gestellt.")); err != nil {
		t.Fatal(err)
	}
	AssertAccessible(t, tab, "publish form")
	ClickButton(t, tab, "Als neue Version veröffentlichen")
	AssertText(t, tab, "[role=status]", "Version 1.2.0 ist veröffentlicht.")
	if srv.Library.Catalog().Version("ki-grundlagen", "1.2.0") == nil {
		t.Fatal("1.2.0 is not served")
	}
}
