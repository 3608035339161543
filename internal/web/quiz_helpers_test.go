package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/ailit/ailit/internal/content/contenttest"
	"github.com/ailit/ailit/internal/quiz"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/webtest"
)

// The example course of internal/content/testdata has a quiz with every question type.
const (
	exampleQuiz     = "/courses/ki-grundlagen/v/1.1.0/m/was-ist-ki/quiz"
	customQuiz      = "/courses/quiztest/v/1.0.0/m/test/quiz"
	customModuleDir = "quiztest/1.0.0/modules/01-test"
)

// quizClock is a clock the test moves forward, to pass deadlines and waiting times.
type quizClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *quizClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

func (c *quizClock) Add(d time.Duration) { c.mu.Lock(); c.now = c.now.Add(d); c.mu.Unlock() }

// quizCourse writes a course "quiztest" with one module whose quiz.yaml is quizYAML, and returns
// the courses folder.
func quizCourse(t *testing.T, quizYAML string) string { return quizCourseTB(t, quizYAML) }

func quizCourseTB(t testing.TB, quizYAML string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"quiztest/1.0.0/course.yaml":   contenttest.Manifest{ID: "quiztest", Minutes: 10}.YAML(),
		customModuleDir + "/lesson.md": "---\ntitle: Testmodul\nduration_minutes: 5\n---\n\nText.\n\n## Quellen\n\n1. Keine.\n",
		customModuleDir + "/quiz.yaml": quizYAML,
	}
	for name, body := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// quizEnv starts the app on coursesDir ("" for the example courses) with a test clock and a
// logged-in learner.
func quizEnv(t testing.TB, coursesDir string) (*webtest.Env, *webtest.Client, *quizClock) {
	t.Helper()
	env := webtest.New(t, webtest.Options{CoursesDir: coursesDir})
	if coursesDir != "" && env.Library.Catalog().Version("quiztest", "1.0.0") == nil {
		t.Fatalf("the test course did not load: %v", env.Library.Report().Problems)
	}
	clock := &quizClock{now: time.Now().UTC()}
	env.Store.Clock = clock
	return env, quizLearner(t, env, "anna@stadt.example"), clock
}

func quizLearner(t testing.TB, env *webtest.Env, email string) *webtest.Client {
	t.Helper()
	env.CreateUser(t, email, pw, store.RoleLearner)
	c := env.Client(t)
	c.Login(email, pw)
	return c
}

var attemptURL = regexp.MustCompile(`^/quiz/attempts/(\d+)$`)

// startAttempt starts an attempt from the quiz page and returns its id and path.
func startAttempt(t testing.TB, c *webtest.Client, quizPage string) (int64, string) {
	t.Helper()
	c.Get(quizPage)
	r := c.Post(quizPage+"/attempts", nil)
	m := attemptURL.FindStringSubmatch(r.Location())
	if r.Status != http.StatusSeeOther || m == nil {
		t.Fatalf("starting an attempt: %d %q\n%s", r.Status, r.Location(), r.Body)
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id, m[0]
}

// formControl is a control of the rendered question form.
type formControl struct {
	Name, Type, Value string
	Checked           bool
	Options           []selectOption // select
}

type selectOption struct{ Value, Text string }

// parseQuizForm reads the controls of the form with id quiz-form, as a browser would see them.
func parseQuizForm(t testing.TB, body string) []formControl {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var controls []formControl
	var inForm func(n *html.Node, inside bool)
	inForm = func(n *html.Node, inside bool) {
		if n.Type == html.ElementNode {
			if n.Data == "form" && attr(n, "id") == "quiz-form" {
				inside = true
			}
			switch {
			case !inside:
			case n.Data == "input":
				_, checked := attrOK(n, "checked")
				controls = append(controls, formControl{Name: attr(n, "name"), Type: attr(n, "type"), Value: attr(n, "value"), Checked: checked})
			case n.Data == "select":
				fc := formControl{Name: attr(n, "name"), Type: "select"}
				for o := n.FirstChild; o != nil; o = o.NextSibling {
					if o.Type == html.ElementNode && o.Data == "option" {
						fc.Options = append(fc.Options, selectOption{Value: attr(o, "value"), Text: nodeText(o)})
						if _, sel := attrOK(o, "selected"); sel {
							fc.Value = attr(o, "value")
						}
					}
				}
				controls = append(controls, fc)
			}
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			inForm(ch, inside)
		}
	}
	inForm(doc, false)
	if len(controls) == 0 {
		t.Fatalf("no quiz form on the page:\n%s", body)
	}
	return controls
}

func attr(n *html.Node, name string) string { v, _ := attrOK(n, name); return v }

func attrOK(n *html.Node, name string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val, true
		}
	}
	return "", false
}

func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.TrimSpace(b.String())
}

// answerForm fills the rendered form as a learner would: correct answers from the quiz definition
// when right is true, otherwise a wrong choice wherever there is one. Only fields the page
// offers are used.
func answerForm(t testing.TB, d *quiz.Definition, controls []formControl, right bool) url.Values {
	t.Helper()
	form := url.Values{}
	for _, fc := range controls {
		if !strings.HasPrefix(fc.Name, "q-") {
			continue
		}
		qid, part, _ := strings.Cut(strings.TrimPrefix(fc.Name, "q-"), ".")
		i := slices.IndexFunc(d.Questions, func(q quiz.Question) bool { return q.ID == qid })
		if i < 0 {
			t.Fatalf("the form has field %s of a question the quiz does not have", fc.Name)
		}
		q := d.Questions[i]
		switch q.Type {
		case quiz.TypeSingle, quiz.TypeMultiple:
			o := q.Options[slices.IndexFunc(q.Options, func(o quiz.Option) bool { return o.ID == fc.Value })]
			if o.Correct == right {
				form.Add(fc.Name, fc.Value)
			}
		case quiz.TypeTrueFalse:
			answer, _ := q.TrueFalseAnswer()
			if fc.Value == strconv.FormatBool(answer == right) {
				form.Set(fc.Name, fc.Value)
			}
		case quiz.TypeOrder:
			pos := slices.IndexFunc(q.Items, func(it quiz.Item) bool { return it.ID == part }) + 1
			if !right {
				pos = pos%len(q.Items) + 1
			}
			form.Set(fc.Name, strconv.Itoa(pos))
		case quiz.TypeMatch:
			pair := q.Pairs[slices.IndexFunc(q.Pairs, func(p quiz.Pair) bool { return p.ID == part })]
			for _, o := range fc.Options {
				if o.Value != "" && (o.Text == pair.Answer) == right {
					form.Set(fc.Name, o.Value)
					break
				}
			}
		case quiz.TypeNumeric:
			n, _ := q.NumericAnswer()
			if !right {
				n += q.Tolerance + 1
			}
			form.Set(fc.Name, strings.Replace(fmt.Sprint(n), ".", ",", 1))
		case quiz.TypeText:
			form.Set(fc.Name, map[bool]string{true: q.Accept[0], false: "sicher falsch"}[right])
		}
	}
	return form
}

// storedAttempt reads an attempt with its answers straight from the database.
func storedAttempt(t testing.TB, env *webtest.Env, id int64) store.QuizAttempt {
	t.Helper()
	var a store.QuizAttempt
	if err := env.Store.TestReader().Preload("Answers").First(&a, id).Error; err != nil {
		t.Fatalf("attempt %d: %v", id, err)
	}
	return a
}

func countAttempts(t testing.TB, env *webtest.Env) int64 {
	t.Helper()
	var n int64
	if err := env.Store.TestReader().Model(&store.QuizAttempt{}).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func quizDefinition(t testing.TB, env *webtest.Env, course, version, module string) *quiz.Definition {
	t.Helper()
	v := env.Library.Catalog().Version(course, version)
	if v == nil || v.Module(module) == nil || v.Module(module).Quiz == nil {
		t.Fatalf("no quiz in %s %s %s", course, version, module)
	}
	return v.Module(module).Quiz
}

var tags = regexp.MustCompile(`<[^>]*>`)

// mustHave checks that the page has each string, in its HTML or in its text without tags.
func mustHave(t testing.TB, what, body string, wants ...string) {
	t.Helper()
	raw := html.UnescapeString(body)
	text := html.UnescapeString(tags.ReplaceAllString(body, ""))
	for _, w := range wants {
		if !strings.Contains(raw, w) && !strings.Contains(text, w) {
			t.Errorf("%s: missing %q", what, w)
		}
	}
}
