package web_test

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAdminCoursePageListsABrokenVersionWithFileLineAndColumn(t *testing.T) {
	t.Parallel()
	dir := copyExampleCourses(t)
	editCourseFile(t, dir, "ki-grundlagen/1.1.0/course.yaml", "level: L1", "level: L9")
	_, c := loggedIn(t, dir, "admin")
	r := c.Get("/admin/courses")
	if r.Status != http.StatusOK {
		t.Fatalf("status %d", r.Status)
	}
	mustContain(t, "the admin course page", r.Body,
		`ki-grundlagen/1.1.0/course.yaml:9:8: level "L9" must be one of: L1, L2, L3`,
		"fehlerhaft, nicht angeboten", "veröffentlicht", "Probleme: 1", "Versionsordner: 2", "Zuletzt geladen: ",
		`<a class="kern-link" href="/courses/ki-grundlagen/v/1.0.0">1.0.0</a>`, "Kurse neu laden")
	// Learners get the newest good version meanwhile.
	mustContain(t, "the course page", c.Get("/courses/ki-grundlagen").Body, `Version</dt><dd class="kern-description-list-item__value">1.0.0`)
	if r := c.Get("/courses/ki-grundlagen/v/1.1.0"); r.Status != http.StatusNotFound {
		t.Errorf("broken version: status %d, want 404", r.Status)
	}
}

func TestAdminCoursePageWithoutProblemsSaysSo(t *testing.T) {
	t.Parallel()
	_, c := loggedIn(t, copyExampleCourses(t), "admin")
	r := c.Get("/admin/courses")
	mustContain(t, "the admin course page", r.Body, "Keine Probleme", "Versionsordner: 2")
	mustContain(t, "the navigation", r.Body, `<a class="site-nav__link" href="/admin/courses" aria-current="page">Kursinhalte</a>`)
}

func TestTrainersSeeTheCourseStatusButOnlyAdminsReload(t *testing.T) {
	t.Parallel()
	env, trainer := loggedIn(t, copyExampleCourses(t), "trainer")
	r := trainer.Get("/admin/courses")
	if r.Status != http.StatusOK {
		t.Fatalf("trainer: status %d", r.Status)
	}
	mustNotContain(t, "the trainer's course page", r.Body, "Kurse neu laden")
	if r := trainer.Post("/admin/courses/reload", nil); r.Status != http.StatusForbidden {
		t.Errorf("trainer reloading: status %d, want 403", r.Status)
	}
	env.CreateUser(t, "lea@stadt.example", pw, "learner")
	learner := env.Client(t)
	learner.Login("lea@stadt.example", pw)
	if r := learner.Get("/admin/courses"); r.Status != http.StatusForbidden {
		t.Errorf("learner: status %d, want 403", r.Status)
	}
	mustNotContain(t, "the learner's navigation", learner.Get("/").Body, "Kursinhalte")
}

func TestReloadPicksUpANewVersionWithoutRestart(t *testing.T) {
	t.Parallel()
	dir := copyExampleCourses(t)
	_, c := loggedIn(t, dir, "admin")
	if r := c.Get("/courses/ki-grundlagen/v/1.2.0"); r.Status != http.StatusNotFound {
		t.Fatalf("version 1.2.0 before it exists: status %d", r.Status)
	}
	if err := os.CopyFS(filepath.Join(dir, "ki-grundlagen", "1.2.0"), os.DirFS(filepath.Join(dir, "ki-grundlagen", "1.1.0"))); err != nil {
		t.Fatal(err)
	}
	editCourseFile(t, dir, "ki-grundlagen/1.2.0/course.yaml", "version: 1.1.0", "version: 1.2.0")
	editCourseFile(t, dir, "ki-grundlagen/1.2.0/CHANGELOG.md", "## 1.1.0", "## 1.2.0 (2026-12-01)\n- Neue Beispiele.\n\n## 1.1.0")

	c.Get("/admin/courses")
	r := c.Post("/admin/courses/reload", nil)
	if r.Status != http.StatusSeeOther || r.Location() != "/admin/courses" {
		t.Fatalf("reload: status %d, location %q", r.Status, r.Location())
	}
	mustContain(t, "the page after the reload", c.Get("/admin/courses").Body,
		`role="status"`, "Kurse neu geladen: 3 veröffentlicht, 0 Entwürfe, 0 fehlerhaft, 0 abgelehnt.")
	r = c.Get("/courses/ki-grundlagen")
	mustContain(t, "the course page after the reload", r.Body, "1.2.0", "Neue Beispiele.")
}

func TestAPublishedVersionChangedOnDiskKeepsServingAsPublishedAndTheAdminSeesTheFile(t *testing.T) {
	t.Parallel()
	dir := copyExampleCourses(t)
	_, c := loggedIn(t, dir, "admin")
	lesson := "ki-grundlagen/1.0.0/modules/02-chancen-und-grenzen/lesson.md"
	editCourseFile(t, dir, lesson, "Routinearbeit", "Routine-Arbeit")
	if err := os.Remove(filepath.Join(dir, "ki-grundlagen/1.0.0/"+netzPNG)); err != nil {
		t.Fatal(err)
	}
	c.Get("/admin/courses")
	c.Post("/admin/courses/reload", nil)
	r := c.Get("/admin/courses")
	mustContain(t, "the admin course page", r.Body,
		"1 veröffentlichte Version wird aus der aufbewahrten Kopie ausgeliefert",
		"ausgeliefert wie veröffentlicht: Dateien abweichend",
		lesson+":0:0: changed after publication", "ki-grundlagen/1.0.0/"+netzPNG+":0:0: deleted after publication")
	if strings.Contains(r.Body, "course.yaml:1:1") {
		t.Error("the admin page points at course.yaml:1:1 instead of the changed files")
	}
	// Learners pinned to 1.0.0 keep their course, lesson and media as published.
	for path, want := range map[string]int{
		"/courses/ki-grundlagen/v/1.0.0":                       http.StatusOK,
		"/courses/ki-grundlagen/v/1.0.0/m/chancen-und-grenzen": http.StatusOK,
		"/courses/ki-grundlagen/v/1.0.0/files/" + netzPNG:      http.StatusOK,
		"/courses/ki-grundlagen/v/1.1.0/m/chancen-und-grenzen": http.StatusOK,
	} {
		if r := c.Get(path); r.Status != want {
			t.Errorf("%s: status %d, want %d", path, r.Status, want)
		}
	}
	r = c.Get("/courses/ki-grundlagen/v/1.0.0/m/chancen-und-grenzen")
	if !strings.Contains(r.Body, "Routinearbeit") || strings.Contains(r.Body, "Routine-Arbeit") {
		t.Error("the lesson of 1.0.0 is not the published text")
	}
}

func TestAFailedReloadKeepsServingTheCoursesLoadedBefore(t *testing.T) {
	t.Parallel()
	dir := copyExampleCourses(t)
	_, c := loggedIn(t, dir, "admin")
	if err := os.Rename(dir, dir+"-weg"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Rename(dir+"-weg", dir) })
	c.Get("/admin/courses")
	r := c.Post("/admin/courses/reload", nil)
	if r.Status != http.StatusInternalServerError {
		t.Fatalf("status %d, want 500", r.Status)
	}
	mustContain(t, "the failed reload", r.Body, `role="alert"`, "Die Kurse konnten nicht neu geladen werden", "Es werden weiter die zuletzt geladenen Kurse angeboten.")
	if r := c.Get("/courses/ki-grundlagen/v/1.1.0/m/was-ist-ki"); r.Status != http.StatusOK || !strings.Contains(r.Body, "Was ist Künstliche Intelligenz?") {
		t.Errorf("lesson after a failed reload: status %d", r.Status)
	}
}
