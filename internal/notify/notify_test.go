package notify_test

import (
	"context"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/config"
	"github.com/ailit/ailit/internal/notify"
	"github.com/ailit/ailit/internal/notify/smtptest"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/store/storetest"
)

type clock struct{ t time.Time }

func (c *clock) Now() time.Time { return c.t }

// world is a unit with a manager and a learner assigned a course due on 31 March 2026.
func world(t *testing.T, s *store.Store, c *clock) (manager, learner *store.User) {
	t.Helper()
	ctx := context.Background()
	s.Clock = c
	amt, err := s.CreateOrgUnit(ctx, nil, "Ordnungsamt")
	if err != nil {
		t.Fatal(err)
	}
	person := func(email, name, lang string, unit *int64, roles ...string) *store.User {
		u := &store.User{Email: email, DisplayName: name, Active: true, OrgUnitID: unit, Language: lang}
		if err := s.CreateUser(ctx, u, roles); err != nil {
			t.Fatal(err)
		}
		return u
	}
	// The manager sits in the unit above (not placed here), so only the learner is assigned.
	manager = person("chefin@stadt.example", "Katrin Braun", "de", nil, store.RoleManager)
	learner = person("lea@stadt.example", "Léa Öztürk", "en", &amt.ID, store.RoleLearner)
	if err := s.AddManagerUnit(ctx, manager.ID, amt.ID); err != nil {
		t.Fatal(err)
	}
	due := time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)
	a := &store.Assignment{CourseID: "ki-grundlagen", Title: "KI-Grundlagen", DueKind: "fixed", DueDate: &due, CreatedBy: manager.ID,
		Targets: []store.AssignmentTarget{{Kind: store.TargetUnit, OrgUnitID: &amt.ID, Role: ""}}}
	if err := s.SaveAssignment(ctx, a); err != nil {
		t.Fatal(err)
	}
	return manager, learner
}

// decode reads subject and body of a delivered message as a mail client shows them.
func decode(t *testing.T, data string) (string, string) {
	t.Helper()
	m, err := mail.ReadMessage(strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(quotedprintable.NewReader(m.Body))
	if err != nil {
		t.Fatal(err)
	}
	return subject, string(body)
}

func mailerFor(addr string, c *clock) notify.Mailer {
	host, port, _ := net.SplitHostPort(addr)
	p := 0
	for _, ch := range port {
		p = p*10 + int(ch-'0')
	}
	return notify.NewSMTPMailer(config.SMTP{Host: host, Port: p, From: "ailit <ailit@stadt.example>"}, c.Now)
}

func TestRemindersAndDigestAreDeliveredOverSMTPOncePerDay(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		c := &clock{time.Date(2026, 3, 26, 6, 0, 0, 0, time.UTC)}
		_, learner := world(t, s, c)
		srv := smtptest.Start(t)
		sch := &notify.Scheduler{Store: s, Mailer: mailerFor(srv.Addr, c), Clock: c, BaseURL: "https://lernen.stadt.example"}

		// Five days before the due date: the learner gets a reminder in English, her language.
		if err := sch.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
		msgs := srv.Messages()
		if len(msgs) != 1 || msgs[0].To[0] != learner.Email || msgs[0].From != "ailit@stadt.example" {
			t.Fatalf("messages after the first run: %+v", msgs)
		}
		subject, body := decode(t, msgs[0].Data)
		if subject != "Reminder: mandatory training “KI-Grundlagen” is due soon" || !strings.Contains(body, "Hello Léa Öztürk") || !strings.Contains(body, "by 31 Mar 2026") {
			t.Fatalf("reminder reads %q\n%s", subject, body)
		}
		// A second run the same day (or a second instance) sends nothing more.
		if err := sch.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
		if n := len(srv.Messages()); n != 1 {
			t.Fatalf("%d messages after a second run on the same day", n)
		}
		// After the due date: an overdue notice to her and a digest in German to the manager.
		c.t = time.Date(2026, 4, 1, 6, 0, 0, 0, time.UTC)
		if err := sch.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
		msgs = srv.Messages()[1:]
		if len(msgs) != 2 {
			t.Fatalf("messages after the due date: %+v", msgs)
		}
		var digest, overdue string
		for _, m := range msgs {
			subject, _ := decode(t, m.Data)
			switch m.To[0] {
			case "chefin@stadt.example":
				digest = subject
			case learner.Email:
				overdue = subject
			}
		}
		if digest != "Mein Team: 1 Pflichtschulung überfällig" || overdue != "Mandatory training “KI-Grundlagen” is overdue" {
			t.Errorf("digest %q, overdue notice %q", digest, overdue)
		}
	})
}

func TestAFailedSendIsRetriedLaterAndListedMeanwhile(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		c := &clock{time.Date(2026, 3, 26, 6, 0, 0, 0, time.UTC)}
		world(t, s, c)
		// A port where no server listens: SMTP is down.
		ln, _ := net.Listen("tcp", "127.0.0.1:0")
		down := ln.Addr().String()
		ln.Close()
		sch := &notify.Scheduler{Store: s, Mailer: mailerFor(down, c), Clock: c}
		if err := sch.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
		failed, err := s.FailedMessages(ctx, 10)
		if err != nil || len(failed) != 1 || failed[0].Attempts != 1 || failed[0].LastError == "" {
			t.Fatalf("failed messages: %+v %v", failed, err)
		}
		// The server comes back; the retry waits for its backoff, then delivers.
		srv := smtptest.Start(t)
		sch.Mailer = mailerFor(srv.Addr, c)
		if err := sch.Deliver(ctx); err != nil || len(srv.Messages()) != 0 {
			t.Fatalf("retried before the backoff ended: %d messages, %v", len(srv.Messages()), err)
		}
		c.t = c.t.Add(notify.Backoff(1))
		if err := sch.Deliver(ctx); err != nil || len(srv.Messages()) != 1 {
			t.Fatalf("after the backoff: %d messages, %v", len(srv.Messages()), err)
		}
		if failed, _ := s.FailedMessages(ctx, 10); len(failed) != 0 {
			t.Errorf("still listed as failed: %+v", failed)
		}
	})
}

func TestBackoffGrowsAndIsCapped(t *testing.T) {
	for attempt, want := range map[int]time.Duration{1: time.Minute, 2: 2 * time.Minute, 4: 8 * time.Minute, 30: 6 * time.Hour} {
		if got := notify.Backoff(attempt); got != want {
			t.Errorf("Backoff(%d) = %v, want %v", attempt, got, want)
		}
	}
}

func TestRetentionRunsOnceADayAcrossInstances(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		c := &clock{time.Date(2026, 12, 3, 2, 0, 0, 0, time.UTC)}
		s.Clock = c
		ended := c.t.AddDate(0, 0, -30)
		for _, id := range []string{"a", "b"} {
			if err := s.TestWriter().Create(&store.WebSession{ID: id, SecretHash: []byte("x"), CreatedAt: ended, LastSeenAt: ended, ExpiresAt: ended}).Error; err != nil {
				t.Fatal(err)
			}
		}
		// Two instances, each with its own scheduler: the day's run is claimed in the database.
		first := &notify.Scheduler{Store: s, Clock: c}
		second := &notify.Scheduler{Store: s, Clock: c}
		for _, sch := range []*notify.Scheduler{first, second, first} {
			if err := sch.RunOnce(ctx); err != nil {
				t.Fatal(err)
			}
		}
		var sessions, runs int64
		s.TestWriter().Model(&store.WebSession{}).Count(&sessions)
		s.TestWriter().Model(&store.EvidenceEvent{}).Where("type = ?", store.EventRetentionApplied).Count(&runs)
		if sessions != 0 || runs != 1 {
			t.Errorf("%d old sessions left, %d retention runs logged; want 0 and 1", sessions, runs)
		}
	})
}
