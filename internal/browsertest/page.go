package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// Finders are JavaScript functions that return the elements a user means by a visible text. They
// run through DevTools (not subject to the page's CSP) and return an array, so the Go side can
// fail at once when nothing matches instead of waiting for the element to appear.
const (
	jsNorm    = `const norm = s => (s || '').replace(/\s+/g, ' ').trim(); const shown = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';`
	jsByText  = `((sel, text) => { ` + jsNorm + ` return [...document.querySelectorAll(sel)].filter(e => shown(e) && norm(e.innerText || e.value) === text); })`
	jsByLabel = `((text) => { ` + jsNorm + ` return [...document.querySelectorAll('label')].filter(l => {
		const c = l.cloneNode(true); c.querySelectorAll('.kern-hint, .kern-label__optional').forEach(e => e.remove());
		return l.control && norm(c.textContent) === text; }).map(l => l.control); })`
	jsVisible = `((sel) => { ` + jsNorm + ` return [...document.querySelectorAll(sel)].filter(shown); })`
	jsTexts   = `((sel) => { ` + jsNorm + ` return [...document.querySelectorAll(sel)].filter(shown).map(e => norm(e.innerText)); })`

	linkElements   = `a[href]`
	buttonElements = `button, input[type=submit]`
)

// call builds the JavaScript call of fn with Go values as arguments.
func call(fn string, args ...any) string {
	b, _ := json.Marshal(args)
	return fmt.Sprintf("%s(...%s)", fn, b)
}

// find returns a selector for the elements the finder call gives, after checking there is at least
// one; what names them in the failure message.
func find(t testing.TB, ctx context.Context, finder, what string) chromedp.JSPath {
	t.Helper()
	settle(t, ctx)
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](finder+".length"))
	if err != nil {
		t.Fatalf("looking for %s: %v", what, err)
	}
	if n == 0 {
		t.Fatalf("%s not found on %s; visible headings: %q", what, currentURL(ctx), Texts(t, ctx, "h1, h2"))
	}
	return chromedp.JSPath(finder + "[0]")
}

// settle waits until the page's web fonts are in and two frames were drawn. Clicks go to the
// element's coordinates; a font swapping in after the load event moves buttons, and a click computed
// before that lands beside the button (seen under load as a form that never submits).
func settle(t testing.TB, ctx context.Context) {
	t.Helper()
	const js = `document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))))`
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatalf("waiting for the page to settle: %v", err)
	}
}

// load runs actions that make the browser load a page, waits until it has loaded and returns its
// HTTP status.
func load(t testing.TB, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) int {
	t.Helper()
	resp, err := chromedp.RunResponse(ctx, actions...)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if resp == nil { // a jump within the page (#fragment) loads nothing
		return 0
	}
	return int(resp.Status)
}

// Open loads a page (a path like "/login" on the tab's server, or a full URL) and returns its
// HTTP status.
func Open(t testing.TB, ctx context.Context, path string) int {
	t.Helper()
	return load(t, ctx, "opening "+path, chromedp.Navigate(absolute(ctx, path)))
}

// ClickLink clicks the visible link whose text is text, waits for the new page and returns its
// HTTP status.
func ClickLink(t testing.TB, ctx context.Context, text string) int {
	t.Helper()
	link := find(t, ctx, call(jsByText, linkElements, text), fmt.Sprintf("link %q", text))
	return load(t, ctx, "clicking link "+text, chromedp.Click(link, chromedp.NodeVisible))
}

// ClickButton clicks the visible button whose text is text, waits for the page the form leads to
// and returns its HTTP status.
func ClickButton(t testing.TB, ctx context.Context, text string) int {
	t.Helper()
	button := find(t, ctx, call(jsByText, buttonElements, text), fmt.Sprintf("button %q", text))
	return load(t, ctx, "clicking button "+text, chromedp.Click(button, chromedp.NodeVisible))
}

// Fill types value into the form field labelled label (the label's text without hint and
// "optional" note), replacing what was there.
func Fill(t testing.TB, ctx context.Context, label, value string) {
	t.Helper()
	field := find(t, ctx, call(jsByLabel, label), fmt.Sprintf("field labelled %q", label))
	// Clear fails on an empty textarea (it has no text node to remove); there is nothing to clear.
	if err := chromedp.Do(ctx, chromedp.Clear(field)); err != nil && !strings.Contains(err.Error(), "does not have child #text node") {
		t.Fatalf("clearing %q: %v", label, err)
	}
	// Under load a key event can get lost; a required field that then holds less than was typed
	// blocks the form, and the click after it waits for a page that never comes. So the value is
	// read back and, if it is not what was typed, typed again as a person would.
	for try := 1; ; try++ {
		if err := chromedp.Do(ctx, chromedp.SendKeys(field, value)); err != nil {
			t.Fatalf("typing into %q: %v", label, err)
		}
		typed, err := chromedp.Run(ctx, chromedp.Evaluate[string](string(field)+".value"))
		if err != nil {
			t.Fatalf("reading %q back: %v", label, err)
		}
		if typed == value {
			return
		}
		if try == 3 {
			t.Fatalf("field %q holds %q after typing %q three times", label, typed, value)
		}
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[string](string(field)+".value = ''")); err != nil {
			t.Fatalf("clearing %q: %v", label, err)
		}
	}
}

// Check ticks the checkbox (or radio button) labelled label by clicking it, unless it is ticked.
func Check(t testing.TB, ctx context.Context, label string) {
	t.Helper()
	setChecked(t, ctx, label, true)
}

// Uncheck clears the checkbox labelled label by clicking it, unless it is clear.
func Uncheck(t testing.TB, ctx context.Context, label string) {
	t.Helper()
	setChecked(t, ctx, label, false)
}

func setChecked(t testing.TB, ctx context.Context, label string, want bool) {
	t.Helper()
	box := find(t, ctx, call(jsByLabel, label), fmt.Sprintf("checkbox labelled %q", label))
	checked := func() bool {
		on, err := chromedp.Run(ctx, chromedp.Evaluate[bool](string(box)+".checked"))
		if err != nil {
			t.Fatalf("reading checkbox %q: %v", label, err)
		}
		return on
	}
	if checked() == want {
		return
	}
	if err := chromedp.Do(ctx, chromedp.Click(box, chromedp.NodeVisible)); err != nil {
		t.Fatalf("clicking checkbox %q: %v", label, err)
	}
	if checked() != want {
		t.Fatalf("clicking checkbox %q did not change it", label)
	}
}

// PressEnter presses Enter in the field labelled label, which submits its form; it waits for the
// new page and returns its HTTP status.
func PressEnter(t testing.TB, ctx context.Context, label string) int {
	t.Helper()
	field := find(t, ctx, call(jsByLabel, label), fmt.Sprintf("field labelled %q", label))
	return load(t, ctx, "pressing Enter in "+label, chromedp.SendKeys(field, kb.Enter))
}

// PressKeys sends keys (e.g. kb.Tab) to whatever has the focus, as a keyboard user does.
func PressKeys(t testing.TB, ctx context.Context, keys string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.KeyEvent(keys)); err != nil {
		t.Fatalf("pressing %q: %v", keys, err)
	}
}

// Path is the path (and query) of the page in the tab.
func Path(t testing.TB, ctx context.Context) string {
	t.Helper()
	p, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname + location.search`))
	if err != nil {
		t.Fatalf("reading location: %v", err)
	}
	return p
}

// Texts returns the visible text of every visible element matching the CSS selector, with white
// space collapsed.
func Texts(t testing.TB, ctx context.Context, css string) []string {
	t.Helper()
	texts, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](call(jsTexts, css)))
	if err != nil {
		t.Fatalf("reading %s: %v", css, err)
	}
	return texts
}

// AssertText fails the test unless a visible element matching the CSS selector contains want.
func AssertText(t testing.TB, ctx context.Context, css, want string) {
	t.Helper()
	texts := Texts(t, ctx, css)
	for _, s := range texts {
		if strings.Contains(s, want) {
			return
		}
	}
	t.Fatalf("on %s no visible %s says %q; they say %q", currentURL(ctx), css, want, texts)
}

// AssertHeading fails the test unless the page's main heading (h1) contains want.
func AssertHeading(t testing.TB, ctx context.Context, want string) {
	t.Helper()
	AssertText(t, ctx, "h1", want)
}

// AssertVisible fails the test unless an element matching the CSS selector is visible.
func AssertVisible(t testing.TB, ctx context.Context, css string) {
	t.Helper()
	if countVisible(t, ctx, css) == 0 {
		t.Fatalf("on %s nothing matching %s is visible", currentURL(ctx), css)
	}
}

// AssertNotVisible fails the test if an element matching the CSS selector is visible.
func AssertNotVisible(t testing.TB, ctx context.Context, css string) {
	t.Helper()
	if n := countVisible(t, ctx, css); n > 0 {
		t.Fatalf("on %s %d element(s) matching %s are visible: %q", currentURL(ctx), n, css, Texts(t, ctx, css))
	}
}

func countVisible(t testing.TB, ctx context.Context, css string) int {
	t.Helper()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](call(jsVisible, css)+".length"))
	if err != nil {
		t.Fatalf("looking for %s: %v", css, err)
	}
	return n
}

// Focused describes the element that has the keyboard focus: its tag, id and visible text.
func Focused(t testing.TB, ctx context.Context) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
		' "' + (e.innerText || e.value || '').replace(/\s+/g, ' ').trim().slice(0, 60) + '"')(document.activeElement)`))
	if err != nil {
		t.Fatalf("reading the focus: %v", err)
	}
	return s
}

// AssertFocused fails the test unless the keyboard focus is on an element matching the CSS
// selector within two seconds (focus moves after key events asynchronously).
func AssertFocused(t testing.TB, ctx context.Context, css string) {
	t.Helper()
	sel, _ := json.Marshal(css)
	poll := chromedp.Poll[bool](fmt.Sprintf(`document.activeElement && document.activeElement.matches(%s)`, sel),
		chromedp.WithPollingTimeout(2*time.Second))
	if _, err := chromedp.Run(ctx, poll); err != nil {
		t.Fatalf("focus is on %s, want %s (%v)", Focused(t, ctx), css, err)
	}
}
