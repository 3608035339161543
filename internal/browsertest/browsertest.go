// Package browsertest runs ailit in a real browser: it starts the real server on a loopback port
// with a fresh SQLite database and the shipped courses, drives Debian's Chromium through the
// DevTools protocol (chromedp), and checks every page it visits with axe-core for WCAG 2.1 AA.
//
// # Running
//
// The tests need Chromium (/usr/bin/chromium, or the path in AILIT_CHROMIUM) and axe-core from npm
// (web/node_modules, installed by `make assets`). Without them the tests skip; with
// AILIT_REQUIRE_BROWSER=1 (set by .ci/run) they fail instead. AILIT_SCREENSHOTS=dir writes a PNG of
// every page a test passes to Screenshot, so you can look at the pages:
//
//	AILIT_REQUIRE_BROWSER=1 AILIT_SCREENSHOTS=/tmp/shots go test ./internal/browsertest/ -v
//
// # Adding a journey
//
// A journey is a test in this package, in a file named after the feature (journey_<feature>_test.go).
// It starts a server, creates the people it needs, opens a tab and acts as a user would: it clicks
// links and buttons by their visible text, types into fields by their label, and asserts on what is
// on the screen. Every new page state gets an axe scan.
//
//	func TestLearnerOpensCourseFromCatalog(t *testing.T) {
//		srv := browsertest.Start(t, browsertest.Options{})
//		srv.CreateUser(t, "lea@example.org", "lea-password-1", store.RoleLearner)
//		tab := srv.NewTab(t)
//		browsertest.Login(t, tab, "lea@example.org", "lea-password-1")
//		browsertest.ClickLink(t, tab, "Kurse")
//		browsertest.AssertHeading(t, tab, "Kurse")
//		browsertest.AssertAccessible(t, tab, "catalog")
//		browsertest.Screenshot(t, tab, "catalog")
//	}
//
// The package's TestMain must call Main, which closes the shared browser after the tests. Each test
// gets its own tab in its own browser context (own cookies), so tests do not see each other's
// sessions and may run in parallel (t.Parallel) when each has its own server.
//
// Helpers fail the test at once with a message that names what the user would have seen (or not).
// A helper that makes the browser load a page (Open, ClickLink, ClickButton, PressEnter) waits until
// the new page has loaded and returns its HTTP status, so the next assertion sees the new page.
package browsertest

import (
	"os"
	"testing"
)

// requireBrowserEnv makes missing browser tools a failure instead of a skip.
const requireBrowserEnv = "AILIT_REQUIRE_BROWSER"

// unavailable skips the test, or fails it when the browser tests are required.
func unavailable(t testing.TB, format string, args ...any) {
	t.Helper()
	if os.Getenv(requireBrowserEnv) == "1" {
		t.Fatalf("browser tests required ("+requireBrowserEnv+"=1), but "+format, args...)
	}
	t.Skipf("browser test skipped: "+format+" (set "+requireBrowserEnv+"=1 to make this a failure)", args...)
}
