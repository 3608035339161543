package web_test

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/content/contenttest"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/webtest"
)

// The progress tests use the course "lernpfad": the two modules of ki-grundlagen 1.0.0
// (was-ist-ki, chancen-und-grenzen) without a required quiz, so reading both completes it.
const lernpfad = "/courses/lernpfad"

// writeLernpfad writes version folder `version` of lernpfad from the modules of an example version
// (1.0.0 or 1.1.0); changelog lines go into CHANGELOG.md newest first.
func writeLernpfad(t *testing.T, dir, version, change, modulesOf string, changelog ...string) {
	t.Helper()
	versionDir := filepath.Join(dir, "lernpfad", version)
	src := filepath.Join(dir, "ki-grundlagen", modulesOf, "modules")
	if err := os.CopyFS(filepath.Join(versionDir, "modules"), os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	writeCourseFile(t, dir, "lernpfad/"+version+"/course.yaml", contenttest.Manifest{ID: "lernpfad", Version: version, Change: change,
		Title: "Lernpfad KI", Summary: "Ein Kurs für die Fortschrittstests.", Minutes: 30, Quizzes: "none", ReviewDue: "2099-01-01"}.YAML())
	writeCourseFile(t, dir, "lernpfad/"+version+"/CHANGELOG.md", strings.Join(changelog, "\n\n")+"\n")
}

// progressEnv starts the app with lernpfad 1.0.0 and a logged-in learner.
func progressEnv(t *testing.T) (env *webtest.Env, c *webtest.Client, dir string) {
	t.Helper()
	dir = copyExampleCourses(t)
	writeLernpfad(t, dir, "1.0.0", "", "1.0.0", "## 1.0.0 (2026-11-01)\n- Erste Version.")
	env, c = loggedIn(t, dir, "learner")
	if ps := env.Library.Report().Problems; len(ps) > 0 {
		t.Fatalf("the test courses have problems: %v", ps)
	}
	return env, c, dir
}

func reload(t *testing.T, env *webtest.Env) {
	t.Helper()
	if _, err := env.Library.Reload(); err != nil {
		t.Fatal(err)
	}
	if ps := env.Library.Report().Problems; len(ps) > 0 {
		t.Fatalf("the test courses have problems: %v", ps)
	}
}

func mustRedirect(t *testing.T, r *webtest.Response, to string) {
	t.Helper()
	if r.Status != http.StatusSeeOther || r.Location() != to {
		t.Fatalf("status %d, redirect to %q; want 303 to %q\n%s", r.Status, r.Location(), to, r.Body)
	}
}

func completionsOf(t *testing.T, env *webtest.Env, email string) []store.Completion {
	t.Helper()
	ctx := context.Background()
	u, err := env.Store.UserByEmail(ctx, email)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := env.Store.CompletionsOfUser(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

func TestMarkingALessonWithoutEnrollmentIsRefused(t *testing.T) {
	t.Parallel()
	env, c, _ := progressEnv(t)
	c.Get("/")
	r := c.Post(lernpfad+"/v/1.0.0/m/was-ist-ki/done", nil)
	if r.Status != http.StatusConflict || !strings.Contains(r.Body, "Sie sind nicht in Version 1.0.0 dieses Kurses eingeschrieben.") {
		t.Fatalf("status %d\n%s", r.Status, r.Body)
	}
	u, _ := env.Store.UserByEmail(context.Background(), "learner@stadt.example")
	if es, _ := env.Store.EnrollmentsOfUser(context.Background(), u.ID); len(es) != 0 {
		t.Fatalf("refused request left enrollments: %+v", es)
	}
}

func TestReadingEveryLessonCompletesTheCourseOnce(t *testing.T) {
	t.Parallel()
	env, c, _ := progressEnv(t)
	r := c.Get("/")
	if !strings.Contains(r.Body, "Noch keine Kurse begonnen") || !strings.Contains(r.Body, `href="/courses"`) {
		t.Fatalf("empty dashboard:\n%s", r.Body)
	}
	mustRedirect(t, c.Post(lernpfad+"/enroll", nil), lernpfad)
	mustRedirect(t, c.Post(lernpfad+"/enroll", nil), lernpfad) // again: nothing changes

	mustRedirect(t, c.Post(lernpfad+"/v/1.0.0/m/was-ist-ki/done", nil), lernpfad+"/v/1.0.0/m/chancen-und-grenzen")
	r = c.Get("/")
	for _, want := range []string{
		"Weitermachen", `<progress id="p-continue" max="100" value="50">`, "50 % erledigt",
		"Als Nächstes: Chancen und Grenzen", `href="/courses/lernpfad/v/1.0.0/m/chancen-und-grenzen"`,
	} {
		if !strings.Contains(r.Body, want) {
			t.Errorf("dashboard in progress: missing %q", want)
		}
	}

	mustRedirect(t, c.Post(lernpfad+"/v/1.0.0/m/chancen-und-grenzen/done", nil), lernpfad)
	r = c.Get("/")
	for _, want := range []string{"Kurs abgeschlossen.", "Abgeschlossene Kurse", "<td class=\"kern-table__cell\">1.0.0</td>", "gültig"} {
		if !strings.Contains(r.Body, want) {
			t.Errorf("dashboard after completion: missing %q", want)
		}
	}
	if strings.Contains(r.Body, "Weitermachen") {
		t.Error("a completed course is still offered under Weitermachen")
	}

	// Reading a lesson again neither completes twice nor says so again.
	mustRedirect(t, c.Post(lernpfad+"/v/1.0.0/m/was-ist-ki/done", nil), lernpfad+"/v/1.0.0/m/chancen-und-grenzen")
	if r := c.Get("/"); strings.Contains(r.Body, "Kurs abgeschlossen.") {
		t.Error("the completion message came again")
	}
	cs := completionsOf(t, env, "learner@stadt.example")
	if len(cs) != 1 || cs[0].Version != "1.0.0" || cs[0].ValidUntil == nil || cs[0].ContentHash == "" {
		t.Fatalf("completions %+v, want one of 1.0.0 valid for 24 months", cs)
	}
	if n, broken, err := env.Store.VerifyEvidence(context.Background()); err != nil || broken != nil || n != 2 {
		t.Fatalf("evidence: %d entries, broken %+v, %v; want the role event and one completion", n, broken, err)
	}
}

func TestMarkingALessonOfAnotherVersionIsRefused(t *testing.T) {
	t.Parallel()
	env, c, dir := progressEnv(t)
	c.Get("/")
	mustRedirect(t, c.Post(lernpfad+"/enroll", nil), lernpfad)
	writeLernpfad(t, dir, "1.1.0", "minor", "1.1.0", "## 1.1.0 (2026-11-15)\n- Neues Modul.", "## 1.0.0 (2026-11-01)\n- Erste Version.")
	reload(t, env)
	r := c.Post(lernpfad+"/v/1.1.0/m/was-ist-ki/done", nil)
	if r.Status != http.StatusConflict || !strings.Contains(r.Body, "nicht in Version 1.1.0") {
		t.Fatalf("status %d\n%s", r.Status, r.Body)
	}
}

func TestMinorReleaseOffersASwitchThatKeepsUnchangedModules(t *testing.T) {
	t.Parallel()
	env, c, dir := progressEnv(t)
	c.Get("/")
	mustRedirect(t, c.Post(lernpfad+"/enroll", nil), lernpfad)
	mustRedirect(t, c.Post(lernpfad+"/v/1.0.0/m/was-ist-ki/done", nil), lernpfad+"/v/1.0.0/m/chancen-und-grenzen")

	writeLernpfad(t, dir, "1.1.0", "minor", "1.1.0", "## 1.1.0 (2026-11-15)\n- Neues Modul.", "## 1.0.0 (2026-11-01)\n- Erste Version.")
	reload(t, env)
	r := c.Get("/")
	if !strings.Contains(r.Body, "Eine neuere Version (1.1.0) ist erschienen.") || !strings.Contains(r.Body, `value="50"`) {
		t.Fatalf("dashboard after the minor release: the learner must stay on 1.0.0 and see the offer\n%s", r.Body)
	}
	if r := c.Post(lernpfad+"/switch", url.Values{"to": {"1.2.0"}}); r.Status != http.StatusConflict {
		t.Fatalf("switching to a version not offered: status %d", r.Status)
	}
	mustRedirect(t, c.Post(lernpfad+"/switch", url.Values{"to": {"1.1.0"}}), lernpfad)
	r = c.Get("/")
	if !strings.Contains(r.Body, "Sie lernen jetzt mit Version 1.1.0. Ihr Fortschritt in 1 unveränderten Modulen wurde übernommen.") {
		t.Fatalf("switch message missing\n%s", r.Body)
	}
	// 1 of 3 lessons read; the next open one is chancen-und-grenzen in 1.1.0.
	if !strings.Contains(r.Body, `value="33"`) || !strings.Contains(r.Body, `href="/courses/lernpfad/v/1.1.0/m/chancen-und-grenzen"`) {
		t.Fatalf("dashboard after the switch\n%s", r.Body)
	}
}

func TestPatchReleaseMovesLearnersInProgressWithTheirProgress(t *testing.T) {
	t.Parallel()
	env, c, dir := progressEnv(t)
	c.Get("/")
	mustRedirect(t, c.Post(lernpfad+"/enroll", nil), lernpfad)
	mustRedirect(t, c.Post(lernpfad+"/v/1.0.0/m/was-ist-ki/done", nil), lernpfad+"/v/1.0.0/m/chancen-und-grenzen")

	writeLernpfad(t, dir, "1.0.1", "patch", "1.0.0", "## 1.0.1 (2026-11-10)\n- Tippfehler behoben.", "## 1.0.0 (2026-11-01)\n- Erste Version.")
	lesson := filepath.Join(dir, "lernpfad", "1.0.1", "modules", "01-was-ist-ki", "lesson.md")
	b, _ := os.ReadFile(lesson)
	if err := os.WriteFile(lesson, []byte(strings.Replace(string(b), "Künstliche Intelligenz", "Künstliche  Intelligenz", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	reload(t, env)
	// The next lesson is marked in the patch release: the enrollment moved, was-ist-ki counts.
	mustRedirect(t, c.Post(lernpfad+"/v/1.0.1/m/chancen-und-grenzen/done", nil), lernpfad)
	cs := completionsOf(t, env, "learner@stadt.example")
	if len(cs) != 1 || cs[0].Version != "1.0.1" {
		t.Fatalf("completions %+v, want one of 1.0.1", cs)
	}
}

func TestCompletedLearnerSeesWhatChangedInANewerRelease(t *testing.T) {
	t.Parallel()
	env, c, dir := progressEnv(t)
	c.Get("/")
	mustRedirect(t, c.Post(lernpfad+"/enroll", nil), lernpfad)
	c.Post(lernpfad+"/v/1.0.0/m/was-ist-ki/done", nil)
	mustRedirect(t, c.Post(lernpfad+"/v/1.0.0/m/chancen-und-grenzen/done", nil), lernpfad)

	writeLernpfad(t, dir, "1.1.0", "minor", "1.1.0", "## 1.1.0 (2026-11-15)\n- Neues Modul „KI im Bürgerbüro“.", "## 1.0.0 (2026-11-01)\n- Erste Version.")
	reload(t, env)
	r := c.Get("/")
	for _, want := range []string{"Was sich an „Lernpfad KI“ seit Ihrem Abschluss (Version 1.0.0) geändert hat", "1.1.0 (2026-11-15)", "Neues Modul"} {
		if !strings.Contains(r.Body, want) {
			t.Errorf("missing %q", want)
		}
	}
	if strings.Contains(r.Body, "Erste Version.") {
		t.Error("the section of the completed version itself is listed as a change")
	}
	if strings.Contains(r.Body, "Eine neuere Version") {
		t.Error("a completed learner is offered a minor switch")
	}
}

func TestCourseAndLessonPagesShowTheLearnersProgress(t *testing.T) {
	t.Parallel()
	_, c, _ := progressEnv(t)
	r := c.Get(lernpfad)
	mustContain(t, "the course page before enrolling", r.Body, `<form method="post" action="/courses/lernpfad/enroll">`, "Kurs beginnen")
	if r := c.Get(lernpfad + "/v/1.0.0/m/was-ist-ki"); strings.Contains(r.Body, "Als gelesen markieren") {
		t.Error("the lesson offers marking as read before enrolling")
	}
	mustRedirect(t, c.Post(lernpfad+"/enroll", nil), lernpfad)
	r = c.Get(lernpfad + "/v/1.0.0/m/was-ist-ki")
	mustContain(t, "the lesson page", r.Body, `<form method="post" action="/courses/lernpfad/v/1.0.0/m/was-ist-ki/done"`, "Als gelesen markieren und weiter")
	mustRedirect(t, c.Post(lernpfad+"/v/1.0.0/m/was-ist-ki/done", nil), lernpfad+"/v/1.0.0/m/chancen-und-grenzen")
	r = c.Get(lernpfad)
	mustContain(t, "the course page in progress", r.Body,
		`<progress id="p-course" max="100" value="50">`, "50 % erledigt", "erledigt</span>", "noch nicht begonnen",
		`href="/courses/lernpfad/v/1.0.0/m/chancen-und-grenzen"><span class="kern-label">Weiterlernen`)
	if strings.Contains(r.Body, `action="/courses/lernpfad/enroll"`) {
		t.Error("an enrolled learner is offered to enrol again")
	}
	r = c.Get(lernpfad + "/v/1.0.0/m/was-ist-ki")
	mustContain(t, "a lesson read before", r.Body, "Sie haben diese Lektion als gelesen markiert.")
}
