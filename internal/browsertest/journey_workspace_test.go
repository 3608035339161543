package browsertest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/webtest"
)

const (
	workspaceCourse = "ki-grundlagen"
	oldVersion      = "1.1.0" // the newest version of the test course
	newVersion      = "1.2.0" // what the trainer publishes as a minor release
	oldLessonText   = "KI kann Routinearbeit erleichtern"
	newLessonText   = "Ein neuer Absatz über Chancen."
)

// TestWorkspaceMinorReleaseKeepsEnrolledLearnersOnTheirVersion is the journey of issue 8: learner
// Lea enrolls on the current version and reads a lesson; the trainer makes a draft, edits a lesson
// and a question, previews, sees the diff and publishes it as a minor release. Lea stays on her
// version with her progress and is offered the switch; Ben, who enrolls afterwards, learns the
// new version with the edited lesson. Every page state passes axe.
func TestWorkspaceMinorReleaseKeepsEnrolledLearnersOnTheirVersion(t *testing.T) {
	dir := t.TempDir() // publishing writes a version folder: work on a copy of the test course
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(webtest.RepoRoot(t), "internal", "content", "testdata", "courses"))); err != nil {
		t.Fatal(err)
	}
	srv := Start(t, Options{CoursesDir: dir})
	srv.CreateUser(t, "tina@example.org", "tina-password-1", store.RoleTrainer)
	lea := srv.CreateUser(t, "lea@example.org", "lea-password-1", store.RoleLearner)
	ben := srv.CreateUser(t, "ben@example.org", "ben-password-1", store.RoleLearner)

	leaTab := srv.NewTab(t)
	Login(t, leaTab, "lea@example.org", "lea-password-1")
	enroll(t, leaTab, oldVersion)
	ClickLink(t, leaTab, "Weiterlernen")
	AssertAccessible(t, leaTab, "first lesson, old version")
	ClickButton(t, leaTab, "Als gelesen markieren und weiter")
	Open(t, leaTab, "/courses/"+workspaceCourse)
	leaProgress := Texts(t, leaTab, ".learn-progress")

	trainerEditsDraftAndPublishesMinor(t, srv)

	// Lea keeps her version and her progress, and is offered the new one.
	Open(t, leaTab, "/courses/"+workspaceCourse)
	AssertText(t, leaTab, ".course-facts", oldVersion)
	AssertText(t, leaTab, ".kern-alert", "Es gibt eine neuere Version ("+newVersion+")")
	AssertText(t, leaTab, ".learn-switch", "Version "+newVersion+" ist erschienen. Sie können wechseln")
	AssertVisible(t, leaTab, `.learn-switch button`)
	AssertText(t, leaTab, ".learn-switch button", "Zu Version "+newVersion+" wechseln")
	if got := Texts(t, leaTab, ".learn-progress"); len(got) != 1 || len(leaProgress) != 1 || got[0] != leaProgress[0] {
		t.Errorf("Lea's progress after the release: %q, before: %q", got, leaProgress)
	}
	AssertAccessible(t, leaTab, "course page, enrolled on the old version with a newer one out")
	Screenshot(t, leaTab, "workspace-learner-keeps-old-version")
	ClickLink(t, leaTab, "Chancen und Grenzen")
	AssertText(t, leaTab, ".lesson__body", oldLessonText)
	assertNotInText(t, leaTab, ".lesson__body", newLessonText)
	AssertAccessible(t, leaTab, "lesson of the old version")

	// Ben enrolls after the release and learns the new version.
	benTab := srv.NewTab(t)
	Login(t, benTab, "ben@example.org", "ben-password-1")
	enroll(t, benTab, newVersion)
	AssertNotVisible(t, benTab, ".learn-switch")
	AssertAccessible(t, benTab, "course page, enrolled on the new version")
	Screenshot(t, benTab, "workspace-learner-on-new-version")
	ClickLink(t, benTab, "Chancen und Grenzen")
	AssertText(t, benTab, ".lesson__body", newLessonText)
	assertNotInText(t, benTab, ".lesson__body", oldLessonText)
	AssertAccessible(t, benTab, "edited lesson of the new version")

	cat := srv.Library.Catalog()
	for _, pin := range []struct {
		name    string
		userID  int64
		version string
	}{{"Lea", lea.ID, oldVersion}, {"Ben", ben.ID, newVersion}} {
		e, err := srv.Store.EnrollmentOf(context.Background(), pin.userID, workspaceCourse)
		if err != nil || e == nil {
			t.Fatalf("%s's enrollment: %v, %+v", pin.name, err, e)
		}
		v := cat.Version(workspaceCourse, pin.version)
		if e.Version != pin.version || v == nil || e.ContentHash != v.Hash {
			t.Errorf("%s is pinned to %s (hash %.12s), want %s (hash of the served version)", pin.name, e.Version, e.ContentHash, pin.version)
		}
	}
}

// enroll opens the course page, clicks "Kurs beginnen" and fails unless the learner is enrolled
// in version.
func enroll(t *testing.T, tab context.Context, version string) {
	t.Helper()
	Open(t, tab, "/courses/"+workspaceCourse)
	AssertText(t, tab, ".course-facts", version)
	if status := ClickButton(t, tab, "Kurs beginnen"); status != 200 {
		t.Fatalf("enrolling: status %d", status)
	}
	AssertText(t, tab, "[role=status]", "Sie sind in den Kurs")
	AssertText(t, tab, ".course-facts", version)
	AssertText(t, tab, ".learn-course", "% erledigt")
}

// trainerEditsDraftAndPublishesMinor walks the trainer workspace in a tab of its own: new draft,
// lesson edit with server preview, question edit, preview with answer key, diff, publish as
// minor; axe on each page.
func trainerEditsDraftAndPublishesMinor(t *testing.T, srv *Server) {
	t.Helper()
	tab := srv.NewTab(t)
	Login(t, tab, "tina@example.org", "tina-password-1")

	ClickLink(t, tab, "Werkstatt")
	AssertHeading(t, tab, "Werkstatt für Kursinhalte")
	AssertAccessible(t, tab, "workspace")
	ClickButton(t, tab, "Neuer Entwurf aus der letzten Version ("+oldVersion+")")
	AssertText(t, tab, "[role=status]", "Entwurf aus Version "+oldVersion+" angelegt")
	AssertAccessible(t, tab, "draft overview")

	Open(t, tab, "/workspace/"+workspaceCourse+"/draft/lesson/chancen-und-grenzen")
	Fill(t, tab, "Text der Lektion (Markdown)", "Ein **neuer** Absatz über Chancen.\n\n## Quellen\n\n1. KI-VO, https://eur-lex.europa.eu/eli/reg/2024/1689/oj\n")
	ClickButton(t, tab, "Vorschau")
	AssertText(t, tab, "#lesson-preview", newLessonText)
	AssertAccessible(t, tab, "lesson editor with preview")
	ClickButton(t, tab, "Speichern")
	AssertText(t, tab, "[role=status]", "Gespeichert")

	Open(t, tab, "/workspace/"+workspaceCourse+"/draft/quiz/ki-im-buergerbuero")
	Fill(t, tab, "Fragetext", "Müssen Menschen erfahren, dass sie mit einem Chatbot sprechen?")
	ClickButton(t, tab, "Speichern")
	AssertText(t, tab, "[role=status]", "Gespeichert")
	AssertAccessible(t, tab, "quiz editor")

	Open(t, tab, "/workspace/"+workspaceCourse+"/draft/m/ki-im-buergerbuero?key=1")
	AssertText(t, tab, ".workspace-key", "Lösung")
	AssertAccessible(t, tab, "preview with answer key")

	Open(t, tab, "/workspace/"+workspaceCourse+"/diff?from="+oldVersion+"&to=draft")
	AssertText(t, tab, ".workspace-questions", "chatbot-kennzeichnen") // named by text, with the id beside it
	AssertAccessible(t, tab, "diff")

	Open(t, tab, "/workspace/"+workspaceCourse+"/draft/publish")
	Check(t, tab, "Ergänzung (minor) → "+newVersion)
	// Fill clears the field first, which chromedp cannot do on an empty textarea: type directly.
	changelog := chromedp.JSPath(`document.getElementById("f-changelog")`)
	if err := chromedp.Do(tab, chromedp.SendKeys(changelog, "- Frage zur Kennzeichnung klarer gestellt.")); err != nil {
		t.Fatal(err)
	}
	AssertAccessible(t, tab, "publish form")
	ClickButton(t, tab, "Als neue Version veröffentlichen")
	AssertText(t, tab, "[role=status]", "Version "+newVersion+" ist veröffentlicht.")
	if srv.Library.Catalog().Version(workspaceCourse, newVersion) == nil {
		t.Fatalf("%s is not served", newVersion)
	}
}

// assertNotInText fails the test if a visible element matching css contains unwanted.
func assertNotInText(t *testing.T, tab context.Context, css, unwanted string) {
	t.Helper()
	for _, s := range Texts(t, tab, css) {
		if strings.Contains(s, unwanted) {
			t.Fatalf("on %s %s says %q, which it should not: %q", currentURL(tab), css, unwanted, s)
		}
	}
}
