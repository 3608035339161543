package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/ailit/ailit/internal/web/webtest"
)

// Around the lesson, a lesson page is rendered once per version, module and language and kept
// (lesson_kept.go); only the "mark as read" form is the learner's. Learners in German and English,
// enrolled or not, opening the same lessons one after the other must each see their own.
func TestKeptLessonPageShowsEachLearnerTheirOwnLanguageModuleAndForm(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	env.CreateUser(t, "leser@stadt.example", pw, "learner")
	env.CreateUser(t, "gast@stadt.example", pw, "learner")
	enrolled := env.Client(t)
	enrolled.Login("leser@stadt.example", pw)
	enrolled.Post("/courses/ki-grundlagen/enroll", nil)
	visitor := env.Client(t)
	visitor.Login("gast@stadt.example", pw)
	const first, second = "/courses/ki-grundlagen/v/1.1.0/m/was-ist-ki", "/courses/ki-grundlagen/v/1.1.0/m/chancen-und-grenzen"
	get := func(c *webtest.Client, path string) string {
		t.Helper()
		r := c.Get(path)
		if r.Status != http.StatusOK {
			t.Fatalf("%s: status %d", path, r.Status)
		}
		return r.Body
	}

	body := get(enrolled, first)
	mustContain(t, "the first lesson in German", body, "Modul 1 von 3", "<h1 class=\"kern-heading-large\">Was ist Künstliche Intelligenz?</h1>",
		"Nächstes Modul", "Als gelesen markieren und weiter", `value="`+enrolled.CSRF+`"`)
	// Another enrolled learner gets the same kept form with their own token in it.
	env.CreateUser(t, "zweite@stadt.example", pw, "learner")
	other := env.Client(t)
	other.Login("zweite@stadt.example", pw)
	other.Post("/courses/ki-grundlagen/enroll", nil)
	body = get(other, first)
	mustContain(t, "the first lesson for another learner", body, `action="/courses/ki-grundlagen/v/1.1.0/m/was-ist-ki/done" class="learn-done no-print"><input type="hidden" name="_csrf" value="`+other.CSRF+`">`)
	mustNotContain(t, "the first lesson for another learner", body, enrolled.CSRF)

	body = get(enrolled, second)
	mustContain(t, "the second lesson in German", body, "Modul 2 von 3", "<h1 class=\"kern-heading-large\">Chancen und Grenzen</h1>")
	mustNotContain(t, "the second lesson in German", body, "Modul 1 von 3", "<h1 class=\"kern-heading-large\">Was ist Künstliche Intelligenz?</h1>")

	// Not enrolled: the same kept lesson, without the form.
	body = get(visitor, first)
	mustContain(t, "the first lesson for a visitor", body, "Modul 1 von 3")
	mustNotContain(t, "the first lesson for a visitor", body, "Als gelesen markieren", enrolled.CSRF)

	// In English: the German parts kept above must not show; the German course is marked as such.
	visitor.Post("/language", url.Values{"lang": {"en"}, "next": {first}})
	body = get(visitor, first)
	mustContain(t, "the first lesson in English", body, "Module 1 of 3", "Next module", `<article class="lesson" lang="de">`,
		`<p class="kern-body lesson__meta" lang="en">`)
	mustNotContain(t, "the first lesson in English", body, "Modul 1 von 3", "Nächstes Modul", "Als gelesen markieren")
	enrolled.Post("/language", url.Values{"lang": {"en"}, "next": {first}})
	body = get(enrolled, first)
	mustContain(t, "the enrolled learner's first lesson in English", body, "Module 1 of 3", "Mark as read and continue")
	body = get(enrolled, second)
	mustContain(t, "the enrolled learner's second lesson in English", body, "Module 2 of 3")
	mustNotContain(t, "the enrolled learner's second lesson in English", body, "Module 1 of 3", "Modul 2 von 3")
}
