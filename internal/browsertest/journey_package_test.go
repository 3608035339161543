package browsertest

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/ailit/ailit/internal/store"
)

// TestLearnerCompletesTheSCORMPackageOfTheDemoCourse is the journey of a package module: a
// learner enrols in the shipped demo course scorm-beispiel, opens its SCORM 1.2 module, answers
// the first case in the package's sandboxed frame, leaves, comes back to the second case, finishes
// the exercise (LMSFinish) and sees the course at 100 %. The module page around the frame passes
// axe, and no request of the package frame carries the platform's session cookie.
func TestLearnerCompletesTheSCORMPackageOfTheDemoCourse(t *testing.T) {
	srv := Start(t, Options{})
	srv.CreateUser(t, "paula@example.org", "paula-password-1", store.RoleLearner)
	tab := srv.NewTab(t)
	pageCookies := recordPackageCookies(t, tab)
	Login(t, tab, "paula@example.org", "paula-password-1")

	Open(t, tab, "/courses/scorm-beispiel")
	if status := ClickButton(t, tab, "Kurs beginnen"); status != 200 {
		t.Fatalf("enrolling: status %d", status)
	}
	AssertText(t, tab, ".learn-course", "0 % erledigt")
	ClickLink(t, tab, "Weiterlernen")
	AssertHeading(t, tab, "KI-Antworten prüfen")
	frame := packageFrame(t, tab)
	waitInFrame(t, frame, "#fortschritt", "Fall 1 von 3")
	// The package's own style sheet applies: the package CSP allows the package's files.
	if bg, err := chromedp.Run(frame, chromedp.Evaluate[string](`getComputedStyle(document.getElementById("pruefen")).backgroundColor`)); err != nil || bg != "rgb(29, 78, 216)" {
		t.Errorf("the package's style sheet did not apply: %q %v", bg, err)
	}
	AssertAccessible(t, tab, "package module page")
	Screenshot(t, tab, "package-module")
	// The sandboxed frame runs in its own process: watch its requests and load it once more (the
	// unload beacon ends the session, the new page initializes again).
	frameCookies := recordPackageCookies(t, frame)
	if _, err := chromedp.Run(frame, chromedp.Evaluate[bool](`setTimeout(() => location.reload(), 10), true`)); err != nil {
		t.Fatal(err)
	}
	waitInFrame(t, frame, "#fortschritt", "Fall 1 von 3")

	answerCase(t, frame, "1", "Richtig.")
	// The learner leaves after the first case and comes back later.
	Open(t, tab, "/courses/scorm-beispiel")
	AssertText(t, tab, ".learn-course", "0 % erledigt")
	Open(t, tab, "/courses/scorm-beispiel/v/1.0.0/m/antworten-pruefen")
	frame = packageFrame(t, tab)
	waitInFrame(t, frame, "#fortschritt", "Fall 2 von 3")

	answerCase(t, frame, "2", "Richtig.")
	clickInFrame(t, frame, "#weiter")
	answerCase(t, frame, "0", "Richtig.")
	clickInFrame(t, frame, "#weiter")
	waitInFrame(t, frame, "#ergebnis-text", "3 von 3 Antworten sind richtig.")
	clickInFrame(t, frame, "#abschliessen")
	waitInFrame(t, frame, "#ende", "Die Übung ist abgeschlossen.")

	AssertText(t, tab, ".lesson-pager", "Zurück zur Kursübersicht")
	Open(t, tab, "/courses/scorm-beispiel")
	AssertText(t, tab, ".learn-course", "100 % erledigt")
	Open(t, tab, "/courses/scorm-beispiel/v/1.0.0/m/antworten-pruefen")
	AssertText(t, tab, ".package__status", "Dieses Modul ist erledigt.")
	AssertText(t, tab, ".package__status", "Ergebnis: 100 %")
	AssertAccessible(t, tab, "package module page, done")

	for who, cookies := range map[string]func() (int, []string){"page": pageCookies, "frame": frameCookies} {
		sent, withCookie := cookies()
		t.Logf("%s: %d package requests", who, sent)
		if len(withCookie) > 0 {
			t.Errorf("%d of %d package requests seen by the %s carried the session cookie: %q", len(withCookie), sent, who, withCookie)
		}
	}
	if sent, _ := frameCookies(); sent == 0 {
		t.Error("no request of the package frame was seen")
	}
	if !platformWithCookie {
		t.Error("no platform page request with the session cookie was seen: the recorder sees no cookies")
	}
}

// packageFrame attaches to the package's iframe, which Chrome runs as a target of its own
// (a sandboxed frame gets its own process), once its document is there.
func packageFrame(t *testing.T, tab context.Context) context.Context {
	t.Helper()
	for range 50 {
		infos, err := chromedp.Targets(tab)
		if err != nil {
			t.Fatal(err)
		}
		for _, info := range infos {
			if info.Type == "iframe" && strings.Contains(info.URL, "/pkg/") && info.Attached {
				ctx, cancel := chromedp.NewContext(tab, chromedp.WithTargetID(info.TargetID))
				t.Cleanup(cancel)
				// Attach with this context itself: the first Run binds the target to its context,
				// and later calls use shorter-lived contexts derived from it.
				if err := chromedp.Do(ctx); err != nil {
					t.Fatalf("attaching to the package frame: %v", err)
				}
				return ctx
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("the package frame did not appear")
	return nil
}

func waitInFrame(t *testing.T, frame context.Context, css, want string) {
	t.Helper()
	var got string
	for range 50 {
		ctx, cancel := context.WithTimeout(frame, time.Second)
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(css), chromedp.NodeVisible))
		cancel()
		if err == nil && strings.Contains(s, want) {
			return
		}
		got = s
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("in the package frame %s says %q, want %q", css, got, want)
}

// clickInFrame clicks an element of the package frame with the element's click(): mouse events
// of a frame that runs in its own process would need the page's coordinates.
func clickInFrame(t *testing.T, frame context.Context, css string) {
	t.Helper()
	ok, err := chromedp.Run(frame, chromedp.Evaluate[bool](call(`(css => { const e = document.querySelector(css); if (!e || e.hidden) return false; e.click(); return true })`, css)))
	if err != nil || !ok {
		t.Fatalf("clicking %s in the package frame: %v (found: %v)", css, err, ok)
	}
}

// answerCase picks the option with the value and checks it; the package shows its feedback.
func answerCase(t *testing.T, frame context.Context, value, feedback string) {
	t.Helper()
	clickInFrame(t, frame, `#optionen input[value="`+value+`"]`)
	clickInFrame(t, frame, "#pruefen")
	waitInFrame(t, frame, "#rueckmeldung", feedback)
}

// platformWithCookie is set when a request to a platform page carried the session cookie: it shows
// that the recorder sees cookies at all.
var platformWithCookie bool

// recordPackageCookies watches the tab's network requests under /pkg/ and returns a func that
// reports how many there were and which of them sent the session cookie.
func recordPackageCookies(t *testing.T, tab context.Context) func() (int, []string) {
	t.Helper()
	var mu sync.Mutex
	urls := map[network.RequestID]string{}
	headers := map[network.RequestID]string{}
	err := chromedp.Listen(tab, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			urls[e.RequestID] = e.Request.URL
		case *network.EventRequestWillBeSentExtraInfo:
			cookie, _ := e.Headers["Cookie"].(string)
			if c2, ok := e.Headers["cookie"].(string); ok {
				cookie += c2
			}
			headers[e.RequestID] += cookie
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	// chromedp enables the network domain of a tab for RunResponse; a frame's target needs it.
	ctx, cancel := context.WithTimeout(tab, 5*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		_, err := cdp.Call(ctx, target, network.Enable, network.EnableParams{})
		return err
	})); err != nil {
		t.Logf("enabling the network events: %v", err)
	}
	return func() (int, []string) {
		mu.Lock()
		defer mu.Unlock()
		n := 0
		var bad []string
		for id, u := range urls {
			if !strings.Contains(u, "/pkg/") {
				if strings.Contains(headers[id], "ailit_session") {
					platformWithCookie = true
				}
				continue
			}
			n++
			if strings.Contains(headers[id], "ailit_session") {
				bad = append(bad, u)
			}
		}
		return n, bad
	}
}
