package browsertest

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The harness must be able to fail: these tests break a real page on purpose and check that the
// checks notice.

func TestAxeReportsViolationsOfABrokenPage(t *testing.T) {
	srv := Start(t, Options{})
	tab := srv.NewTab(t)
	Open(t, tab, "/login")
	// An unlabelled field and an image without alternative text, added through DevTools.
	breakPage := `document.querySelector('main').insertAdjacentHTML('beforeend', '<input id="x" type="text"><img src="/static/favicon.svg">')`
	if err := chromedp.Do(tab, chromedp.Evaluate[chromedp.Void](breakPage)); err != nil {
		t.Fatal(err)
	}
	violations, err := axeCheck(tab, axeScript(t))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, v := range violations {
		ids = append(ids, v.ID)
	}
	for _, want := range []string{"label", "image-alt"} {
		if !strings.Contains(strings.Join(ids, " "), want) {
			t.Errorf("axe found %q, want it to report %q", ids, want)
		}
	}
}

func TestConsoleWatchReportsContentSecurityPolicyViolations(t *testing.T) {
	srv := Start(t, Options{})
	tab, closeTab := chromedp.NewContext(browser(t), chromedp.WithNewBrowserContext())
	if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/login")); err != nil {
		closeTab()
		t.Fatal(err)
	}
	problems := watchConsole(tab)
	inlineScript := `(s => { s.textContent = 'window.ran = true'; document.body.append(s) })(document.createElement('script'))`
	ran, err := chromedp.Run(tab, chromedp.Evaluate[bool](inlineScript+`; window.ran === true`))
	if err == nil {
		err = chromedp.Do(tab, chromedp.Navigate(srv.URL+"/login")) // by the next page load the console message has arrived
	}
	closeTab()
	if err != nil || ran {
		t.Fatalf("injecting an inline script: err %v, script ran despite the CSP: %v", err, ran)
	}
	got := problems()
	if len(got) == 0 || !strings.Contains(got[0], "Content Security Policy") {
		t.Errorf("console problems = %q, want the blocked inline script", got)
	}
}
