package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/ailit/ailit/internal/web/webtest"
)

// The header, footer and main navigation are rendered once per language and set of roles and
// kept (layout_parts.go). Pages of different users and languages, opened one after the other
// so each finds the others' renderings kept, must still show their own.
func TestKeptLayoutShowsEachUserTheirOwnLanguageAndNavigation(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	env.CreateUser(t, "trainer@stadt.example", pw, "learner", "trainer")
	env.CreateUser(t, "lerner@stadt.example", pw, "learner")
	browser := func(email, lang string) *webtest.Client {
		c := env.Client(t)
		c.Login(email, pw)
		if r := c.Post("/language", url.Values{"lang": {lang}, "next": {"/"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("switching %s to %s: status %d", email, lang, r.Status)
		}
		return c
	}
	trainerEN := browser("trainer@stadt.example", "en")
	learnerDE := browser("lerner@stadt.example", "de")
	learnerEN := browser("lerner@stadt.example", "en")
	trainerDE := browser("trainer@stadt.example", "de")

	const (
		workspaceLink = `href="/workspace"`
		coursesDE     = `<a class="site-nav__link" href="/courses" aria-current="page">Kurse</a>`
		coursesEN     = `<a class="site-nav__link" href="/courses" aria-current="page">Courses</a>`
		homeDE        = `<a class="site-nav__link" href="/">Startseite</a>`
		homeEN        = `<a class="site-nav__link" href="/">Home</a>`
		footerDE      = "ailit test – freie Software unter EUPL-1.2"
		footerEN      = "ailit test – free software under EUPL-1.2"
	)
	for _, step := range []struct {
		who     string
		c       *webtest.Client
		want    []string
		notWant []string
	}{
		{"the trainer in English", trainerEN,
			[]string{coursesEN, homeEN, workspaceLink, footerEN, `aria-label="Main navigation"`, "Skip to content"},
			[]string{"Kurse", "Startseite", footerDE, "Zum Inhalt springen"}},
		{"the learner in German", learnerDE,
			[]string{coursesDE, homeDE, footerDE, `aria-label="Hauptnavigation"`, "Zum Inhalt springen"},
			[]string{workspaceLink, "Courses", footerEN, "Skip to content"}},
		{"the learner in English", learnerEN,
			[]string{coursesEN, homeEN, footerEN},
			[]string{workspaceLink, "Kurse", footerDE}},
		{"the trainer in German", trainerDE,
			[]string{coursesDE, homeDE, workspaceLink, footerDE},
			[]string{"Courses", footerEN}},
	} {
		r := step.c.Get("/courses")
		if r.Status != http.StatusOK {
			t.Fatalf("%s: status %d", step.who, r.Status)
		}
		mustContain(t, "the course list of "+step.who, r.Body, step.want...)
		mustNotContain(t, "the course list of "+step.who, r.Body, step.notWant...)
	}

	// The same roles and language on another page: another link is the current one.
	r := learnerDE.Get("/sessions")
	mustContain(t, "the sessions page", r.Body, `<a class="site-nav__link" href="/courses">Kurse</a>`,
		`<a class="site-nav__link" href="/sessions" aria-current="page">`)
	mustNotContain(t, "the sessions page", r.Body, coursesDE)
	// The user's own name and the logout form are the request's, never kept.
	mustContain(t, "the sessions page", r.Body, ">lerner</a>", `action="/logout"><input type="hidden" name="_csrf" value="`+learnerDE.CSRF+`"`)
	r = trainerDE.Get("/sessions")
	mustContain(t, "the trainer's sessions page", r.Body, ">trainer</a>", `value="`+trainerDE.CSRF+`"`)
	mustNotContain(t, "the trainer's sessions page", r.Body, ">lerner</a>", learnerDE.CSRF)
}
