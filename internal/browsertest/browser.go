package browsertest

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// tabTimeout bounds one test's browser work, so a wait for something that never appears fails the
// test instead of hanging the suite. It covers a whole journey in one tab, not a single step: long
// journeys (the trainer's draft → publish with eight axe scans) need several seconds a page on a
// busy 2-core machine.
const tabTimeout = 4 * time.Minute

// shared is the one browser of a test binary; tests get their own tabs in it.
var shared struct {
	once    sync.Once
	ctx     context.Context // the browser's first tab; tabs are opened from it
	cancel  func()
	dataDir string
	err     error
}

// ChromiumPath is the browser the tests drive: AILIT_CHROMIUM or Debian's /usr/bin/chromium.
func ChromiumPath() string {
	if p := os.Getenv("AILIT_CHROMIUM"); p != "" {
		return p
	}
	return "/usr/bin/chromium"
}

// Main runs the tests and then closes the shared browser. Call it from the package's TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(browsertest.Main(m)) }
func Main(m *testing.M) int {
	code := m.Run()
	closeBrowser()
	return code
}

// browser returns the shared browser, starting it on first use.
func browser(t testing.TB) context.Context {
	t.Helper()
	path := ChromiumPath()
	if _, err := os.Stat(path); err != nil {
		unavailable(t, "Chromium not found at %s (apt-get install chromium, or set AILIT_CHROMIUM)", path)
	}
	shared.once.Do(func() { shared.err = startBrowser(path) })
	if shared.err != nil {
		t.Fatalf("starting Chromium %s: %v", path, shared.err)
	}
	return shared.ctx
}

func startBrowser(path string) error {
	dir, err := os.MkdirTemp("", "ailit-chromium-")
	if err != nil {
		return err
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.UserDataDir(dir),
		chromedp.Headless,
		chromedp.NoSandbox, // CI runs as root, where Chromium's sandbox refuses to start
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.WindowSize(1280, 900),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-features", "Translate,OptimizationHints,MediaRouter"),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.Flag("accept-lang", "de-DE,de"), // the platform is German first
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	if err := chromedp.Do(ctx); err != nil {
		cancelCtx()
		cancelAlloc()
		os.RemoveAll(dir)
		return err
	}
	shared.ctx, shared.dataDir = ctx, dir
	shared.cancel = func() { cancelCtx(); cancelAlloc() }
	return nil
}

func closeBrowser() {
	if shared.ctx == nil {
		return
	}
	ctx, cancel := context.WithTimeout(shared.ctx, 5*time.Second)
	defer cancel()
	_ = chromedp.Cancel(ctx) // closes the browser gracefully
	shared.cancel()
	os.RemoveAll(shared.dataDir)
}

// NewTab opens a tab in a fresh browser context (no cookies, no cache) and closes it when the test
// ends. The returned context is what every helper of this package takes. The test fails if a page
// in the tab throws a JavaScript error or breaks the Content Security Policy.
func (s *Server) NewTab(t testing.TB) context.Context {
	t.Helper()
	tab, closeTab := chromedp.NewContext(browser(t), chromedp.WithNewBrowserContext())
	if err := chromedp.Do(tab); err != nil {
		closeTab()
		t.Fatalf("opening a tab: %v", err)
	}
	problems := watchConsole(tab)
	ctx, cancel := context.WithTimeout(context.WithValue(tab, baseURLKey{}, s.URL), tabTimeout)
	t.Cleanup(func() {
		cancel()
		closeTab()
		for _, p := range problems() {
			t.Errorf("browser console: %s", p)
		}
	})
	return ctx
}

type baseURLKey struct{}

// absolute turns a path like /login into a URL on the tab's server.
func absolute(ctx context.Context, path string) string {
	if strings.HasPrefix(path, "/") {
		base, _ := ctx.Value(baseURLKey{}).(string)
		return base + path
	}
	return path
}

// watchConsole collects uncaught exceptions and CSP violations of a tab until the tab closes; the
// returned func waits for that and reports them.
func watchConsole(tab context.Context) func() []string {
	messages := chromedp.Console(tab)
	var found []string
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.IsException() || strings.Contains(m.Text, "Content Security Policy") {
				found = append(found, fmt.Sprintf("%s (%s:%d)", m, m.URL, m.Line+1))
			}
		}
	}()
	return func() []string {
		<-done
		return found
	}
}
