package browsertest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ailit/ailit/internal/assign"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/measure"
	"github.com/ailit/ailit/internal/store"
)

// Issue 14, measures beyond online courses: a trainer creates a workshop with two places, three
// learners register, the one on the waiting list moves up when one cancels, the trainer marks
// attendance; a learner confirms the AI policy; an external certificate is uploaded and accepted
// by the manager of the learner's unit. Axe on every new page.
func TestMeasuresJourneyWorkshopPolicyAndExternalCertificate(t *testing.T) {
	srv := Start(t, Options{})
	ctx := context.Background()
	clock := &settableClock{t: time.Now().UTC().Truncate(time.Hour)}
	srv.Store.Clock = clock
	amt, err := srv.Store.CreateOrgUnit(ctx, nil, "Bürgeramt")
	if err != nil {
		t.Fatal(err)
	}
	srv.CreateUser(t, "toni.trainer@stadt.example", "trainer-password-1", store.RoleTrainer)
	chef := srv.CreateUser(t, "maria.chefin@stadt.example", "manager-password-1", store.RoleManager)
	srv.Store.AddManagerUnit(ctx, chef.ID, amt.ID)
	names := []string{"anna", "ben", "cem"}
	tabs := map[string]context.Context{}
	for _, n := range names {
		u := srv.CreateUser(t, n+"@stadt.example", "lernen-ist-gut-1", store.RoleLearner)
		srv.Store.SetUserOrgUnit(ctx, u.ID, &amt.ID)
	}
	policyAssigned(t, srv, amt.ID)

	// The trainer creates the workshop and a date two days ahead.
	trainer := srv.NewTab(t)
	Login(t, trainer, "toni.trainer@stadt.example", "trainer-password-1")
	ClickLink(t, trainer, "Präsenzschulungen verwalten")
	AssertHeading(t, trainer, "Präsenz- und Online-Schulungen")
	AssertAccessible(t, trainer, "trainer sessions")
	ClickButton(t, trainer, "Schulung anlegen")
	AssertText(t, trainer, "#error-summary", "Bitte einen Titel")
	AssertAccessible(t, trainer, "trainer sessions with errors")
	Fill(t, trainer, "Titel", "Workshop KI im Bürgerservice")
	Fill(t, trainer, "Kennung", "workshop-ki-buergerservice")
	Fill(t, trainer, "Ort", "Rathaus, Raum 2.14")
	Fill(t, trainer, "Plätze je Termin", "2")
	ClickButton(t, trainer, "Schulung anlegen")
	AssertHeading(t, trainer, "Workshop KI im Bürgerservice")
	day := clock.Now().In(i18n.Berlin).AddDate(0, 0, 3).Format(time.DateOnly)
	setValue(t, trainer, "#f-day", day)
	ClickButton(t, trainer, "Termin hinzufügen")
	AssertText(t, trainer, "[role=status]", "Termin am")
	AssertAccessible(t, trainer, "trainer series with a date")
	Screenshot(t, trainer, "trainer-series")
	sr, err := srv.Store.SeriesByKey(ctx, "workshop-ki-buergerservice")
	if err != nil {
		t.Fatal(err)
	}
	dates, _ := srv.Store.DatesOf(ctx, sr.ID)
	if len(dates) != 1 {
		t.Fatalf("%d dates stored", len(dates))
	}
	dateID := strconv.FormatInt(dates[0].ID, 10)

	// Three learners register; the third is on the waiting list.
	for _, n := range names {
		tab := srv.NewTab(t)
		tabs[n] = tab
		Login(t, tab, n+"@stadt.example", "lernen-ist-gut-1")
		ClickLink(t, tab, "Schulungstermine")
		AssertHeading(t, tab, "Schulungstermine")
		submit(t, tab, `form[action="/sessions/dates/`+dateID+`/register"] button`)
	}
	AssertText(t, tabs["cem"], "[role=status]", "Sie stehen auf der Warteliste")
	AssertText(t, tabs["cem"], "#date-"+dateID, "Warteliste")
	AssertAccessible(t, tabs["cem"], "sessions with a waiting list")
	Screenshot(t, tabs["cem"], "sessions-waiting")

	// Ben cancels; cem moves up.
	submit(t, tabs["ben"], `form[action="/sessions/dates/`+dateID+`/cancel"] button`)
	AssertText(t, tabs["ben"], "[role=status]", "ist abgesagt")
	Open(t, tabs["cem"], "/sessions")
	AssertText(t, tabs["cem"], "#date-"+dateID, "Angemeldet")
	Open(t, tabs["cem"], "/")
	AssertText(t, tabs["cem"], "#h-sessions", "Ihre Schulungstermine")
	AssertAccessible(t, tabs["cem"], "dashboard with a session date")

	// The session has taken place: the trainer marks anna and cem present.
	clock.Set(dates[0].StartsAt.Add(2 * time.Hour))
	Login(t, trainer, "toni.trainer@stadt.example", "trainer-password-1")
	Open(t, trainer, "/trainer/sessions/dates/"+dateID)
	AssertText(t, trainer, "#participants", "anna")
	AssertText(t, trainer, "#participants", "cem")
	AssertAccessible(t, trainer, "participant list")
	Check(t, trainer, "anwesend: anna")
	Check(t, trainer, "anwesend: cem")
	ClickButton(t, trainer, "Anwesenheit speichern")
	AssertText(t, trainer, "[role=status]", "2 anwesend")
	Screenshot(t, trainer, "attendance")
	for n, want := range map[string]int{"anna": 1, "ben": 0, "cem": 1} {
		u, _ := srv.Store.UserByEmail(ctx, n+"@stadt.example")
		cs, _ := srv.Store.MeasureCompletionsOf(ctx, u.ID, sr.Measure())
		if len(cs) != want {
			t.Errorf("%s has %d attendance records, want %d", n, len(cs), want)
		}
	}

	// Anna confirms the AI policy from her dashboard.
	anna := srv.NewTab(t)
	Login(t, anna, "anna@stadt.example", "lernen-ist-gut-1")
	ClickLink(t, anna, "Dienstanweisung KI lesen und bestätigen")
	AssertHeading(t, anna, "Dienstanweisung zur Nutzung von KI")
	AssertAccessible(t, anna, "policy to confirm")
	ClickButton(t, anna, "Bestätigen")
	AssertText(t, anna, "#error-summary", "Bitte setzen Sie das Häkchen")
	AssertAccessible(t, anna, "policy with an error")
	Check(t, anna, "Ich habe die Fassung 1.0.0 gelesen und werde sie beachten.")
	ClickButton(t, anna, "Bestätigen")
	AssertText(t, anna, "#policy-state", "Sie haben diese Dienstanweisung bestätigt")
	AssertAccessible(t, anna, "policy confirmed")
	Open(t, anna, "/")
	AssertText(t, anna, "#h-measures", "Weitere Maßnahmen")
	AssertText(t, anna, ".assigned-list", "abgeschlossen")
	AssertAccessible(t, anna, "dashboard with measures")
	Screenshot(t, anna, "dashboard-measures")

	// Anna uploads an external certificate; her manager accepts it.
	Open(t, anna, "/account/evidence")
	AssertHeading(t, anna, "Externe Nachweise")
	AssertAccessible(t, anna, "evidence upload")
	Fill(t, anna, "Bezeichnung der Schulung", "KI-Campus: Einführung in KI")
	Fill(t, anna, "Ausgestellt von", "KI-Campus")
	setValue(t, anna, "#f-issued_on", clock.Now().In(i18n.Berlin).AddDate(0, -1, 0).Format(time.DateOnly))
	file := filepath.Join(t.TempDir(), "zertifikat.pdf")
	os.WriteFile(file, []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"), 0o600)
	if err := chromedp.Do(anna, chromedp.SetUploadFiles(chromedp.CSS("#f-file"), []string{file})); err != nil {
		t.Fatalf("choosing the file: %v", err)
	}
	ClickButton(t, anna, "Hochladen")
	AssertText(t, anna, "[role=status]", "wird geprüft")
	AssertText(t, anna, "table", "Wird geprüft")
	AssertAccessible(t, anna, "evidence uploaded")

	manager := srv.NewTab(t)
	Login(t, manager, "maria.chefin@stadt.example", "manager-password-1")
	ClickLink(t, manager, "Nachweise prüfen")
	AssertHeading(t, manager, "Externe Nachweise prüfen")
	AssertText(t, manager, "main", "anna: KI-Campus: Einführung in KI")
	AssertAccessible(t, manager, "evidence to review")
	Screenshot(t, manager, "evidence-review")
	uploads, _ := srv.Store.EvidenceInScope(ctx, store.Scope{All: true}, store.EvidencePending)
	if len(uploads) != 1 {
		t.Fatalf("%d pending uploads", len(uploads))
	}
	submit(t, manager, fmt.Sprintf(`form[action="/team/evidence/%d/decision"] button[value=accept]`, uploads[0].ID))
	AssertText(t, manager, "[role=status]", "ist anerkannt")
	AssertAccessible(t, manager, "evidence accepted")
	Open(t, anna, "/account/evidence")
	AssertText(t, anna, "table", "Anerkannt")
	Open(t, anna, "/account/data")
	AssertText(t, anna, "main", "Hochgeladene Nachweise")
	AssertAccessible(t, anna, "my data with measures")
}

// policyAssigned makes the shipped AI policy mandatory for a unit, as an admin would.
func policyAssigned(t *testing.T, srv *Server, unit int64) {
	t.Helper()
	ctx := context.Background()
	admin := srv.CreateUser(t, "alex.admin@stadt.example", "admin-password-1", store.RoleAdmin)
	a := &store.Assignment{Title: "Dienstanweisung KI lesen und bestätigen", DueKind: assign.DueAfterJoining, DueDays: 30, CreatedBy: admin.ID,
		Targets: []store.AssignmentTarget{{Kind: store.TargetUnit, OrgUnitID: &unit}}}
	a.SetMeasure(measure.Ref{Kind: measure.Policy, ID: "dienstanweisung-ki"})
	if err := srv.Store.SaveAssignment(ctx, a); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.Store.SyncAssignment(ctx, a, nil); err != nil {
		t.Fatal(err)
	}
}

// submit clicks the button css selects and waits for the page the form leads to.
func submit(t *testing.T, tab context.Context, css string) {
	t.Helper()
	load(t, tab, "submitting "+css, chromedp.Click(chromedp.CSS(css), chromedp.NodeVisible))
}

// setValue sets a date or time field as a date picker would (typing into one depends on the
// browser's locale).
func setValue(t *testing.T, tab context.Context, css, value string) {
	t.Helper()
	js := call(`((sel, v) => { const e = document.querySelector(sel); if (!e) return false; e.value = v;
		e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true})); return true; })`, css, value)
	ok, err := chromedp.Run(tab, chromedp.Evaluate[bool](js))
	if err != nil || !ok {
		t.Fatalf("setting %s to %s: %v (found %v)", css, value, err, ok)
	}
}
