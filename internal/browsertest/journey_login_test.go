package browsertest

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/ailit/ailit/internal/store"
)

// pageLang is the lang attribute of the page, which screen readers use to pick a voice.
func pageLang(t *testing.T, ctx context.Context) string {
	t.Helper()
	lang, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang`))
	if err != nil {
		t.Fatal(err)
	}
	return lang
}

func TestLoginPageIsAccessibleInGermanAndEnglish(t *testing.T) {
	srv := Start(t, Options{})
	tab := srv.NewTab(t)

	if status := Open(t, tab, "/login"); status != 200 {
		t.Fatalf("login page: status %d", status)
	}
	AssertHeading(t, tab, "Anmelden")
	if got := pageLang(t, tab); got != "de" {
		t.Errorf("German login page has lang=%q", got)
	}
	AssertAccessible(t, tab, "login page (German)")
	Screenshot(t, tab, "login-de")

	ClickButton(t, tab, "English")
	AssertHeading(t, tab, "Log in")
	AssertVisible(t, tab, "label[for=f-email]")
	AssertText(t, tab, "label", "Email address")
	if got := pageLang(t, tab); got != "en" {
		t.Errorf("English login page has lang=%q", got)
	}
	AssertAccessible(t, tab, "login page (English)")
	Screenshot(t, tab, "login-en")

	ClickButton(t, tab, "Deutsch")
	AssertHeading(t, tab, "Anmelden")
}

func TestSkipLinkIsFirstTabStopAndMovesFocusToMain(t *testing.T) {
	srv := Start(t, Options{})
	srv.CreateUser(t, "lea@example.org", "lea-password-1", store.RoleLearner)
	tab := srv.NewTab(t)
	Login(t, tab, "lea@example.org", "lea-password-1") // a page with the main navigation to skip

	PressKeys(t, tab, kb.Tab)
	AssertFocused(t, tab, "a.skip-link")
	AssertText(t, tab, ".skip-link", "Zum Inhalt springen")
	onScreen, err := chromedp.Run(tab, chromedp.Evaluate[bool](`(r => r.left >= 0 && r.top >= 0 && r.width > 0)(document.activeElement.getBoundingClientRect())`))
	if err != nil || !onScreen {
		t.Errorf("the focused skip link is not on screen (err %v)", err)
	}
	Screenshot(t, tab, "skip-link-focused")

	PressKeys(t, tab, kb.Enter)
	AssertFocused(t, tab, "main#main")
	PressKeys(t, tab, kb.Tab)
	AssertFocused(t, tab, "main a, main button, main input") // the next stop is inside the content
}

func TestErrorPagesAreAccessible(t *testing.T) {
	srv := Start(t, Options{})
	srv.CreateUser(t, "lea@example.org", "lea-password-1", store.RoleLearner)
	tab := srv.NewTab(t)

	if status := Open(t, tab, "/gibt-es-nicht"); status != 404 {
		t.Errorf("unknown page: status %d, want 404", status)
	}
	AssertHeading(t, tab, "Seite nicht gefunden")
	AssertAccessible(t, tab, "404 page")
	Screenshot(t, tab, "404")

	Login(t, tab, "lea@example.org", "lea-password-1")
	if status := Open(t, tab, "/admin/users"); status != 403 {
		t.Errorf("learner on the user administration: status %d, want 403", status)
	}
	AssertHeading(t, tab, "Kein Zugriff")
	AssertNotVisible(t, tab, "table")
	AssertAccessible(t, tab, "403 page")
	Screenshot(t, tab, "403")
}
