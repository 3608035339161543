package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/quiz"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/webtest"
)

// TestLearnerReachesCompletionDownloadsTheRecordAndVerifiesIt is the whole learner journey of a
// course: enrol on the course page, read every lesson with "Als gelesen markieren und weiter",
// pass the quiz the completion rule requires, see 100 % and the completion on the course page and
// the dashboard, download the record of participation and open its public verification page.
// Every page state passes axe.
func TestLearnerReachesCompletionDownloadsTheRecordAndVerifiesIt(t *testing.T) {
	srv := Start(t, Options{CoursesDir: filepath.Join(webtest.RepoRoot(t), "internal", "content", "testdata", "courses")})
	lea := srv.CreateUser(t, "lea@example.org", "lea-password-1", store.RoleLearner)
	v := srv.Library.Catalog().Course("ki-grundlagen").Latest()
	title := v.Manifest.Title
	tab := srv.NewTab(t)
	Login(t, tab, "lea@example.org", "lea-password-1")

	Open(t, tab, "/courses/ki-grundlagen")
	if status := ClickButton(t, tab, "Kurs beginnen"); status != 200 {
		t.Fatalf("enrolling: status %d", status)
	}
	AssertText(t, tab, "[role=status]", "Sie sind in den Kurs „"+title+"“ eingeschrieben.")
	AssertText(t, tab, ".learn-course", "0 % erledigt")
	AssertAccessible(t, tab, "course page, enrolled")
	Screenshot(t, tab, "completion-enrolled")

	ClickLink(t, tab, "Weiterlernen")
	read, passed := learnUntilComplete(t, tab, v)
	var all []string
	for _, m := range v.Modules {
		all = append(all, m.ID)
	}
	if !slices.Equal(read, all) {
		t.Errorf("lessons marked read: %q, want every module in order %q", read, all)
	}
	if !slices.Equal(passed, []string{"was-ist-ki"}) {
		t.Errorf("quizzes passed on the way: %q, want the one the completion rule requires", passed)
	}

	completions, err := srv.Store.CompletionsOfUser(context.Background(), lea.ID)
	if err != nil || len(completions) != 1 {
		t.Fatalf("completions after the journey: %v, %+v", err, completions)
	}
	comp := completions[0]
	completedOn := i18n.FormatDate("de", comp.CompletedAt)
	AssertHeading(t, tab, title)
	AssertText(t, tab, "[role=status]", "Kurs abgeschlossen. Ihre Teilnahme ist erfasst.")
	AssertText(t, tab, ".learn-course", "100 % erledigt")
	AssertText(t, tab, ".learn-course", "Sie haben diese Version am "+completedOn+" abgeschlossen.")
	AssertAccessible(t, tab, "course page, completed")
	Screenshot(t, tab, "completion-course")
	assertPDF(t, tab, linkHref(t, tab, "Teilnahmebestätigung herunterladen"))

	ClickLink(t, tab, "Startseite")
	AssertText(t, tab, "h2", "Abgeschlossene Kurse")
	row := `#h-completed ~ table tbody tr`
	AssertText(t, tab, row, title)
	AssertText(t, tab, row, v.Version)
	AssertText(t, tab, row, completedOn)
	AssertText(t, tab, row, "gültig")
	AssertNotVisible(t, tab, "#h-progress") // no longer "in progress"
	AssertAccessible(t, tab, "dashboard, completed")
	Screenshot(t, tab, "completion-dashboard")
	pdf := linkHref(t, tab, "PDF")
	if want := "/records/" + comp.RecordID + ".pdf"; !strings.HasSuffix(pdf, want) {
		t.Errorf("the dashboard's PDF link goes to %s, want %s", pdf, want)
	}
	assertPDF(t, tab, pdf)

	visitor := srv.NewTab(t)
	if status := Open(t, visitor, verifyURLOf(t, srv)); status != 200 {
		t.Fatalf("verification page: status %d", status)
	}
	AssertHeading(t, visitor, "Teilnahmebestätigung prüfen")
	AssertText(t, visitor, ".verify-result", "gültig")
	AssertText(t, visitor, ".verify-details", title)
	AssertText(t, visitor, ".verify-details", v.Version)
	AssertText(t, visitor, ".verify-details", comp.RecordID)
	AssertAccessible(t, visitor, "verification of the new record")
	Screenshot(t, visitor, "completion-verify")
}

// learnUntilComplete follows the course from the first lesson as a learner would: it marks each
// lesson read, takes every quiz the app leads to and continues after the result, until the app
// brings the learner back to the course page. It returns the modules read and quizzes passed.
func learnUntilComplete(t *testing.T, tab context.Context, v *content.Version) (read, passed []string) {
	t.Helper()
	lessonPrefix := v.Base + "/m/"
	for range 3 * len(v.Modules) {
		path := Path(t, tab)
		module := strings.TrimSuffix(strings.TrimPrefix(path, lessonPrefix), "/quiz")
		switch {
		case path == "/courses/"+v.CourseID:
			return read, passed
		case path == lessonPrefix+module:
			AssertAccessible(t, tab, "lesson "+module)
			if status := ClickButton(t, tab, "Als gelesen markieren und weiter"); status != 200 {
				t.Fatalf("marking %s read: status %d", module, status)
			}
			read = append(read, module)
		case path == lessonPrefix+module+"/quiz":
			passQuiz(t, tab, module, v.Module(module).Quiz)
			passed = append(passed, module)
			ClickLink(t, tab, nextModuleLink(t, tab))
		default:
			t.Fatalf("the learner got lost on %s (headings %q)", path, Texts(t, tab, "h1, h2"))
		}
	}
	t.Fatalf("the course was not complete after %d steps: read %q, passed %q", 3*len(v.Modules), read, passed)
	return nil, nil
}

// nextModuleLink is the text of the result page's link to the next module, or of the link back
// to the course after the last one.
func nextModuleLink(t *testing.T, tab context.Context) string {
	t.Helper()
	for _, text := range Texts(t, tab, ".quiz-next a") {
		if strings.HasPrefix(text, "Nächstes Modul: ") {
			return text
		}
	}
	return "Zurück zur Kursübersicht"
}

// passQuiz goes from the quiz's start page over the questions and the confirmation to the result
// and fails unless the quiz is passed.
func passQuiz(t *testing.T, tab context.Context, module string, d *quiz.Definition) {
	t.Helper()
	if d == nil {
		t.Fatalf("the app led to the quiz of %s, which has none", module)
	}
	AssertAccessible(t, tab, "quiz "+module+": start page")
	if status := ClickButton(t, tab, "Quiz starten"); status != 200 {
		t.Fatalf("starting quiz %s: status %d", module, status)
	}
	AssertAccessible(t, tab, "quiz "+module+": questions")
	submitTop := buttonTop(t, tab, "Abgeben")
	answerRight(t, tab, *d)
	waitForText(t, tab, "#quiz-autosave", "Automatisch gespeichert um")
	if top := buttonTop(t, tab, "Abgeben"); top != submitTop {
		t.Errorf("the autosave message moved the submit button from y=%v to y=%v, away from the pointer", submitTop, top)
	}
	Screenshot(t, tab, "completion-quiz-"+module)
	if status := ClickButton(t, tab, "Abgeben"); status != 200 {
		t.Fatalf("quiz %s, confirmation page: status %d", module, status)
	}
	AssertHeading(t, tab, "Test abgeben?")
	AssertAccessible(t, tab, "quiz "+module+": confirmation")
	if status := ClickButton(t, tab, "Endgültig abgeben"); status != 200 {
		t.Fatalf("quiz %s, result page: status %d", module, status)
	}
	AssertText(t, tab, "[role=status]", "Bestanden")
	AssertAccessible(t, tab, "quiz "+module+": result")
}

// answerRight answers every question of d on the page with the right answer from the quiz
// definition, by clicking options and picking from the lists. Questions not drawn for this
// attempt are not on the page and are left out.
func answerRight(t *testing.T, tab context.Context, d quiz.Definition) {
	t.Helper()
	shown := 0
	for _, q := range d.Questions {
		field := quiz.FieldName(q.ID)
		if countVisible(t, tab, fmt.Sprintf(`fieldset [name^=%q]`, field)) == 0 {
			continue
		}
		shown++
		switch q.Type {
		case quiz.TypeSingle, quiz.TypeMultiple:
			for _, o := range q.Options {
				if o.Correct {
					click(t, tab, fmt.Sprintf(`input[name=%q][value=%q]`, field, o.ID))
				}
			}
		case quiz.TypeTrueFalse:
			answer, _ := q.TrueFalseAnswer()
			click(t, tab, fmt.Sprintf(`input[name=%q][value="%t"]`, field, answer))
		case quiz.TypeOrder: // items are listed in the right order
			for i, it := range q.Items {
				choose(t, tab, quiz.PartFieldName(q.ID, it.ID), "Position "+strconv.Itoa(i+1))
			}
		case quiz.TypeMatch:
			for _, p := range q.Pairs {
				choose(t, tab, quiz.PartFieldName(q.ID, p.ID), p.Answer)
			}
		case quiz.TypeNumeric:
			answer, _ := q.NumericAnswer()
			typeInto(t, tab, field, strconv.FormatFloat(answer, 'f', -1, 64))
		case quiz.TypeText:
			typeInto(t, tab, field, q.Accept[0])
		default:
			t.Fatalf("question %s: no way to answer type %q", q.ID, q.Type)
		}
	}
	if shown == 0 {
		t.Fatalf("none of the quiz's questions is on %s", currentURL(tab))
	}
}

func click(t *testing.T, tab context.Context, css string) {
	t.Helper()
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(css), chromedp.NodeVisible)); err != nil {
		t.Fatalf("clicking %s: %v", css, err)
	}
}

func typeInto(t *testing.T, tab context.Context, name, value string) {
	t.Helper()
	if err := chromedp.Do(tab, chromedp.SendKeys(chromedp.CSS(fmt.Sprintf(`input[name=%q]`, name)), value)); err != nil {
		t.Fatalf("typing into %s: %v", name, err)
	}
}

// choose picks the option of the select list named name whose visible text is text, as
// a user picks from the list, and fails when there is none.
func choose(t *testing.T, tab context.Context, name, text string) {
	t.Helper()
	js := call(`((name, text) => { `+jsNorm+`
		const s = document.querySelector('select[name="' + name + '"]');
		const o = s && [...s.options].find(o => o.value && norm(o.text) === text);
		if (!o) return false;
		s.value = o.value; s.dispatchEvent(new Event('change', {bubbles: true}));
		return true; })`, name, text)
	ok, err := chromedp.Run(tab, chromedp.Evaluate[bool](js))
	if err != nil || !ok {
		t.Fatalf("choosing %q in the list %s: %v (found %v)", text, name, err, ok)
	}
}

// buttonTop is where the visible button whose text is text starts on the page, in CSS pixels.
func buttonTop(t *testing.T, tab context.Context, text string) float64 {
	t.Helper()
	button := find(t, tab, call(jsByText, buttonElements, text), fmt.Sprintf("button %q", text))
	top, err := chromedp.Run(tab, chromedp.Evaluate[float64](string(button)+".getBoundingClientRect().top + window.scrollY"))
	if err != nil {
		t.Fatalf("reading the position of button %q: %v", text, err)
	}
	return top
}

// waitForText waits up to five seconds until an element matching css says want, as a status
// message that appears after a request does.
func waitForText(t *testing.T, tab context.Context, css, want string) {
	t.Helper()
	poll := chromedp.Poll[bool](call(`((sel, want) => [...document.querySelectorAll(sel)].some(e => e.textContent.includes(want)))`, css, want),
		chromedp.WithPollingTimeout(5*time.Second))
	if _, err := chromedp.Run(tab, poll); err != nil {
		t.Fatalf("on %s no %s says %q within 5 s; they say %q (%v)", currentURL(tab), css, want, Texts(t, tab, css), err)
	}
}

// linkHref is the address of the visible link whose text is text.
func linkHref(t *testing.T, tab context.Context, text string) string {
	t.Helper()
	link := find(t, tab, call(jsByText, linkElements, text), fmt.Sprintf("link %q", text))
	href, err := chromedp.Run(tab, chromedp.Evaluate[string](string(link)+".href"))
	if err != nil {
		t.Fatalf("reading the address of link %q: %v", text, err)
	}
	return href
}

// assertPDF downloads href with the tab's session (fetch in the page) and fails unless the answer
// is a PDF.
func assertPDF(t *testing.T, tab context.Context, href string) {
	t.Helper()
	js := fmt.Sprintf(`fetch(%s).then(async r => ({status: r.status, type: r.headers.get('Content-Type') || '',
		head: String.fromCharCode(...new Uint8Array(await r.arrayBuffer()).slice(0, 5))}))`, jsString(href))
	got, err := chromedp.Run(tab, chromedp.Evaluate[struct {
		Status int    `json:"status"`
		Type   string `json:"type"`
		Head   string `json:"head"`
	}](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("downloading %s: %v", href, err)
	}
	if got.Status != 200 || got.Type != "application/pdf" || got.Head != "%PDF-" {
		t.Fatalf("downloading %s: status %d, type %q, starts with %q; want 200, application/pdf, %%PDF-", href, got.Status, got.Type, got.Head)
	}
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
