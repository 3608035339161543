package browsertest

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/store"
)

// TestLearnerFindsACourseAndReadsItsLessons walks catalog → filter → course page → lessons on the
// shipped courses, with an axe scan of every page state.
func TestLearnerFindsACourseAndReadsItsLessons(t *testing.T) {
	srv := Start(t, Options{})
	srv.CreateUser(t, "lea@example.org", "lea-password-1", store.RoleLearner)
	tab := srv.NewTab(t)
	Login(t, tab, "lea@example.org", "lea-password-1")

	ClickLink(t, tab, "Kurse")
	AssertHeading(t, tab, "Kurse")
	AssertText(t, tab, "[role=status]", "Kurse gefunden")
	AssertAccessible(t, tab, "course catalog")
	Screenshot(t, tab, "courses-catalog")

	Fill(t, tab, "Suche im Titel", "Arbeitsalltag")
	if status := PressEnter(t, tab, "Suche im Titel"); status != 200 {
		t.Fatalf("search: status %d", status)
	}
	AssertText(t, tab, "[role=status]", "1 Kurs gefunden")
	AssertAccessible(t, tab, "course catalog with a search")

	Fill(t, tab, "Suche im Titel", "Quantencomputer")
	PressEnter(t, tab, "Suche im Titel")
	AssertText(t, tab, "[role=status]", "0 Kurse gefunden")
	AssertAccessible(t, tab, "course catalog without results")
	ClickLink(t, tab, "Alle Filter zurücksetzen")
	AssertNotVisible(t, tab, ".kern-alert--info")

	ClickLink(t, tab, "Generative KI im Arbeitsalltag")
	AssertHeading(t, tab, "Generative KI im Arbeitsalltag")
	AssertText(t, tab, ".course-facts", "Rechtsstand")
	AssertAccessible(t, tab, "course page")
	Screenshot(t, tab, "course-page")

	ClickLink(t, tab, "Gute Prompts schreiben") // the first module in the module list
	AssertText(t, tab, ".lesson__meta", "Modul 1 von")
	AssertVisible(t, tab, `nav.breadcrumbs a[aria-current="page"]`)
	AssertAccessible(t, tab, "first lesson")
	Screenshot(t, tab, "lesson")

	// Printed, the lesson is just the lesson: no navigation, no quiz button.
	emulateMedia(t, tab, "print")
	AssertNotVisible(t, tab, "nav, .site-header, .site-footer, .lesson__quiz")
	AssertVisible(t, tab, "article.lesson h1")
	emulateMedia(t, tab, "")

	next := Texts(t, tab, ".lesson-pager__next")
	if len(next) != 1 {
		t.Fatalf("lesson pager shows %q, want one link to the next module", next)
	}
	ClickLink(t, tab, next[0])
	AssertText(t, tab, ".lesson__meta", "Modul 2 von")
	AssertVisible(t, tab, ".lesson-pager__prev")
	AssertAccessible(t, tab, "second lesson")
}

// TestEnglishCourseInTheGermanUIIsAccessible checks the pages where course language and UI
// language differ (lang attributes on the course's texts).
func TestEnglishCourseInTheGermanUIIsAccessible(t *testing.T) {
	srv := Start(t, Options{})
	srv.CreateUser(t, "lea@example.org", "lea-password-1", store.RoleLearner)
	tab := srv.NewTab(t)
	Login(t, tab, "lea@example.org", "lea-password-1")

	Open(t, tab, "/courses/ai-basics")
	AssertHeading(t, tab, "AI basics for all staff")
	AssertAccessible(t, tab, "English course page")
	ClickLink(t, tab, "What is artificial intelligence?")
	AssertVisible(t, tab, `article.lesson[lang="en"]`)
	AssertAccessible(t, tab, "English lesson")
}

// TestAdminReloadsTheCourses checks the course status page and its reload button.
func TestAdminReloadsTheCourses(t *testing.T) {
	srv := Start(t, Options{})
	srv.CreateUser(t, "alex@example.org", "alex-password-1", store.RoleAdmin)
	tab := srv.NewTab(t)
	Login(t, tab, "alex@example.org", "alex-password-1")

	ClickLink(t, tab, "Kursinhalte")
	AssertHeading(t, tab, "Kursinhalte")
	AssertText(t, tab, "main", "Keine Probleme")
	AssertAccessible(t, tab, "course status")
	if status := ClickButton(t, tab, "Kurse neu laden"); status != 200 {
		t.Fatalf("reload: status %d", status)
	}
	// As many as the shipped courses/ folder has (new releases and courses change the number).
	AssertText(t, tab, "[role=status]", fmt.Sprintf("Kurse neu geladen: %d veröffentlicht", srv.Library.Report().Count(content.StatusPublished)))
	AssertAccessible(t, tab, "course status after a reload")
	Screenshot(t, tab, "admin-courses")
}

// emulateMedia renders the tab for a CSS media type such as "print" ("" for the screen again).
func emulateMedia(t *testing.T, tab context.Context, media string) {
	t.Helper()
	_, err := chromedp.Run(tab, chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		_, err := cdp.Call(ctx, target, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media})
		return err
	}))
	if err != nil {
		t.Fatalf("emulating media %q: %v", media, err)
	}
}
