package web_test

import (
	"net/http"
	"net/url"
	"testing"
)

// The module links and facts of a course page are rendered once per version and language and
// kept, the module states once per language (course_kept.go). Learners at different points of the
// course, in German and English, opening the same course page one after the other, must each see
// their own language and their own progress.
func TestKeptCoursePageShowsEachLearnerTheirOwnLanguageAndProgress(t *testing.T) {
	t.Parallel()
	env, reader := catalogEnv(t) // a learner, German
	env.CreateUser(t, "neu@stadt.example", pw, "learner")
	newcomer := env.Client(t)
	newcomer.Login("neu@stadt.example", pw)
	reader.Post("/courses/ki-grundlagen/enroll", nil)
	reader.Get("/courses/ki-grundlagen/v/1.1.0/m/was-ist-ki")
	if r := reader.Post("/courses/ki-grundlagen/v/1.1.0/m/was-ist-ki/done", nil); r.Status != http.StatusSeeOther {
		t.Fatalf("marking the lesson read: status %d", r.Status)
	}
	const page = "/courses/ki-grundlagen"
	const firstModule = `href="/courses/ki-grundlagen/v/1.1.0/m/was-ist-ki">Was ist Künstliche Intelligenz?</a>`

	r := reader.Get(page)
	mustContain(t, "the reader's course page", r.Body, firstModule, "8 Minuten · mit Quiz",
		"gelesen, Quiz offen", "noch nicht begonnen", "Über diesen Kurs")
	mustNotContain(t, "the reader's course page", r.Body, "8 minutes", "read, quiz open", "About this course")

	// The same version in the same language for a learner who has not enrolled: no states.
	r = newcomer.Get(page)
	mustContain(t, "the newcomer's course page", r.Body, firstModule, "8 Minuten · mit Quiz", "Über diesen Kurs")
	mustNotContain(t, "the newcomer's course page", r.Body, "gelesen, Quiz offen", "noch nicht begonnen")

	// The newcomer switches to English: the German module texts and facts kept above must not show.
	newcomer.Post("/language", url.Values{"lang": {"en"}, "next": {page}})
	r = newcomer.Get(page)
	mustContain(t, "the newcomer's English course page", r.Body, "8 minutes · with quiz", "About this course")
	mustNotContain(t, "the newcomer's English course page", r.Body, "Minuten", "mit Quiz", "Über diesen Kurs", "not started")

	// The reader in English sees their progress in English.
	reader.Post("/language", url.Values{"lang": {"en"}, "next": {page}})
	r = reader.Get(page)
	mustContain(t, "the reader's English course page", r.Body, "read, quiz open", "not started", "8 minutes · with quiz")
	mustNotContain(t, "the reader's English course page", r.Body, "gelesen, Quiz offen", "noch nicht begonnen")
	// The course is German, the page English: the module links carry the course's language.
	mustContain(t, "the reader's English course page", r.Body,
		`href="/courses/ki-grundlagen/v/1.1.0/m/was-ist-ki" lang="de">Was ist Künstliche Intelligenz?</a>`)
}
