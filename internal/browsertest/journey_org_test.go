package browsertest

import (
	"context"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ailit/ailit/internal/auth"
	"github.com/ailit/ailit/internal/config"
	"github.com/ailit/ailit/internal/notify"
	"github.com/ailit/ailit/internal/notify/smtptest"
	"github.com/ailit/ailit/internal/store"
)

// settableClock is the server's clock in this journey: the test moves it past a due date.
type settableClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *settableClock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *settableClock) Set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }

// Issue 6: an admin imports the HR list (dry run, then apply) and assigns a course to a unit with a
// due date; a learner of the unit sees it on the dashboard; after the date has passed the manager
// of the unit sees the learner as overdue and receives the digest by email. Axe on every page.
func TestAdminAssignsTrainingAndManagerSeesOverdueAfterTheDueDate(t *testing.T) {
	smtp := smtptest.Start(t)
	srv := Start(t, Options{})
	start := time.Now().UTC().Truncate(time.Hour)
	clock := &settableClock{t: start}
	srv.Store.Clock = clock
	due := start.AddDate(0, 0, 20)
	dueShown := due.Format("02.01.2006")
	srv.CreateUser(t, "alex.admin@stadt.example", "admin-password-1", store.RoleAdmin)

	tab := srv.NewTab(t)
	Login(t, tab, "alex.admin@stadt.example", "admin-password-1")
	adminImportsHRList(t, tab)
	adminAssignsCourseToUnit(t, tab, due.Format(time.DateOnly), dueShown)

	setPassword(t, srv, "nguyen.schmidt@stadt.example", "lernen-ist-gut-1")
	setPassword(t, srv, "katrin.braun@stadt.example", "fuehren-ist-gut-1")
	learner := srv.NewTab(t)
	Login(t, learner, "nguyen.schmidt@stadt.example", "lernen-ist-gut-1")
	AssertText(t, learner, "#h-assigned", "Meine Pflichtschulungen")
	AssertText(t, learner, ".assigned-list", "KI-Grundlagen für alle")
	AssertText(t, learner, ".assigned-list", "fällig am "+dueShown)
	AssertText(t, learner, ".assigned-list", "nicht begonnen")
	AssertAccessible(t, learner, "dashboard with assigned training")
	Screenshot(t, learner, "dashboard-assigned")

	clock.Set(due.AddDate(0, 0, 2))
	manager := srv.NewTab(t) // a fresh login: the sessions of before have expired by now
	Login(t, manager, "katrin.braun@stadt.example", "fuehren-ist-gut-1")
	ClickLink(t, manager, "Mein Team")
	AssertHeading(t, manager, "Mein Team")
	AssertText(t, manager, "table", "Nguyễn Schmidt")
	AssertText(t, manager, "table", "überfällig")
	AssertText(t, manager, "table", dueShown)
	AssertAccessible(t, manager, "team with an overdue person")
	Screenshot(t, manager, "team-overdue")
	ClickLink(t, manager, "Befreiungen")
	AssertHeading(t, manager, "Befreiungen")
	AssertAccessible(t, manager, "team exemptions")

	s := &notify.Scheduler{Store: srv.Store, Library: srv.Library, Clock: clock, BaseURL: srv.URL,
		Mailer: notify.NewSMTPMailer(config.SMTP{Host: "127.0.0.1", Port: port(t, smtp.Addr), From: "ailit <ailit@stadt.example>"}, clock.Now)}
	if err := s.RunOnce(context.Background()); err != nil {
		t.Fatalf("scheduler: %v", err)
	}
	var digest []string
	for _, m := range smtp.Messages() {
		subject, body := decodeMail(t, m.Data)
		if len(m.To) == 1 && m.To[0] == "katrin.braun@stadt.example" && strings.HasPrefix(subject, "Mein Team:") {
			digest = append(digest, subject, body)
		}
	}
	if len(digest) != 2 || !strings.Contains(digest[0], "überfällig") || !strings.Contains(digest[1], srv.URL+"/team") {
		t.Fatalf("want one digest for the manager naming the team page, got %q (of %d messages)", digest, len(smtp.Messages()))
	}
	Login(t, tab, "alex.admin@stadt.example", "admin-password-1") // the admin's session expired too
	Open(t, tab, "/admin/notifications")
	AssertHeading(t, tab, "Erinnerungen")
	AssertText(t, tab, "main", "wurden verschickt")
	AssertAccessible(t, tab, "notifications")
}

func adminImportsHRList(t *testing.T, tab context.Context) {
	t.Helper()
	Open(t, tab, "/admin/import")
	AssertHeading(t, tab, "Personalliste importieren")
	AssertAccessible(t, tab, "import upload")
	file, err := filepath.Abs(filepath.Join("testdata", "hr-export-sample.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tab, chromedp.SetUploadFiles(chromedp.CSS("#f-file"), []string{file})); err != nil {
		t.Fatalf("choosing the file: %v", err)
	}
	ClickButton(t, tab, "Prüfen (noch nichts übernehmen)")
	AssertText(t, tab, "[role=status]", "64 Zeilen gelesen: 64 neu")
	AssertText(t, tab, "main", "Nguyễn Schmidt")
	AssertAccessible(t, tab, "import preview")
	Screenshot(t, tab, "import-preview")
	ClickButton(t, tab, "Übernehmen")
	AssertHeading(t, tab, "Organisation")
	AssertText(t, tab, "[role=status]", "Import übernommen: 64 neu")
	AssertAccessible(t, tab, "org tree")
	Screenshot(t, tab, "org-tree")
	ClickLink(t, tab, "Team Baugenehmigung")
	AssertText(t, tab, "main", "Katrin Braun")
	AssertAccessible(t, tab, "org unit")
}

func adminAssignsCourseToUnit(t *testing.T, tab context.Context, dueValue, dueShown string) {
	t.Helper()
	Open(t, tab, "/admin/assignments")
	AssertHeading(t, tab, "Pflichtschulungen")
	AssertAccessible(t, tab, "assignments")
	if status := ClickButton(t, tab, "Zuweisen"); status != 422 {
		t.Errorf("assigning the empty form: status %d, want 422", status)
	}
	AssertText(t, tab, ".kern-error", "Bitte wählen Sie eine Zielgruppe")
	AssertAccessible(t, tab, "assignment form with errors")
	if err := chromedp.Do(tab, chromedp.SetValue(chromedp.CSS("#f-course_id"), "ki-grundlagen"),
		chromedp.SetValue(chromedp.CSS("#f-due_date"), dueValue)); err != nil {
		t.Fatalf("choosing course and date: %v", err)
	}
	Fill(t, tab, "Bezeichnung", "KI-Grundlagen für alle")
	Check(t, tab, "Stadtverwaltung/Dezernat 1 Stadtentwicklung und Umwelt/Bauordnungsamt/Team Baugenehmigung")
	Check(t, tab, "festes Datum")
	ClickButton(t, tab, "Zuweisen")
	AssertText(t, tab, "[role=status]", "„KI-Grundlagen für alle“ wurde zugewiesen")
	AssertText(t, tab, "table", dueShown)
	AssertAccessible(t, tab, "assignments after creating one")
	ClickLink(t, tab, "KI-Grundlagen für alle")
	AssertHeading(t, tab, "KI-Grundlagen für alle")
	AssertText(t, tab, "table", "Nguyễn Schmidt")
	AssertAccessible(t, tab, "assignment edit with members and exemptions")
	Screenshot(t, tab, "assignment-edit")
}

func setPassword(t *testing.T, srv *Server, email, password string) {
	t.Helper()
	ctx := context.Background()
	u, err := srv.Store.UserByEmail(ctx, email)
	if err != nil {
		t.Fatalf("%s was not imported: %v", email, err)
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Store.SetPassword(ctx, u.ID, hash, ""); err != nil {
		t.Fatal(err)
	}
}

func port(t *testing.T, addr string) int {
	t.Helper()
	_, p, err := net.SplitHostPort(addr)
	n, err2 := strconv.Atoi(p)
	if err != nil || err2 != nil {
		t.Fatalf("SMTP address %q", addr)
	}
	return n
}

// decodeMail returns the decoded subject and body of a message as the SMTP server received it.
func decodeMail(t *testing.T, data string) (subject, body string) {
	t.Helper()
	msg, err := mail.ReadMessage(strings.NewReader(data))
	if err != nil {
		t.Fatalf("reading message: %v", err)
	}
	subject, err = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		t.Fatalf("subject: %v", err)
	}
	b, err := io.ReadAll(quotedprintable.NewReader(msg.Body))
	if err != nil {
		t.Fatalf("body: %v", err)
	}
	return subject, string(b)
}
