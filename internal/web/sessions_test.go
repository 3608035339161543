package web_test

import (
	"context"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/record/recordtest"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/webtest"
)

var dateLink = regexp.MustCompile(`/trainer/sessions/dates/(\d+)`)

func TestTrainerRunsAWorkshopFromRegistrationToAttendance(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	clock := &testClock{time.Date(2027, 1, 4, 9, 0, 0, 0, time.UTC)}
	env.Store.Clock = clock
	env.CreateUser(t, "trainer@stadt.example", pw, store.RoleTrainer)
	env.CreateUser(t, "other@stadt.example", pw, store.RoleTrainer)
	names := []string{"anna", "ben", "cem"}
	learners := map[string]*webtest.Client{}
	for _, n := range names {
		env.CreateUser(t, n+"@stadt.example", pw, store.RoleLearner)
		c := env.Client(t)
		c.Login(n+"@stadt.example", pw)
		learners[n] = c
	}
	tc := env.Client(t)
	tc.Login("trainer@stadt.example", pw)

	tc.Get("/trainer/sessions")
	bad := tc.Post("/trainer/sessions", url.Values{"title": {"Workshop KI im Bürgerservice"}, "key": {"Workshop KI"},
		"mode": {"online"}, "meeting_url": {"ftp://x"}, "capacity": {"0"}})
	for _, want := range []string{"Bitte eine Kennung aus Kleinbuchstaben", "Bitte einen Link angeben", "Bitte eine Zahl von 1 bis 1000"} {
		if bad.Status != 422 || !strings.Contains(bad.Body, want) {
			t.Errorf("bad series form (%d) lacks %q", bad.Status, want)
		}
	}
	r := tc.Post("/trainer/sessions", url.Values{"title": {"Workshop KI im Bürgerservice"}, "key": {"workshop-ki-buergerservice"},
		"mode": {"onsite"}, "place": {"Rathaus, Raum 3; Ebene 2"}, "capacity": {"2"}, "cancel_hours": {"48"},
		"description": {"Übungen mit dem Chatbot, Grenzen erkennen"}})
	if r.Status != 303 {
		t.Fatalf("create series: %d %s", r.Status, r.Body)
	}
	seriesPath := r.Location()
	tc.Get(seriesPath)
	if r := tc.Post(seriesPath+"/dates", url.Values{"day": {"2027-01-02"}, "start": {"09:00"}, "end": {"12:00"}}); r.Status != 422 ||
		!strings.Contains(r.Body, "Der Termin muss in der Zukunft liegen") {
		t.Fatalf("a date in the past: %d", r.Status)
	}
	if r := tc.Post(seriesPath+"/dates", url.Values{"day": {"2027-01-20"}, "start": {"09:00"}, "end": {"12:00"}}); r.Status != 303 {
		t.Fatalf("add date: %d %s", r.Status, r.Body)
	}
	m := dateLink.FindStringSubmatch(tc.Get(seriesPath).Body)
	if m == nil {
		t.Fatal("the series page does not link the date")
	}
	datePath, id := m[0], m[1]

	// Another trainer cannot see this series or its participants.
	oc := env.Client(t)
	oc.Login("other@stadt.example", pw)
	if r := oc.Get(datePath); r.Status != 403 {
		t.Fatalf("another trainer opened the participant list: %d", r.Status)
	}

	for _, n := range names {
		c := learners[n]
		c.Get("/sessions")
		clock.t = clock.t.Add(time.Minute)
		if r := c.Post("/sessions/dates/"+id+"/register", nil); r.Status != 303 {
			t.Fatalf("%s registers: %d", n, r.Status)
		}
	}
	if page := learners["cem"].Get("/sessions"); !strings.Contains(page.Body, "Warteliste") || !strings.Contains(page.Body, "0 frei") {
		t.Fatalf("cem's view after the course filled up:\n%s", page.Body)
	}
	ics := learners["anna"].Get("/sessions/dates/" + id + "/invite.ics")
	unfolded := strings.ReplaceAll(ics.Body, "\r\n ", "")
	if ics.Status != 200 || !strings.HasPrefix(ics.Header.Get("Content-Type"), "text/calendar") ||
		!strings.Contains(unfolded, "LOCATION:Rathaus\\, Raum 3\\; Ebene 2\r\n") || !strings.Contains(unfolded, "DTSTART:20270120T080000Z\r\n") {
		t.Fatalf("invitation %d %q:\n%s", ics.Status, ics.Header.Get("Content-Type"), ics.Body)
	}
	trainerView := tc.Get(datePath).Body
	if !strings.Contains(trainerView, "anna") || !strings.Contains(trainerView, "cem") || strings.Count(trainerView, `name="present"`) != 2 {
		t.Fatalf("the participant list:\n%s", trainerView)
	}

	// Ben cancels: cem moves up from the waiting list.
	learners["ben"].Get("/sessions")
	if r := learners["ben"].Post("/sessions/dates/"+id+"/cancel", nil); r.Status != 303 {
		t.Fatalf("ben cancels: %d", r.Status)
	}
	if page := learners["cem"].Get("/sessions"); !strings.Contains(page.Body, "Angemeldet") {
		t.Fatal("cem did not move up from the waiting list")
	}
	var mails []store.OutboxMessage
	env.Store.TestReader().Where("kind = ?", "session_moved_up").Find(&mails)
	if len(mails) != 1 || mails[0].ToAddress != "cem@stadt.example" || !strings.Contains(mails[0].Body, "von der Warteliste nachgerückt") ||
		!strings.Contains(mails[0].Body, "/sessions#date-"+id) {
		t.Fatalf("mails to people who moved up: %+v", mails)
	}
	if r := learners["ben"].Get("/sessions/dates/" + id + "/invite.ics"); !strings.Contains(r.Body, "STATUS:CANCELLED") {
		t.Fatal("ben's invitation after cancelling is not cancelled")
	}

	// Attendance opens at the start; anna and cem were there.
	if r := tc.Post(datePath+"/attendance", url.Values{"present": {"1"}}); r.Status != 409 {
		t.Fatalf("attendance before the start: %d", r.Status)
	}
	clock.t = time.Date(2027, 1, 20, 11, 0, 0, 0, time.UTC)
	tc.Login("trainer@stadt.example", pw) // two weeks later: a new login
	tc.Get(datePath)
	anna, _ := env.Store.UserByEmail(context.Background(), "anna@stadt.example")
	cem, _ := env.Store.UserByEmail(context.Background(), "cem@stadt.example")
	ben, _ := env.Store.UserByEmail(context.Background(), "ben@stadt.example")
	form := url.Values{"present": {strconv.FormatInt(anna.ID, 10), strconv.FormatInt(cem.ID, 10), strconv.FormatInt(ben.ID, 10)}}
	if r := tc.Post(datePath+"/attendance", form); r.Status != 303 {
		t.Fatalf("mark attendance: %d %s", r.Status, r.Body)
	}
	if page := tc.Get(datePath); !strings.Contains(page.Body, "Anwesenheit gespeichert: 2 anwesend") {
		t.Fatalf("after marking:\n%s", page.Body)
	}
	learners["anna"].Login("anna@stadt.example", pw)
	mine := learners["anna"].Get("/account/data")
	if !strings.Contains(mine.Body, "Anmeldungen zu Schulungsterminen") || !strings.Contains(mine.Body, "Workshop KI im Bürgerservice (Schulungstermin)") {
		t.Fatalf("anna's data page lacks the session:\n%s", mine.Body)
	}
	if j := learners["anna"].Get("/account/data.json"); !strings.Contains(j.Body, `"series_key": "workshop-ki-buergerservice"`) || !strings.Contains(j.Body, `"attended": true`) {
		t.Fatalf("anna's JSON lacks the registration:\n%s", j.Body)
	}
	pdf := learners["anna"].Get("/account/transcript.pdf")
	if text, err := recordtest.Text([]byte(pdf.Body)); err != nil || !strings.Contains(text, "Workshop KI im Bürgerservice (Schulungstermin)") {
		t.Fatalf("transcript (%v):\n%s", err, text)
	}
	for who, want := range map[*store.User]int{anna: 1, cem: 1, ben: 0} {
		cs, _ := env.Store.CompletionsOfUser(context.Background(), who.ID)
		if len(cs) != want || (want == 1 && cs[0].CourseID != "session:workshop-ki-buergerservice") {
			t.Errorf("%s: completions %+v, want %d", who.Email, cs, want)
		}
	}
}
