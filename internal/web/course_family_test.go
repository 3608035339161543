package web_test

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/compliance"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/webtest"
)

// familyFixture is the shipped courses with a German and an English-speaking learner, both
// assigned the German basics course and its English translation's family through one assignment
// each way.
type familyFixture struct {
	env        *webtest.Env
	anna, john *store.User
}

func newFamilyFixture(t *testing.T) *familyFixture {
	t.Helper()
	env := webtest.New(t, webtest.Options{CoursesDir: filepath.Join(webtest.RepoRoot(t), "courses")})
	f := &familyFixture{env: env, anna: env.CreateUser(t, "anna@stadt.example", pw, "learner"),
		john: env.CreateUser(t, "john@stadt.example", pw, "learner")}
	if err := env.Store.SetLanguage(context.Background(), f.john.ID, "en"); err != nil {
		t.Fatal(err)
	}
	return f
}

// assign makes courseID mandatory for the user and enrolls them in it, as the assignment sync does.
func (f *familyFixture) assign(t *testing.T, courseID, title string, u *store.User) {
	t.Helper()
	ctx := context.Background()
	a := &store.Assignment{CourseID: courseID, Title: title, DueKind: "after_assignment", DueDays: 60, CreatedBy: u.ID,
		Targets: []store.AssignmentTarget{{Kind: store.TargetUser, UserID: &u.ID}}}
	if err := f.env.Store.SaveAssignment(ctx, a); err != nil {
		t.Fatal(err)
	}
	if _, err := f.env.Store.SyncAssignment(ctx, a, store.PinFunc(compliance.Pin(f.env.Library))); err != nil {
		t.Fatal(err)
	}
}

// complete records a completion of the newest version of courseID, as passing its last quiz does.
func (f *familyFixture) complete(t *testing.T, u *store.User, courseID string) {
	t.Helper()
	v := f.env.Library.Catalog().Course(courseID).Latest()
	if _, err := f.env.Store.AddCompletion(context.Background(), &store.Completion{UserID: u.ID, CourseID: courseID, Version: v.Version, ContentHash: v.Hash}); err != nil {
		t.Fatal(err)
	}
}

func (f *familyFixture) client(t *testing.T, u *store.User) *webtest.Client {
	t.Helper()
	c := f.env.Client(t)
	c.Login(u.Email, pw)
	return c
}

var assignedItem = regexp.MustCompile(`<a class="kern-link" href="(/courses/[a-z0-9-]+)">([^<]+)</a> <span class="kern-badge status-([a-z_]+)`)

// assignedOn returns the dashboard's assignments as "title → link: status".
func assignedOn(t *testing.T, c *webtest.Client) []string {
	t.Helper()
	var out []string
	for _, m := range assignedItem.FindAllStringSubmatch(c.Get("/").Body, -1) {
		out = append(out, m[2]+" → "+m[1]+": "+m[3])
	}
	return out
}

func TestCompletingATranslationSatisfiesTheAssignmentOfTheOriginalAndBack(t *testing.T) {
	t.Parallel()
	f := newFamilyFixture(t)
	f.assign(t, "ki-grundlagen", "KI-Grundlagen – Pflichtschulung", f.john)
	f.assign(t, "ai-basics", "AI basics – onboarding", f.anna)
	anna, john := f.client(t, f.anna), f.client(t, f.john)
	if got := strings.Join(assignedOn(t, john), "; "); got != "KI-Grundlagen – Pflichtschulung → /courses/ai-basics: not_started" {
		t.Errorf("John (English) before: %s", got)
	}
	if got := strings.Join(assignedOn(t, anna), "; "); got != "AI basics – onboarding → /courses/ki-grundlagen: not_started" {
		t.Errorf("Anna (German) before: %s", got)
	}

	f.complete(t, f.john, "ai-basics")
	f.complete(t, f.anna, "ki-grundlagen")
	if got := strings.Join(assignedOn(t, john), "; "); got != "KI-Grundlagen – Pflichtschulung → /courses/ai-basics: completed" {
		t.Errorf("John after completing the English course: %s", got)
	}
	if got := strings.Join(assignedOn(t, anna), "; "); got != "AI basics – onboarding → /courses/ki-grundlagen: completed" {
		t.Errorf("Anna after completing the German course: %s", got)
	}
	// The untouched enrollment the assignment made in the other language is no longer listed as
	// open: the family is done.
	if body := john.Get("/").Body; strings.Contains(body, `href="/courses/ki-grundlagen"`) {
		t.Errorf("John's dashboard still lists the German course he did not need:\n%s", body)
	}
	if body := anna.Get("/").Body; strings.Contains(body, `href="/courses/ai-basics"`) {
		t.Errorf("Anna's dashboard still lists the English course she did not need:\n%s", body)
	}
	// The team and report views read the member facts: the same status, with the course taken.
	recs, err := f.env.Store.MemberRecords(context.Background(), store.Scope{All: true}, store.RecordFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		want := map[int64]string{f.john.ID: "ai-basics", f.anna.ID: "ki-grundlagen"}[r.User.ID]
		if r.Member.CompletedCourse != want || r.Member.CompletedAt == nil {
			t.Errorf("%s on %s: completed %q at %v, want %q", r.User.Email, r.Assignment.CourseID, r.Member.CompletedCourse, r.Member.CompletedAt, want)
		}
	}
}

func TestLearnerSeesTheCourseInTheirLanguageWithASwitchToTheOther(t *testing.T) {
	t.Parallel()
	f := newFamilyFixture(t)
	anna, john := f.client(t, f.anna), f.client(t, f.john)

	// John reads English: the German course points him to the English one, which offers German.
	r := john.Get("/courses/ki-grundlagen")
	mustContain(t, "the German course for an English reader", r.Body,
		`This course is also available in English`,
		`<a class="kern-link" href="/courses/ai-basics" hreflang="en"><span lang="en">AI basics for all staff</span></a>`)
	r = john.Get("/courses/ai-basics")
	mustContain(t, "the English course for an English reader", r.Body,
		`This course is also available in another language:`,
		`<a class="kern-link" href="/courses/ki-grundlagen" hreflang="de"><span lang="de">KI-Grundlagen für alle Beschäftigten</span> (German)</a>`)
	if strings.Contains(r.Body, `id="course-preferred"`) {
		t.Error("the English course tells an English reader to switch")
	}

	// Anna reads German: the German course offers English; the English one points her to German.
	r = anna.Get("/courses/ki-grundlagen")
	mustContain(t, "the German course for a German reader", r.Body,
		`Diesen Kurs gibt es auch in einer anderen Sprache:`,
		`<a class="kern-link" href="/courses/ai-basics" hreflang="en"><span lang="en">AI basics for all staff</span> (Englisch)</a>`)
	r = anna.Get("/courses/ai-basics")
	mustContain(t, "the English course for a German reader", r.Body, `Dieser Kurs ist auch auf Deutsch verfügbar`)

	// The catalog shows the family once, in the reader's language, with the other as a link.
	if got := strings.Join(catalogIDs(anna.Get("/courses").Body), ","); strings.Contains(got, "ai-basics") || !strings.Contains(got, "ki-grundlagen") {
		t.Errorf("Anna's catalog lists %s", got)
	}
	if got := strings.Join(catalogIDs(john.Get("/courses").Body), ","); !strings.Contains(got, "ai-basics") || strings.Contains(got, "ki-grundlagen") {
		t.Errorf("John's catalog lists %s", got)
	}
	// Filtered to English, the family shows its English member; every German course has one.
	if got := strings.Join(catalogIDs(anna.Get("/courses?language=en").Body), ","); !strings.Contains(got, "ai-basics") || strings.Contains(got, "ki-") {
		t.Errorf("Anna's catalog filtered to English lists %s", got)
	}
}
