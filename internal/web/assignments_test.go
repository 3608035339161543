package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/webtest"
)

// orgFixture is a small organisation: Ordnungsamt (lea, manager chef) and Kämmerei (ben).
type orgFixture struct {
	env            *webtest.Env
	clock          *testClock
	amt, other     *store.OrgUnit
	lea, ben, chef *store.User
}

func newOrgFixture(t *testing.T) *orgFixture {
	t.Helper()
	f := &orgFixture{clock: &testClock{time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}, env: webtest.New(t)}
	f.env.Store.Clock = f.clock
	ctx := context.Background()
	f.amt, _ = f.env.Store.CreateOrgUnit(ctx, nil, "Ordnungsamt")
	f.other, _ = f.env.Store.CreateOrgUnit(ctx, nil, "Kämmerei")
	f.lea = f.env.CreateUser(t, "lea@stadt.example", pw, store.RoleLearner)
	f.ben = f.env.CreateUser(t, "ben@stadt.example", pw, store.RoleLearner)
	f.chef = f.env.CreateUser(t, "chef@stadt.example", pw, store.RoleManager)
	f.env.Store.SetUserOrgUnit(ctx, f.lea.ID, &f.amt.ID)
	f.env.Store.SetUserOrgUnit(ctx, f.ben.ID, &f.other.ID)
	f.env.Store.AddManagerUnit(ctx, f.chef.ID, f.amt.ID)
	return f
}

// assignBoth creates one assignment for both units, due 31.03.2026, and returns its id.
func (f *orgFixture) assignBoth(t *testing.T) int64 {
	t.Helper()
	due := time.Date(2026, 3, 30, 22, 0, 0, 0, time.UTC) // 31.03.2026 in Berlin
	a := &store.Assignment{CourseID: "ki-grundlagen", Title: "KI-Basis", DueKind: "fixed", DueDate: &due, CreatedBy: f.chef.ID,
		Targets: []store.AssignmentTarget{{Kind: store.TargetUnit, OrgUnitID: &f.amt.ID}, {Kind: store.TargetUnit, OrgUnitID: &f.other.ID}}}
	ctx := context.Background()
	if err := f.env.Store.SaveAssignment(ctx, a); err != nil {
		t.Fatal(err)
	}
	if _, err := f.env.Store.SyncAssignment(ctx, a, nil); err != nil {
		t.Fatal(err)
	}
	return a.ID
}

func (f *orgFixture) client(t *testing.T, email string) *webtest.Client {
	c := f.env.Client(t)
	c.Login(email, pw)
	return c
}

func members(t *testing.T, env *webtest.Env, assignmentID int64) map[int64]bool {
	t.Helper()
	recs, err := env.Store.MemberRecords(context.Background(), store.Scope{All: true}, store.RecordFilter{AssignmentID: assignmentID})
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]bool{}
	for _, r := range recs {
		out[r.User.ID] = r.Exemption != nil
	}
	return out
}

func TestEditingAnAssignmentAddsRolesAndPeopleAndAssignsThemAtOnce(t *testing.T) {
	t.Parallel()
	f := newOrgFixture(t)
	c := adminClient(t, f.env)
	trainer := f.env.CreateUser(t, "toni@stadt.example", pw, store.RoleTrainer)
	c.Get("/admin/assignments")
	r := c.Post("/admin/assignments", url.Values{"course_id": {"ki-grundlagen"}, "title": {"KI-Basis"}, "unit_id": {strconv.FormatInt(f.amt.ID, 10)},
		"due_kind": {"fixed"}, "due_date": {"2026-03-31"}})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("create: %d\n%s", r.Status, r.Body)
	}
	as, _ := f.env.Store.Assignments(context.Background())
	path := "/admin/assignments/" + strconv.FormatInt(as[0].ID, 10)
	r = c.Get(path)
	if r.Status != http.StatusOK || !strings.Contains(r.Body, `value="2026-03-31"`) || !regexp.MustCompile(`id="unit-`+strconv.FormatInt(f.amt.ID, 10)+`" name="unit_id" value="\d+" checked`).MatchString(r.Body) {
		t.Fatalf("edit page does not show the stored assignment: %d\n%s", r.Status, r.Body)
	}
	r = c.Post(path, url.Values{"title": {"KI-Basis 2026"}, "unit_id": {strconv.FormatInt(f.amt.ID, 10)}, "role": {store.RoleTrainer},
		"emails": {"BEN@stadt.example"}, "due_kind": {"after_joining"}, "due_days": {"30"}, "validity_months": {"24"}, "window_days": {"60"}})
	if r.Status != http.StatusSeeOther || r.Location() != path {
		t.Fatalf("update: %d %s\n%s", r.Status, r.Location(), r.Body)
	}
	got := members(t, f.env, as[0].ID)
	for _, u := range []*store.User{f.lea, f.ben, trainer} {
		if _, ok := got[u.ID]; !ok {
			t.Errorf("%s is not assigned after the edit: %v", u.Email, got)
		}
	}
	if e, _ := f.env.Store.EnrollmentOf(context.Background(), trainer.ID, "ki-grundlagen"); e == nil || e.Source != store.SourceAssignment {
		t.Errorf("the trainer added by role was not enrolled: %+v", e)
	}
	r = c.Get(path)
	for _, want := range []string{"„KI-Basis 2026“ wurde gespeichert; 2 Personen sind neu zugewiesen.", "ben@stadt.example</textarea>",
		`id="role-trainer" name="role" value="trainer" checked`, `value="30"`, `value="24"`, "toni@stadt.example", "nicht begonnen"} {
		if !strings.Contains(r.Body, want) {
			t.Errorf("edit page after saving lacks %q", want)
		}
	}
}

func TestAssignmentFormRefusesBadInputAtTheField(t *testing.T) {
	t.Parallel()
	f := newOrgFixture(t)
	c := adminClient(t, f.env)
	id := f.assignBoth(t)
	path := "/admin/assignments/" + strconv.FormatInt(id, 10)
	unit := strconv.FormatInt(f.amt.ID, 10)
	tests := []struct {
		name, field, want string
		form              url.Values
	}{
		{"no audience", "unit_id", "Bitte wählen Sie eine Zielgruppe", url.Values{"title": {"X"}, "due_kind": {"fixed"}, "due_date": {"2026-12-31"}}},
		{"a new due date in the past", "due_date", "Das Fälligkeitsdatum liegt in der Vergangenheit.",
			url.Values{"title": {"X"}, "unit_id": {unit}, "due_kind": {"fixed"}, "due_date": {"2026-02-01"}}},
		{"zero days", "due_days", "Bitte geben Sie eine Zahl von 1 bis 3650 ein.",
			url.Values{"title": {"X"}, "unit_id": {unit}, "due_kind": {"after_assignment"}, "due_days": {"0"}}},
		{"negative days", "due_days", "Bitte geben Sie eine Zahl von 1 bis 3650 ein.",
			url.Values{"title": {"X"}, "unit_id": {unit}, "due_kind": {"after_joining"}, "due_days": {"-5"}}},
		{"negative validity", "validity_months", "Bitte geben Sie eine Zahl ab 0 ein.",
			url.Values{"title": {"X"}, "unit_id": {unit}, "due_kind": {"fixed"}, "due_date": {"2026-12-31"}, "validity_months": {"-1"}}},
		{"window without validity", "window_days", "braucht eine Gültigkeit in Monaten",
			url.Values{"title": {"X"}, "unit_id": {unit}, "due_kind": {"fixed"}, "due_date": {"2026-12-31"}, "window_days": {"30"}}},
		{"unknown person", "emails", "Diese E-Mail-Adressen gehören zu keinem Konto: nobody@stadt.example",
			url.Values{"title": {"X"}, "emails": {"lea@stadt.example\nnobody@stadt.example"}, "due_kind": {"fixed"}, "due_date": {"2026-12-31"}}},
		{"unknown unit", "unit_id", "Bitte wählen Sie eine Organisationseinheit.",
			url.Values{"title": {"X"}, "unit_id": {"99999"}, "due_kind": {"fixed"}, "due_date": {"2026-12-31"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c.Get(path)
			r := c.Post(path, tt.form)
			if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, `id="f-`+tt.field+`-error"`) || !strings.Contains(r.Body, tt.want) {
				t.Fatalf("status %d, want 422 with %q at %s\n%s", r.Status, tt.want, tt.field, r.Body)
			}
		})
	}
	if a, _ := f.env.Store.AssignmentByID(context.Background(), id); a.Title != "KI-Basis" {
		t.Errorf("a refused form changed the assignment: %q", a.Title)
	}
}

func TestAnUnchangedDueDateMayLieInThePastWhenEditing(t *testing.T) {
	t.Parallel()
	f := newOrgFixture(t)
	c := adminClient(t, f.env)
	id := f.assignBoth(t)
	f.clock.t = time.Date(2026, 4, 15, 9, 0, 0, 0, time.UTC)
	c = adminClientAgain(t, f.env)
	path := "/admin/assignments/" + strconv.FormatInt(id, 10)
	c.Get(path)
	r := c.Post(path, url.Values{"title": {"KI-Basis (alt)"}, "unit_id": {strconv.FormatInt(f.amt.ID, 10)}, "due_kind": {"fixed"}, "due_date": {"2026-03-31"}})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("saving with the old due date: %d\n%s", r.Status, r.Body)
	}
	if got := members(t, f.env, id); len(got) != 1 {
		t.Errorf("after narrowing the audience to one unit: members %v, want only lea", got)
	}
}

// adminClientAgain logs the admin of adminClient in again (after the clock moved on).
func adminClientAgain(t *testing.T, env *webtest.Env) *webtest.Client {
	c := env.Client(t)
	c.Login("admin@stadt.example", pw)
	return c
}

func TestAdminExemptsAMemberWithAReasonAndEndsTheExemption(t *testing.T) {
	t.Parallel()
	f := newOrgFixture(t)
	c := adminClient(t, f.env)
	id := f.assignBoth(t)
	path := "/admin/assignments/" + strconv.FormatInt(id, 10)
	member := strconv.FormatInt(id, 10) + ":" + strconv.FormatInt(f.lea.ID, 10)
	c.Get(path)
	r := c.Post(path+"/exemptions", url.Values{"action": {"exempt"}, "member": {member}, "reason": {"  "}})
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, `id="f-reason-error"`) {
		t.Fatalf("exempting without a reason: %d\n%s", r.Status, r.Body)
	}
	r = c.Post(path+"/exemptions", url.Values{"action": {"exempt"}, "member": {member}, "reason": {"Elternzeit bis 30.09."}})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("exempting: %d\n%s", r.Status, r.Body)
	}
	if !members(t, f.env, id)[f.lea.ID] {
		t.Fatal("lea is not exempted in the store")
	}
	r = c.Get(path)
	if !strings.Contains(r.Body, "lea ist von „KI-Basis“ befreit.") || !strings.Contains(r.Body, "Elternzeit bis 30.09.") || !strings.Contains(r.Body, "befreit</span>") {
		t.Fatalf("assignment page after exempting:\n%s", r.Body)
	}
	r = c.Post(path+"/exemptions", url.Values{"action": {"remove"}, "member": {member}})
	if r.Status != http.StatusSeeOther || members(t, f.env, id)[f.lea.ID] {
		t.Fatalf("ending the exemption: %d, still exempted: %v", r.Status, members(t, f.env, id)[f.lea.ID])
	}
	// A member of another assignment cannot be exempted through this one.
	other := f.assignBoth(t)
	c.Get(path)
	r = c.Post(path+"/exemptions", url.Values{"action": {"exempt"}, "member": {strconv.FormatInt(other, 10) + ":" + strconv.FormatInt(f.lea.ID, 10)}, "reason": {"x"}})
	if r.Status != http.StatusNotFound {
		t.Errorf("exempting a member of another assignment: %d, want 404", r.Status)
	}
}

func TestManagerCanExemptOnlyPeopleOfTheirOwnUnits(t *testing.T) {
	t.Parallel()
	f := newOrgFixture(t)
	id := f.assignBoth(t)
	m := f.client(t, "chef@stadt.example")
	r := m.Get("/team/exemptions")
	if r.Status != http.StatusOK || !strings.Contains(r.Body, "KI-Basis: lea (lea@stadt.example)") || strings.Contains(r.Body, "ben@") {
		t.Fatalf("team exemptions page: %d\n%s", r.Status, r.Body)
	}
	ben := strconv.FormatInt(id, 10) + ":" + strconv.FormatInt(f.ben.ID, 10)
	for _, action := range []string{"exempt", "remove"} {
		r = m.Post("/team/exemptions", url.Values{"action": {action}, "member": {ben}, "reason": {"Versetzung"}})
		if r.Status != http.StatusNotFound {
			t.Errorf("%s someone outside the manager's units: %d, want 404", action, r.Status)
		}
	}
	if members(t, f.env, id)[f.ben.ID] {
		t.Fatal("the manager exempted someone outside their units")
	}
	r = m.Post("/team/exemptions", url.Values{"action": {"exempt"}, "member": {strconv.FormatInt(id, 10) + ":" + strconv.FormatInt(f.lea.ID, 10)}, "reason": {"Langzeiterkrankung"}})
	if r.Status != http.StatusSeeOther || !members(t, f.env, id)[f.lea.ID] {
		t.Fatalf("exempting lea: %d", r.Status)
	}
	if r := m.Get("/team"); !strings.Contains(r.Body, "befreit</span>") {
		t.Errorf("team page does not show the exemption:\n%s", r.Body)
	}
	l := f.client(t, "lea@stadt.example")
	for _, path := range []string{"/team/exemptions", "/admin/assignments/" + strconv.FormatInt(id, 10)} {
		if r := l.Get(path); r.Status != http.StatusForbidden {
			t.Errorf("learner on %s: %d, want 403", path, r.Status)
		}
	}
}

func TestLearnerSeesAssignedTrainingWithDueDateOverdueFirst(t *testing.T) {
	t.Parallel()
	f := newOrgFixture(t)
	f.assignBoth(t)
	ctx := context.Background()
	soon := &store.Assignment{CourseID: "ki-grundlagen", Title: "Datenschutz-Auffrischung", DueKind: "after_assignment", DueDays: 60, CreatedBy: f.chef.ID,
		Targets: []store.AssignmentTarget{{Kind: store.TargetUser, UserID: &f.lea.ID}}}
	f.env.Store.SaveAssignment(ctx, soon)
	f.env.Store.SyncAssignment(ctx, soon, nil)
	l := f.client(t, "lea@stadt.example")
	r := l.Get("/")
	if !strings.Contains(r.Body, "Meine Pflichtschulungen") || !strings.Contains(r.Body, "fällig am 31.03.2026") || !strings.Contains(r.Body, `href="/courses/ki-grundlagen">KI-Basis</a>`) {
		t.Fatalf("dashboard before the due date:\n%s", r.Body)
	}
	f.clock.t = time.Date(2026, 4, 2, 9, 0, 0, 0, time.UTC)
	l = f.client(t, "lea@stadt.example")
	r = l.Get("/")
	basis, refresh := strings.Index(r.Body, ">KI-Basis<"), strings.Index(r.Body, ">Datenschutz-Auffrischung<")
	if !strings.Contains(r.Body, "überfällig</span>") || basis < 0 || refresh < 0 || basis > refresh {
		t.Fatalf("dashboard after the due date: overdue first, with its status in words:\n%s", r.Body)
	}
}

func TestChangingAPersonsUnitOrRolesAssignsThemInTheSameRequest(t *testing.T) {
	t.Parallel()
	f := newOrgFixture(t)
	c := adminClient(t, f.env)
	ctx := context.Background()
	byRole := &store.Assignment{CourseID: "ki-grundlagen", Title: "Für Führungskräfte", DueKind: "after_joining", DueDays: 30, CreatedBy: f.chef.ID,
		Targets: []store.AssignmentTarget{{Kind: store.TargetRole, Role: store.RoleManager}}}
	f.env.Store.SaveAssignment(ctx, byRole)
	byUnit := &store.Assignment{CourseID: "ki-grundlagen", Title: "Für das Ordnungsamt", DueKind: "after_joining", DueDays: 30, CreatedBy: f.chef.ID,
		Targets: []store.AssignmentTarget{{Kind: store.TargetUnitTree, OrgUnitID: &f.amt.ID}}}
	f.env.Store.SaveAssignment(ctx, byUnit)
	path := "/admin/users/" + strconv.FormatInt(f.ben.ID, 10)
	r := c.Get(path)
	if !strings.Contains(r.Body, `<option value="`+strconv.FormatInt(f.other.ID, 10)+`" selected>Kämmerei</option>`) {
		t.Fatalf("the user form does not show ben's unit:\n%s", r.Body)
	}
	r = c.Post(path, url.Values{"display_name": {"Ben"}, "roles": {store.RoleLearner, store.RoleManager}, "active": {"1"}, "org_unit_id": {"99999"}})
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, `id="f-org_unit_id-error"`) {
		t.Fatalf("an unknown unit: %d\n%s", r.Status, r.Body)
	}
	r = c.Post(path, url.Values{"display_name": {"Ben"}, "roles": {store.RoleLearner, store.RoleManager}, "active": {"1"}, "org_unit_id": {strconv.FormatInt(f.amt.ID, 10)}})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("saving ben: %d\n%s", r.Status, r.Body)
	}
	for _, a := range []*store.Assignment{byRole, byUnit} {
		if _, ok := members(t, f.env, a.ID)[f.ben.ID]; !ok {
			t.Errorf("ben is not a member of %q after the change", a.Title)
		}
	}
	if e, _ := f.env.Store.EnrollmentOf(ctx, f.ben.ID, "ki-grundlagen"); e == nil || e.Source != store.SourceAssignment {
		t.Errorf("ben was not enrolled: %+v", e)
	}
	// Creating a person placed in the unit assigns them too.
	c.Get("/admin/users/new")
	r = c.Post("/admin/users", url.Values{"email": {"neu@stadt.example"}, "display_name": {"Neu"}, "roles": {store.RoleLearner}, "org_unit_id": {strconv.FormatInt(f.amt.ID, 10)}})
	if r.Status != http.StatusCreated {
		t.Fatalf("creating: %d\n%s", r.Status, r.Body)
	}
	neu, _ := f.env.Store.UserByEmail(ctx, "neu@stadt.example")
	if _, ok := members(t, f.env, byUnit.ID)[neu.ID]; !ok {
		t.Error("a person created in the unit is not assigned")
	}
}

func TestViewingMyTeamIsLoggedWithViewerAndFilters(t *testing.T) {
	t.Parallel()
	f := newOrgFixture(t)
	id := f.assignBoth(t)
	m := f.client(t, "chef@stadt.example")
	m.Get("/team?status=overdue&assignment=" + strconv.FormatInt(id, 10))
	log, n, err := f.env.Store.ReportExports(context.Background(), 0, 10)
	if err != nil || n != 1 {
		t.Fatalf("%d log entries (%v), want 1", n, err)
	}
	e := log[0]
	if e.UserID == nil || *e.UserID != f.chef.ID || e.Actor != "chef@stadt.example" || e.Kind != store.ReportView ||
		!strings.Contains(e.Filters, `"page":"team"`) || !strings.Contains(e.Filters, `"status":"overdue"`) || !e.CreatedAt.Equal(f.clock.t) {
		t.Errorf("log entry %+v", e)
	}
}
