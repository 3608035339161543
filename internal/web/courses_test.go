package web_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

func TestCatalogListsPublishedCoursesWithTheirFactsButNoDrafts(t *testing.T) {
	t.Parallel()
	_, c := catalogEnv(t)
	r := c.Get("/courses")
	if r.Status != http.StatusOK {
		t.Fatalf("status %d", r.Status)
	}
	if got, want := catalogIDs(r.Body), []string{"ai-at-work", "ki-fuehrung", "ki-grundlagen"}; !slices.Equal(got, want) {
		t.Errorf("catalog lists %v, want %v", got, want)
	}
	mustContain(t, "the catalog", r.Body,
		`role="status">3 Kurse gefunden`,
		"KI-Grundlagen für alle Beschäftigten", "Was Künstliche Intelligenz ist",
		"L1 Basis (alle Beschäftigten)", "L3 Vertiefung und Verantwortung", "40 Minuten", "Deutsch", "Englisch",
		"KI verstehen", "Ergebnisse bewerten", "Steuerung und Einführung", "Alle Beschäftigten", "Führungskräfte", "IT und Entwicklung")
	mustNotContain(t, "the catalog", r.Body, "Geheimer Entwurf", "Entwurf der nächsten Fassung", "Alle Filter zurücksetzen")
	// The English course's texts carry their language on the German page.
	mustContain(t, "the catalog", r.Body, `<h2 class="kern-title" lang="en"><a class="kern-link" href="/courses/ai-at-work">`)
}

func TestCatalogFiltersNarrowTheList(t *testing.T) {
	t.Parallel()
	_, c := catalogEnv(t)
	all := []string{"ai-at-work", "ki-fuehrung", "ki-grundlagen"}
	tests := []struct {
		name  string
		query url.Values
		want  []string
	}{
		{"level", url.Values{"level": {"L3"}}, []string{"ki-fuehrung"}},
		{"language", url.Values{"language": {"en"}}, []string{"ai-at-work"}},
		{"competence", url.Values{"competence": {"KA-GRUND"}}, []string{"ki-grundlagen"}},
		{"competence of the latest version only", url.Values{"competence": {"KA-AUFSICHT"}}, []string{"ki-fuehrung"}},
		{"audience", url.Values{"audience": {"it"}}, []string{"ai-at-work"}},
		{"at most 30 minutes", url.Values{"max": {"30"}}, []string{"ai-at-work"}},
		{"at most 45 minutes", url.Values{"max": {"45"}}, []string{"ai-at-work", "ki-grundlagen"}},
		{"search with umlauts", url.Values{"q": {"führungskräfte"}}, []string{"ki-fuehrung"}},
		{"search with umlauts typed as ae, ue", url.Values{"q": {"FUEHRUNGSKRAEFTE"}}, []string{"ki-fuehrung"}},
		{"search in capitals", url.Values{"q": {"GRUNDLAGEN"}}, []string{"ki-grundlagen"}},
		{"two filters", url.Values{"level": {"L1"}, "language": {"de"}}, []string{"ki-grundlagen"}},
		{"unknown values are ignored", url.Values{"level": {"L9"}, "competence": {"KA-FOO"}, "audience": {"niemand"}, "language": {"fr"}, "max": {"abc"}}, all},
		{"a duration that is not offered is ignored", url.Values{"max": {"-5"}}, all},
		{"no match", url.Values{"q": {"Quantencomputer"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.Get("/courses?" + tt.query.Encode())
			if r.Status != http.StatusOK {
				t.Fatalf("status %d", r.Status)
			}
			if got := catalogIDs(r.Body); !slices.Equal(got, tt.want) {
				t.Errorf("catalog lists %v, want %v", got, tt.want)
			}
		})
	}
}

func TestCatalogKeepsTheChosenFiltersAndOffersAReset(t *testing.T) {
	t.Parallel()
	_, c := catalogEnv(t)
	r := c.Get("/courses?level=L3&q=F%C3%BChrung")
	mustContain(t, "the filtered catalog", r.Body, `<option value="L3" selected>`, `name="q" type="search" value="Führung"`,
		`role="status">1 Kurs gefunden`, `<a class="kern-link" href="/courses">Alle Filter zurücksetzen</a>`)

	r = c.Get("/courses?q=Quantencomputer")
	mustContain(t, "the empty catalog", r.Body, `role="status">0 Kurse gefunden`, "Kein Kurs passt zu Ihrer Auswahl", `href="/courses">Alle Filter zurücksetzen`)
}

func TestCatalogSpeaksTheLanguageOfTheUser(t *testing.T) {
	t.Parallel()
	_, c := catalogEnv(t)
	c.Post("/language", url.Values{"lang": {"en"}, "next": {"/courses"}})
	r := c.Get("/courses")
	mustContain(t, "the English catalog", r.Body, "3 courses found", "Understanding AI", "All staff", "L3 In depth and responsibility", "German")
	// Now the German course texts carry lang="de", the English one none.
	mustContain(t, "the English catalog", r.Body, `<h2 class="kern-title" lang="de"><a class="kern-link" href="/courses/ki-grundlagen">`,
		`<h2 class="kern-title"><a class="kern-link" href="/courses/ai-at-work">`)
}

func TestCoursePageShowsTheLatestVersionWithEverythingALearnerNeeds(t *testing.T) {
	t.Parallel()
	_, c := catalogEnv(t)
	r := c.Get("/courses/ki-grundlagen")
	if r.Status != http.StatusOK {
		t.Fatalf("status %d", r.Status)
	}
	mustContain(t, "the course page", r.Body,
		`<h1 class="kern-heading-large">KI-Grundlagen für alle Beschäftigten</h1>`,
		"Version</dt><dd class=\"kern-description-list-item__value\">1.1.0",
		"Rechtsstand</dt><dd class=\"kern-description-list-item__value\">01.11.2026",
		"Sie können erklären, was ein KI-System ist.",
		"Gesamtdauer etwa 40 Minuten",
		"Team Smart City (Stadt Jena)", "CC-BY-SA-4.0", "KI verstehen", "Alle Beschäftigten",
		`<form method="post" action="/courses/ki-grundlagen/enroll">`, `<span class="kern-label">Kurs beginnen</span>`,
		`<details class="kern-accordion course-changelog">`, "Was ist neu", "Neues Modul „KI im Bürgerbüro“")
	mustNotContain(t, "the latest version's page", r.Body, "Es gibt eine neuere Version", "Fachliche Prüfung überfällig")
	// The modules in order, each with its reading time.
	first := strings.Index(r.Body, `href="/courses/ki-grundlagen/v/1.1.0/m/was-ist-ki">Was ist Künstliche Intelligenz?`)
	second := strings.Index(r.Body, `href="/courses/ki-grundlagen/v/1.1.0/m/chancen-und-grenzen">`)
	third := strings.Index(r.Body, `href="/courses/ki-grundlagen/v/1.1.0/m/ki-im-buergerbuero">`)
	if first < 0 || !(first < second && second < third) {
		t.Errorf("modules missing or out of order: %d, %d, %d", first, second, third)
	}
	mustContain(t, "the module list", r.Body, "8 Minuten · mit Quiz")
}

func TestOlderVersionPageSaysThatANewerVersionExists(t *testing.T) {
	t.Parallel()
	_, c := catalogEnv(t)
	r := c.Get("/courses/ki-grundlagen/v/1.0.0")
	if r.Status != http.StatusOK {
		t.Fatalf("status %d", r.Status)
	}
	mustContain(t, "the page of version 1.0.0", r.Body, "Es gibt eine neuere Version (1.1.0)", "Sie sehen Version 1.0.0 dieses Kurses.",
		`<a class="kern-link" href="/courses/ki-grundlagen/v/1.1.0">Zur aktuellen Version 1.1.0</a>`,
		`href="/courses/ki-grundlagen/v/1.0.0/m/was-ist-ki"`, "Gesamtdauer etwa 30 Minuten")
	mustNotContain(t, "the page of version 1.0.0", r.Body, "ki-im-buergerbuero")

	r = c.Get("/courses/ki-grundlagen/v/1.1.0")
	mustNotContain(t, "the page of the latest version", r.Body, "Es gibt eine neuere Version")
}

func TestCoursePageWarnsWhenTheReviewIsOverdue(t *testing.T) {
	t.Parallel()
	_, c := catalogEnv(t)
	r := c.Get("/courses/ki-fuehrung")
	mustContain(t, "the overdue course", r.Body, "Fachliche Prüfung überfällig", "bis zum 01.01.2021 fachlich geprüft", "Stand vom 01.01.2020", "01.01.2021 (überfällig)")
	r = c.Get("/courses/ai-at-work")
	mustNotContain(t, "a course reviewed in time", r.Body, "überfällig")
}

func TestDraftsUnknownCoursesAndUnknownModulesAreNotFound(t *testing.T) {
	t.Parallel()
	_, c := catalogEnv(t)
	for _, path := range []string{
		"/courses/geheimer-entwurf",
		"/courses/geheimer-entwurf/v/draft",
		"/courses/geheimer-entwurf/v/1.0.0",
		"/courses/geheimer-entwurf/v/draft/m/was-ist-ki",
		"/courses/ki-grundlagen/v/draft",
		"/courses/ki-grundlagen/v/1.2.0",
		"/courses/ki-grundlagen/v/draft/m/was-ist-ki",
		"/courses/ki-grundlagen/v/draft/files/modules/01-was-ist-ki/media/neuronales-netz.png",
		"/courses/ki-grundlagen/v/9.9.9",
		"/courses/ki-grundlagen/v/9.9.9/m/was-ist-ki",
		"/courses/ki-grundlagen/v/1.1.0/m/gibt-es-nicht",
		"/courses/ki-grundlagen/v/1.0.0/m/ki-im-buergerbuero",
		"/courses/gibt-es-nicht",
	} {
		r := c.Get(path)
		if r.Status != http.StatusNotFound || !strings.Contains(r.Body, "Seite nicht gefunden") {
			t.Errorf("%s: status %d, want the 404 page", path, r.Status)
		}
	}
}
