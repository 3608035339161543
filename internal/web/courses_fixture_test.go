package web_test

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/web/webtest"
)

// fixtureCourse is one extra version folder the course tests add next to the example course.
type fixtureCourse struct {
	ID, Folder, Version, Status string
	Title, Summary, Language    string
	Level                       string
	Minutes                     int
	Competences, Audiences      string // YAML flow lists, e.g. "[KA-GRUND]"
	LegalStatus, ReviewDue      string
}

// Besides the example course ki-grundlagen (1.0.0 and 1.1.0: German, L1, KA-GRUND and KA-KRIT,
// all staff, 40 minutes), the catalog fixture has a German L3 course for managers whose review
// is overdue, an English L2 course, a draft of ki-grundlagen and a course that is a draft only.
var catalogFixture = []fixtureCourse{
	{ID: "ki-fuehrung", Folder: "1.0.0", Version: "1.0.0", Title: "KI-Einführung steuern: für Führungskräfte",
		Summary: "Wie Führungskräfte den Einsatz von KI planen und beaufsichtigen.", Language: "de", Level: "L3",
		Minutes: 90, Competences: "[KA-STEUER, KA-AUFSICHT]", Audiences: "[fuehrung]", LegalStatus: "2020-01-01", ReviewDue: "2021-01-01"},
	{ID: "ai-at-work", Folder: "1.0.0", Version: "1.0.0", Title: "Using AI tools at work",
		Summary: "Practical use of AI assistants for international staff.", Language: "en", Level: "L2",
		Minutes: 25, Competences: "[KA-ANWEND]", Audiences: "[anwendende, it]", LegalStatus: "2026-11-01", ReviewDue: "2099-01-01"},
	{ID: "ki-grundlagen", Folder: "draft", Version: "1.2.0", Status: "draft", Title: "KI-Grundlagen (Entwurf der nächsten Fassung)",
		Summary: "Noch nicht freigegeben.", Language: "de", Level: "L1",
		Minutes: 40, Competences: "[KA-GRUND]", Audiences: "[alle]", LegalStatus: "2026-11-01", ReviewDue: "2027-05-01"},
	{ID: "geheimer-entwurf", Folder: "draft", Version: "1.0.0", Status: "draft", Title: "Geheimer Entwurf",
		Summary: "Darf im Katalog nie erscheinen.", Language: "de", Level: "L1",
		Minutes: 20, Competences: "[KA-GRUND]", Audiences: "[alle]", LegalStatus: "2026-11-01", ReviewDue: "2027-05-01"},
}

// copyExampleCourses copies the example courses of internal/content/testdata into a temporary
// folder that a test may change.
func copyExampleCourses(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join(webtest.RepoRoot(t), "internal", "content", "testdata", "courses")
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// addFixtureCourse writes a version folder with the modules of ki-grundlagen 1.0.0 and its own
// course.yaml.
func addFixtureCourse(t *testing.T, dir string, fc fixtureCourse) {
	t.Helper()
	versionDir := filepath.Join(dir, fc.ID, fc.Folder)
	if err := os.CopyFS(filepath.Join(versionDir, "modules"), os.DirFS(filepath.Join(dir, "ki-grundlagen", "1.0.0", "modules"))); err != nil {
		t.Fatal(err)
	}
	change := ""
	if fc.ID == "ki-grundlagen" {
		change = "change: minor\n"
		writeCourseFile(t, dir, fc.ID+"/"+fc.Folder+"/CHANGELOG.md", "## "+fc.Version+" (2026-12-01)\n- Entwurf.\n")
	}
	status := fc.Status
	if status == "" {
		status = "published"
	}
	writeCourseFile(t, dir, fc.ID+"/"+fc.Folder+"/course.yaml", fmt.Sprintf(`id: %s
version: %s
status: %s
%stitle: %q
summary: %q
language: %s
duration_minutes: %d
level: %s
competences: %s
audiences: %s
objectives:
  - Ein Lernziel.
license: CC-BY-SA-4.0
authors:
  - name: Testteam
legal_status_as_of: %s
review_due: %s
validity_months: 24
completion:
  modules: all
  quizzes: all
`, fc.ID, fc.Version, status, change, fc.Title, fc.Summary, fc.Language, fc.Minutes, fc.Level, fc.Competences, fc.Audiences, fc.LegalStatus, fc.ReviewDue))
}

// catalogEnv starts the app on the example courses plus catalogFixture, with a logged-in learner.
func catalogEnv(t *testing.T) (*webtest.Env, *webtest.Client) {
	t.Helper()
	dir := copyExampleCourses(t)
	for _, fc := range catalogFixture {
		addFixtureCourse(t, dir, fc)
	}
	env, c := loggedIn(t, dir, "learner")
	if ps := env.Library.Report().Problems; len(ps) > 0 {
		t.Fatalf("the test courses have problems: %v", ps)
	}
	return env, c
}

// loggedIn starts the app on a courses folder and logs in a user with the role.
func loggedIn(t *testing.T, coursesDir, role string) (*webtest.Env, *webtest.Client) {
	t.Helper()
	env := webtest.New(t, webtest.Options{CoursesDir: coursesDir})
	env.CreateUser(t, role+"@stadt.example", pw, role)
	c := env.Client(t)
	c.Login(role+"@stadt.example", pw)
	return env, c
}

func writeCourseFile(t *testing.T, dir, rel, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// editCourseFile replaces old by new in a course file; the test fails when old is not there.
func editCourseFile(t *testing.T, dir, rel, old, new string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s does not contain %q", rel, old)
	}
	writeCourseFile(t, dir, rel, strings.Replace(string(b), old, new, 1))
}

var cardLink = regexp.MustCompile(`<h2 class="kern-title"[^>]*><a class="kern-link" href="/courses/([a-z0-9-]+)">`)

// catalogIDs returns the course ids of the catalog's cards, sorted.
func catalogIDs(body string) []string {
	var ids []string
	for _, m := range cardLink.FindAllStringSubmatch(body, -1) {
		ids = append(ids, m[1])
	}
	slices.Sort(ids)
	return ids
}

// text is the page with entities decoded, to search for what a user reads.
func text(body string) string { return html.UnescapeString(body) }

// mustContain fails the test for every wanted text the page does not show.
func mustContain(t *testing.T, what, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text(body), w) {
			t.Errorf("%s does not show %q", what, w)
		}
	}
}

func mustNotContain(t *testing.T, what, body string, unwanted ...string) {
	t.Helper()
	for _, w := range unwanted {
		if strings.Contains(text(body), w) {
			t.Errorf("%s shows %q", what, w)
		}
	}
}
