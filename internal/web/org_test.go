package web_test

import (
	"bytes"
	"context"
	"errors"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/config"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/webtest"
)

type testClock struct{ t time.Time }

func (c *testClock) Now() time.Time { return c.t }

// upload posts a file to the import page as a browser does.
func upload(t *testing.T, c *webtest.Client, name string, data []byte) *webtest.Response {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	w.WriteField("_csrf", c.CSRF)
	fw, _ := w.CreateFormFile("file", name)
	fw.Write(data)
	w.Close()
	req := httptest.NewRequest(http.MethodPost, "/admin/import", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return c.Do(req)
}

func adminClient(t *testing.T, env *webtest.Env) *webtest.Client {
	env.CreateUser(t, "admin@stadt.example", pw, store.RoleAdmin)
	c := env.Client(t)
	c.Login("admin@stadt.example", pw)
	return c
}

func sample(t *testing.T) []byte {
	b, err := os.ReadFile("/work/shared/data/hr-export-sample.csv")
	if err != nil {
		t.Skip("sample not available")
	}
	return b
}

var applyForm = regexp.MustCompile(`action="(/admin/import/[0-9a-f]+/apply)"`)

func TestImportBadFilesShowAClearMessage(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := adminClient(t, env)
	head := "Personalnummer;Nachname;Vorname;E-Mail;Organisationseinheit;Rollen\r\n"
	tests := []struct {
		name, data, want string
	}{
		{"windows-1252", head + "1;K\xf6nig;Bj\xf6rn;b@x.de;Amt;learner\r\n", "Zeile 2: Die Datei ist nicht UTF-8-kodiert"},
		{"missing columns", "Personalnummer;Nachname;Vorname;E-Mail\r\n1;a;b;c@x.de\r\n", "Es fehlen Spalten: organisationseinheit, rollen"},
		{"duplicate emails", head + "1;A;B;a@x.de;Amt;learner\r\n2;C;D;A@x.de;Amt;learner\r\n", "Zeile 3: Die E-Mail-Adresse a@x.de steht schon in Zeile 2."},
		{"unknown role", head + "1;A;B;a@x.de;Amt;chef\r\n", "Zeile 2: Die Rolle „chef“ gibt es nicht"},
		{"empty org path", head + "1;A;B;a@x.de; / ;learner\r\n", "Zeile 2: Das Feld „Organisationseinheit“ ist leer."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c.Get("/admin/import")
			r := upload(t, c, "hr.csv", []byte(tt.data))
			if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, tt.want) {
				t.Fatalf("status %d, want 422 with %q\n%s", r.Status, tt.want, r.Body)
			}
			if applyForm.MatchString(r.Body) {
				t.Error("a file with errors can be applied")
			}
		})
	}
	if n, _ := env.Store.CountUsers(context.Background()); n != 1 {
		t.Errorf("%d users after bad imports, want only the admin", n)
	}
}

func TestImportDryRunThenApplyCreatesPeopleAndUnits(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := adminClient(t, env)
	c.Get("/admin/import")
	r := upload(t, c, "hr.csv", sample(t))
	m := applyForm.FindStringSubmatch(r.Body)
	if r.Status != http.StatusOK || m == nil || !strings.Contains(r.Body, "64 Zeilen gelesen: 64 neu") || !strings.Contains(r.Body, "Nguyễn Schmidt") {
		t.Fatalf("preview: %d\n%s", r.Status, r.Body)
	}
	if n, _ := env.Store.CountUsers(context.Background()); n != 1 {
		t.Fatalf("the dry run created people: %d users", n)
	}
	r = c.Post(m[1], nil)
	if r.Status != http.StatusSeeOther {
		t.Fatalf("apply: %d\n%s", r.Status, r.Body)
	}
	r = c.Get("/admin/org")
	if !strings.Contains(r.Body, "Import übernommen: 64 neu") || !strings.Contains(r.Body, "Team Baugenehmigung") {
		t.Fatalf("org page after import:\n%s", r.Body)
	}
	// The kept file is gone: applying twice is refused with a clear message.
	c.Post(m[1], nil)
	if r := c.Get("/admin/import"); !strings.Contains(r.Body, "Die Vorschau ist abgelaufen") {
		t.Errorf("second apply:\n%s", r.Body)
	}
}

func TestMovingAUnitUnderItsOwnChildShowsAMessage(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := adminClient(t, env)
	ctx := context.Background()
	parent, _ := env.Store.CreateOrgUnit(ctx, nil, "Ordnungsamt")
	child, _ := env.Store.CreateOrgUnit(ctx, &parent.ID, "Team Gewerbe")
	path := "/admin/org/" + strconv.FormatInt(parent.ID, 10)
	c.Get(path)
	r := c.Post(path, url.Values{"action": {"move"}, "parent_id": {strconv.FormatInt(child.ID, 10)}})
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Eine Einheit kann nicht unter sich selbst oder eine ihrer Untereinheiten verschoben werden.") {
		t.Fatalf("status %d\n%s", r.Status, r.Body)
	}
	r = c.Post(path, url.Values{"action": {"delete"}})
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "nur gelöscht werden, wenn sie leer ist") {
		t.Fatalf("deleting a unit with a sub-unit: %d", r.Status)
	}
	r = c.Post(path, url.Values{"action": {"move"}, "parent_id": {"999999"}})
	if r.Status != http.StatusNotFound {
		t.Fatalf("moving under an unknown unit: %d", r.Status)
	}
}

func TestAnAssignmentDueInThePastIsRefusedAtTheField(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := adminClient(t, env)
	unit, _ := env.Store.CreateOrgUnit(context.Background(), nil, "Ordnungsamt")
	c.Get("/admin/assignments")
	r := c.Post("/admin/assignments", url.Values{"course_id": {"ki-grundlagen"}, "title": {"Basis"}, "unit_id": {strconv.FormatInt(unit.ID, 10)},
		"due_kind": {"fixed"}, "due_date": {"2020-01-31"}})
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, `id="f-due_date-error"`) || !strings.Contains(r.Body, "Das Fälligkeitsdatum liegt in der Vergangenheit.") {
		t.Fatalf("status %d\n%s", r.Status, r.Body)
	}
}

// TestManagerSeesOverdueAfterTheDueDatePassesOnlyInTheirUnit walks the whole path: an admin
// assigns a course to a unit, time passes the due date, the manager of the unit sees the person as
// overdue and nobody from another unit.
func TestManagerSeesOverdueAfterTheDueDatePassesOnlyInTheirUnit(t *testing.T) {
	t.Parallel()
	clock := &testClock{time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	env := webtest.New(t)
	env.Store.Clock = clock
	ctx := context.Background()
	c := adminClient(t, env)
	amt, _ := env.Store.CreateOrgUnit(ctx, nil, "Ordnungsamt")
	other, _ := env.Store.CreateOrgUnit(ctx, nil, "Kämmerei")
	lea := env.CreateUser(t, "lea@stadt.example", pw, store.RoleLearner)
	ben := env.CreateUser(t, "ben@stadt.example", pw, store.RoleLearner)
	chef := env.CreateUser(t, "chef@stadt.example", pw, store.RoleManager)
	env.Store.SetUserOrgUnit(ctx, lea.ID, &amt.ID)
	env.Store.SetUserOrgUnit(ctx, ben.ID, &other.ID)
	env.Store.AddManagerUnit(ctx, chef.ID, amt.ID)
	for _, id := range []int64{amt.ID, other.ID} {
		c.Get("/admin/assignments")
		r := c.Post("/admin/assignments", url.Values{"course_id": {"ki-grundlagen"}, "title": {"KI-Basis"}, "unit_id": {strconv.FormatInt(id, 10)},
			"due_kind": {"fixed"}, "due_date": {"2026-03-31"}, "with_sub": {"1"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("creating the assignment: %d\n%s", r.Status, r.Body)
		}
	}
	if e, _ := env.Store.EnrollmentOf(ctx, lea.ID, "ki-grundlagen"); e == nil || e.Source != store.SourceAssignment {
		t.Fatalf("lea was not enrolled by the assignment: %+v", e)
	}
	m := env.Client(t)
	m.Login("chef@stadt.example", pw)
	if r := m.Get("/team"); !strings.Contains(r.Body, `scope="row">lea<`) || !strings.Contains(r.Body, "nicht begonnen") || strings.Contains(r.Body, "ben@") {
		t.Fatalf("team page before the due date:\n%s", r.Body)
	}
	clock.t = time.Date(2026, 4, 2, 9, 0, 0, 0, time.UTC)
	m = env.Client(t) // a month later the old session has expired: log in again
	m.Login("chef@stadt.example", pw)
	r := m.Get("/team?status=overdue")
	if !strings.Contains(r.Body, "überfällig") || !strings.Contains(r.Body, "31.03.2026") || strings.Contains(r.Body, "ben@") {
		t.Fatalf("team page after the due date:\n%s", r.Body)
	}
	// A learner is not allowed on the team page.
	l := env.Client(t)
	l.Login("lea@stadt.example", pw)
	if r := l.Get("/team"); r.Status != http.StatusForbidden {
		t.Errorf("learner on /team: %d", r.Status)
	}
}

func TestAggregateLevelHidesPeopleAndSmallGroups(t *testing.T) {
	t.Parallel()
	env := webtest.New(t, webtest.Options{Configure: func(c *config.Config) { c.PrivacyLevel = config.PrivacyAggregate }})
	ctx := context.Background()
	amt, _ := env.Store.CreateOrgUnit(ctx, nil, "Ordnungsamt")
	lea := env.CreateUser(t, "lea@stadt.example", pw, store.RoleLearner)
	env.Store.SetUserOrgUnit(ctx, lea.ID, &amt.ID)
	chef := env.CreateUser(t, "chef@stadt.example", pw, store.RoleManager)
	env.Store.AddManagerUnit(ctx, chef.ID, amt.ID)
	due := time.Now().AddDate(0, 1, 0)
	a := &store.Assignment{CourseID: "ki-grundlagen", Title: "KI-Basis", DueKind: "fixed", DueDate: &due, CreatedBy: chef.ID,
		Targets: []store.AssignmentTarget{{Kind: store.TargetUnit, OrgUnitID: &amt.ID}}}
	env.Store.SaveAssignment(ctx, a)
	env.Store.SyncAssignment(ctx, a, nil)
	m := env.Client(t)
	m.Login("chef@stadt.example", pw)
	r := m.Get("/team")
	if r.Status != http.StatusOK || strings.Contains(r.Body, `scope="row">lea<`) || !strings.Contains(r.Body, "kleiner als 5 Personen") {
		t.Fatalf("aggregate team page:\n%s", r.Body)
	}
}

func TestNotificationsPageSaysRemindersAreOffWithoutSMTP(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := adminClient(t, env)
	id := int64(1)
	env.Store.Enqueue(context.Background(), &store.OutboxMessage{DedupeKey: "k", Kind: "due", UserID: &id, ToAddress: "lea@stadt.example", Subject: "Erinnerung", Body: "x"})
	msgs, _ := env.Store.ClaimDueMessages(context.Background(), 10, time.Minute)
	env.Store.MarkFailed(context.Background(), msgs[0].ID, errors.New("connection refused"), time.Now().Add(time.Minute))
	r := c.Get("/admin/notifications")
	if !strings.Contains(r.Body, "AILIT_SMTP_HOST ist nicht gesetzt") || !strings.Contains(r.Body, "connection refused") {
		t.Fatalf("notifications page:\n%s", r.Body)
	}
}
