package browsertest

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The login form's fields, by id so that the helpers work in every UI language.
const (
	loginEmail    = chromedp.CSS("#f-email")
	loginPassword = chromedp.CSS("#f-password")
	logoutButton  = chromedp.CSS(`form[action="/logout"] button`)
	siteNav       = ".site-nav"
)

// SubmitLogin opens the login page, types email and password and presses Enter; it returns the
// HTTP status of the page it ends on, whether the login worked or not.
func SubmitLogin(t testing.TB, ctx context.Context, email, password string) int {
	t.Helper()
	Open(t, ctx, "/login")
	if err := chromedp.Do(ctx, chromedp.SendKeys(loginEmail, email), chromedp.SendKeys(loginPassword, password)); err != nil {
		t.Fatalf("typing into the login form: %v", err)
	}
	return load(t, ctx, "submitting the login form", chromedp.SendKeys(loginPassword, kb.Enter))
}

// Login logs in through the login form and fails the test unless the user ends up logged in (the
// main navigation is shown and the login page is gone).
func Login(t testing.TB, ctx context.Context, email, password string) {
	t.Helper()
	SubmitLogin(t, ctx, email, password)
	if Path(t, ctx) == "/login" || countVisible(t, ctx, siteNav) == 0 {
		t.Fatalf("login as %s failed; the page says %q", email, Texts(t, ctx, "main [role=alert], main [role=status], h1"))
	}
}

// Logout clicks the logout button in the navigation and fails the test unless it ends on the login
// page.
func Logout(t testing.TB, ctx context.Context) {
	t.Helper()
	AssertVisible(t, ctx, string(logoutButton))
	load(t, ctx, "logging out", chromedp.Click(logoutButton, chromedp.NodeVisible))
	if p := Path(t, ctx); p != "/login" {
		t.Fatalf("after logging out the browser is on %s, want /login", p)
	}
	AssertNotVisible(t, ctx, siteNav)
}
