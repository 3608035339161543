package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestLessonPageHasBreadcrumbsReadingTimeAndModuleNavigation(t *testing.T) {
	t.Parallel()
	_, c := catalogEnv(t)
	r := c.Get("/courses/ki-grundlagen/v/1.1.0/m/chancen-und-grenzen")
	if r.Status != http.StatusOK {
		t.Fatalf("status %d", r.Status)
	}
	mustContain(t, "the lesson page", r.Body,
		`<nav class="breadcrumbs" aria-label="Sie sind hier">`,
		`<li><a class="kern-link" href="/courses">Kurse</a></li>`,
		`<li><a class="kern-link" href="/courses/ki-grundlagen/v/1.1.0">KI-Grundlagen für alle Beschäftigten</a></li>`,
		`<li><a class="kern-link" href="/courses/ki-grundlagen/v/1.1.0/m/chancen-und-grenzen" aria-current="page">Chancen und Grenzen</a></li>`,
		`<h1 class="kern-heading-large">Chancen und Grenzen</h1>`,
		"Modul 2 von 3 · Lesezeit etwa 10 Minuten",
		`href="/courses/ki-grundlagen/v/1.1.0/m/was-ist-ki" rel="prev">Vorheriges Modul: <span>Was ist Künstliche Intelligenz?</span>`,
		`href="/courses/ki-grundlagen/v/1.1.0/m/ki-im-buergerbuero" rel="next">Nächstes Modul: <span>KI im Bürgerbüro</span>`,
		`<nav class="lesson-pager no-print"`)
	mustNotContain(t, "a lesson without a quiz", r.Body, "Zum Quiz")
	// Exactly one h1: the module title.
	if n := strings.Count(r.Body, "<h1"); n != 1 {
		t.Errorf("%d h1 headings, want 1", n)
	}
}

func TestLessonWithAQuizEndsWithALinkToTheQuiz(t *testing.T) {
	t.Parallel()
	_, c := catalogEnv(t)
	r := c.Get("/courses/ki-grundlagen/v/1.1.0/m/was-ist-ki")
	mustContain(t, "the first lesson", r.Body,
		`<a class="kern-btn kern-btn--primary" href="/courses/ki-grundlagen/v/1.1.0/m/was-ist-ki/quiz"><span class="kern-label">Zum Quiz</span></a>`,
		`src="/courses/ki-grundlagen/v/1.1.0/files/modules/01-was-ist-ki/media/neuronales-netz.png"`,
		"Modul 1 von 3")
	mustNotContain(t, "the first lesson", r.Body, `rel="prev"`)
	// The quiz link comes after the lesson text.
	if strings.Index(r.Body, "Zum Quiz") < strings.Index(r.Body, "</article>") {
		t.Error("the quiz link is not at the end of the lesson")
	}

	r = c.Get("/courses/ki-grundlagen/v/1.1.0/m/ki-im-buergerbuero")
	mustContain(t, "the last lesson", r.Body, `href="/courses/ki-grundlagen/v/1.1.0">Zurück zur Kursübersicht</a>`, "/m/ki-im-buergerbuero/quiz")
	mustNotContain(t, "the last lesson", r.Body, `rel="next"`)
}

func TestLessonMarksTheCourseLanguageWhenItDiffersFromTheUI(t *testing.T) {
	t.Parallel()
	_, c := catalogEnv(t)
	tests := []struct {
		uiLang, path, article string
	}{
		{"de", "/courses/ai-at-work/v/1.0.0/m/was-ist-ki", `<article class="lesson" lang="en">`},
		{"de", "/courses/ki-grundlagen/v/1.1.0/m/was-ist-ki", `<article class="lesson">`},
		{"en", "/courses/ai-at-work/v/1.0.0/m/was-ist-ki", `<article class="lesson">`},
		{"en", "/courses/ki-grundlagen/v/1.1.0/m/was-ist-ki", `<article class="lesson" lang="de">`},
	}
	for _, tt := range tests {
		c.Post("/language", url.Values{"lang": {tt.uiLang}, "next": {"/courses"}})
		r := c.Get(tt.path)
		if !strings.Contains(r.Body, `<html lang="`+tt.uiLang+`">`) || !strings.Contains(r.Body, tt.article) {
			t.Errorf("UI %s, %s: want %s", tt.uiLang, tt.path, tt.article)
		}
	}
	// The UI texts inside a foreign-language article are marked as UI language again.
	c.Post("/language", url.Values{"lang": {"de"}, "next": {"/courses"}})
	r := c.Get("/courses/ai-at-work/v/1.0.0/m/was-ist-ki")
	mustContain(t, "the English lesson", r.Body, `<p class="kern-body lesson__meta" lang="de">Modul 1 von 2`)
}
