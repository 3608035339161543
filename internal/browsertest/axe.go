package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ailit/ailit/internal/web/webtest"
)

// wcagTags are the axe-core rule sets we hold every page to: WCAG 2.1 level A and AA (BITV 2.0).
var wcagTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}

var axeSource struct {
	once sync.Once
	js   string
	err  error
}

// axeScript returns the source of axe-core, installed from npm (web/package-lock.json pins it).
func axeScript(t testing.TB) string {
	t.Helper()
	path := filepath.Join(webtest.RepoRoot(t), "web", "node_modules", "axe-core", "axe.min.js")
	axeSource.once.Do(func() {
		b, err := os.ReadFile(path)
		axeSource.js, axeSource.err = string(b), err
	})
	if axeSource.err != nil {
		unavailable(t, "axe-core not found (run `make assets`): %v", axeSource.err)
	}
	return axeSource.js
}

// axeViolation is the part of an axe-core result a developer needs to find and fix the problem.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	URL    string `json:"helpUrl"`
	Nodes  []struct {
		Target  json.RawMessage `json:"target"` // selectors; nested arrays inside shadow DOM
		HTML    string          `json:"html"`
		Summary string          `json:"failureSummary"`
	} `json:"nodes"`
}

// runAxe is evaluated through DevTools, which the page's Content Security Policy does not restrict
// (the policy forbids inline scripts, so axe could not be added to the page as a <script>).
const runAxe = `axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']})
  .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target, html: n.html, failureSummary: n.failureSummary}))})))`

// AssertAccessible runs axe-core's WCAG 2.1 A/AA rules on the page in the tab and fails the test
// with every violation: rule, impact, what to do, and the offending elements. pageName names the
// page (and its state, e.g. "user form with errors") in the failure message.
func AssertAccessible(t testing.TB, ctx context.Context, pageName string) {
	t.Helper()
	violations, err := axeCheck(ctx, axeScript(t))
	if err != nil {
		t.Fatalf("axe-core on %s: %v", pageName, err)
	}
	if len(violations) == 0 {
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s) has %d accessibility violation(s):", pageName, currentURL(ctx), len(violations))
	for _, v := range violations {
		fmt.Fprintf(&b, "\n- %s [%s]: %s (%s)", v.ID, v.Impact, v.Help, v.URL)
		for _, n := range v.Nodes {
			fmt.Fprintf(&b, "\n    at %s\n       %s\n       %s", n.Target, n.HTML, strings.ReplaceAll(n.Summary, "\n", "\n       "))
		}
	}
	t.Error(b.String())
}

func axeCheck(ctx context.Context, source string) ([]axeViolation, error) {
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof axe === 'object'`))
	if err != nil {
		return nil, err
	}
	if !loaded { // every page load starts without it
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](source)); err != nil {
			return nil, fmt.Errorf("injecting axe-core: %w", err)
		}
	}
	tags, _ := json.Marshal(wcagTags)
	return chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](fmt.Sprintf(runAxe, tags), chromedp.EvalAwaitPromise))
}

// currentURL is the tab's address, for messages.
func currentURL(ctx context.Context) string {
	u, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		return "unknown URL"
	}
	return u
}
