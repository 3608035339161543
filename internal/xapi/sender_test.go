package xapi_test

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/config"
	"github.com/ailit/ailit/internal/measure"
	"github.com/ailit/ailit/internal/notify"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/store/storetest"
	"github.com/ailit/ailit/internal/xapi"
	"github.com/ailit/ailit/internal/xapi/lrstest"
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

type fixture struct {
	s      *store.Store
	lrs    *lrstest.LRS
	clock  *clock
	sender *xapi.Sender
	lea    store.User
}

func newFixture(t *testing.T, s *store.Store) *fixture {
	t.Helper()
	lrs := lrstest.New()
	t.Cleanup(lrs.Close)
	c := &clock{t: time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC)}
	s.Clock = c
	cfg := config.Defaults()
	cfg.BaseURL = "https://ailit.stadt.example"
	cfg.XAPI = config.XAPI{Endpoint: lrs.URL, Username: lrs.Username, Password: lrs.Password, AccountHomePage: cfg.BaseURL, Actor: config.XAPIActorPseudonym}
	lea := store.User{Email: "lea.berger@stadt.example", DisplayName: "Lea Berger", Active: true}
	if err := s.CreateUser(context.Background(), &lea, nil); err != nil {
		t.Fatal(err)
	}
	return &fixture{s: s, lrs: lrs, clock: c, sender: xapi.NewSender(s, cfg, c, nil), lea: lea}
}

// learn records an enrolment, a course completion valid for a year, a policy confirmation and a
// passed quiz attempt for Lea, one minute apart.
func (f *fixture) learn(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	if _, err := f.s.Enroll(ctx, &store.Enrollment{UserID: f.lea.ID, CourseID: "ki-grundlagen", Version: "1.0.0", ContentHash: "h1"}); err != nil {
		t.Fatal(err)
	}
	f.clock.Add(time.Minute)
	started := f.clock.Now().Add(-10 * time.Minute)
	submitted := f.clock.Now()
	if err := f.s.TestWriter().Create(&store.QuizAttempt{UserID: f.lea.ID, CourseID: "ki-grundlagen", Version: "1.0.0", ContentHash: "h1", ModuleID: "02-quiz",
		Status: store.AttemptSubmitted, StartedAt: started, SubmittedAt: &submitted, Score: 8, Max: 10, Percent: 80, Passed: true}).Error; err != nil {
		t.Fatal(err)
	}
	f.clock.Add(time.Minute)
	valid := f.clock.Now().AddDate(1, 0, 0)
	err := f.s.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.RecordCompletion(&store.Completion{UserID: f.lea.ID, CourseID: "ki-grundlagen", Version: "1.0.0", ContentHash: "h1", ValidUntil: &valid})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	f.clock.Add(time.Minute)
	if _, _, err := f.s.CompleteMeasureNow(ctx, store.MeasureCompletion{UserID: f.lea.ID, Measure: measure.Ref{Kind: measure.Policy, ID: "dienstanweisung-ki"}, Version: "2.0", ContentHash: "p2"}); err != nil {
		t.Fatal(err)
	}
	f.clock.Add(time.Minute)
}

func verbs(sts []map[string]any) string {
	var out []string
	for _, st := range sts {
		id := st["verb"].(map[string]any)["id"].(string)
		out = append(out, id[strings.LastIndex(id, "/")+1:])
	}
	return strings.Join(out, " ")
}

func TestEveryRecordReachesTheLRSOnceHoweverOftenItIsSent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		f.learn(t)
		if err := f.sender.Run(ctx); err != nil {
			t.Fatal(err)
		}
		if got := verbs(f.lrs.Statements()); got != "registered passed completed completed" {
			t.Fatalf("the LRS holds %q", got)
		}
		ids := map[string]bool{}
		for _, st := range f.lrs.Statements() {
			ids[st["id"].(string)] = true
		}
		// Another tick, a scan reaching back over the same records, and a full resend.
		f.clock.Add(time.Minute)
		if err := f.sender.Run(ctx); err != nil {
			t.Fatal(err)
		}
		if n, err := f.sender.QueueBetween(ctx, time.Time{}, f.clock.Now()); err != nil || n != 0 {
			t.Fatalf("scanning the same records again queued %d (%v)", n, err)
		}
		if n, err := s.RequeueXAPISince(ctx, time.Time{}); err != nil || n != 4 {
			t.Fatalf("requeued %d, %v", n, err)
		}
		if sent, err := f.sender.Deliver(ctx, nil); err != nil || sent != 4 {
			t.Fatalf("resent %d, %v", sent, err)
		}
		if got := f.lrs.Statements(); len(got) != 4 || f.lrs.Puts() != 8 {
			t.Fatalf("after a resend the LRS holds %d statements from %d PUTs, want 4 from 8", len(got), f.lrs.Puts())
		}
		for _, st := range f.lrs.Statements() {
			if !ids[st["id"].(string)] {
				t.Errorf("a resend made a new statement id %s", st["id"])
			}
		}
		q, err := s.XAPIQueueOverview(ctx, 10)
		if err != nil || q.Sent != 4 || q.Pending != 0 || len(q.Failed) != 0 {
			t.Errorf("queue %+v, %v", q, err)
		}
	})
}

func TestAnLRSThatIsDownForAWhileLosesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		f.learn(t)
		f.lrs.SetDown(true)
		for range 3 {
			if err := f.sender.Run(ctx); err != nil {
				t.Fatal(err)
			}
			f.clock.Add(30 * time.Second) // before the first retry is due
		}
		q, err := s.XAPIQueueOverview(ctx, 10)
		if err != nil || q.Pending != 4 || len(q.Failed) != 4 || !strings.Contains(q.Failed[0].LastError, "503") {
			t.Fatalf("while down: queue pending %d, failed %d (%v), %v", q.Pending, len(q.Failed), q.Failed, err)
		}
		f.lrs.SetDown(false)
		if err := f.sender.Run(ctx); err != nil {
			t.Fatal(err)
		}
		if n := len(f.lrs.Statements()); n != 0 {
			t.Fatalf("%d statements were sent again before their backoff ran out", n)
		}
		f.clock.Add(2 * time.Minute)
		if err := f.sender.Run(ctx); err != nil {
			t.Fatal(err)
		}
		if got := verbs(f.lrs.Statements()); got != "registered passed completed completed" {
			t.Fatalf("after the LRS came back it holds %q", got)
		}
	})
}

func TestAConflictingStatementIsSetAsideAndNotRetried(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		if _, err := f.s.Enroll(ctx, &store.Enrollment{UserID: f.lea.ID, CourseID: "ki-grundlagen", Version: "1.0.0", ContentHash: "h1"}); err != nil {
			t.Fatal(err)
		}
		f.clock.Add(time.Minute)
		if _, err := f.sender.Scan(ctx); err != nil {
			t.Fatal(err)
		}
		q, _ := s.XAPIQueueOverview(ctx, 10)
		// Someone else put a different statement under the same id into the LRS.
		var other map[string]any
		json.Unmarshal([]byte(q.Recent[0].Body), &other)
		other["timestamp"] = "2020-01-01T00:00:00.000Z"
		raw, _ := json.Marshal(other)
		if err := xapi.NewClient(f.sender.Config).Put(ctx, q.Recent[0].StatementID, raw); err != nil {
			t.Fatal(err)
		}
		if _, err := f.sender.Deliver(ctx, nil); err != nil {
			t.Fatal(err)
		}
		f.clock.Add(7 * time.Hour)
		if _, err := f.sender.Deliver(ctx, nil); err != nil {
			t.Fatal(err)
		}
		q, _ = s.XAPIQueueOverview(ctx, 10)
		if q.Rejected != 1 || q.Pending != 0 || len(q.Failed) != 1 || q.Failed[0].Attempts != 1 || !strings.Contains(q.Failed[0].LastError, "409") {
			t.Errorf("after a conflict: rejected %d, pending %d, failed %+v", q.Rejected, q.Pending, q.Failed)
		}
		if f.lrs.Puts() != 2 {
			t.Errorf("the LRS got %d PUTs, want 2 (the other one and one attempt)", f.lrs.Puts())
		}
	})
}

func TestWrongCredentialsAreRetriedNotDropped(t *testing.T) {
	s := storetest.OpenSQLite(t)
	ctx := context.Background()
	f := newFixture(t, s)
	f.learn(t)
	f.sender.Client = xapi.NewClient(config.XAPI{Endpoint: f.lrs.URL, Username: "ailit", Password: "falsch"})
	if err := f.sender.Run(ctx); err != nil {
		t.Fatal(err)
	}
	q, _ := s.XAPIQueueOverview(ctx, 10)
	if q.Rejected != 0 || q.Pending != 4 || !strings.Contains(q.Failed[0].LastError, "401") {
		t.Fatalf("wrong password: rejected %d, pending %d, failed %+v", q.Rejected, q.Pending, q.Failed)
	}
}

func TestScoresLeaveOnlyWhenThePrivacyLevelIsResults(t *testing.T) {
	s := storetest.OpenSQLite(t)
	ctx := context.Background()
	f := newFixture(t, s)
	f.learn(t)
	if err := f.sender.Run(ctx); err != nil {
		t.Fatal(err)
	}
	passed := f.lrs.Statements()[1]
	if _, ok := passed["result"].(map[string]any)["score"]; ok {
		t.Fatalf("a score left at privacy level status: %v", passed["result"])
	}
	if err := s.SaveReportSettings(ctx, f.lea.ID, store.ReportSettings{Level: config.PrivacyStatus, K: 5}, store.ReportSettings{Level: config.PrivacyResults, K: 5}); err != nil {
		t.Fatal(err)
	}
	submitted := f.clock.Now()
	if err := s.TestWriter().Create(&store.QuizAttempt{UserID: f.lea.ID, CourseID: "ki-grundlagen", Version: "1.0.0", ModuleID: "04-quiz",
		Status: store.AttemptSubmitted, StartedAt: submitted.Add(-time.Minute), SubmittedAt: &submitted, Score: 3, Max: 4, Passed: true}).Error; err != nil {
		t.Fatal(err)
	}
	f.clock.Add(time.Minute)
	if err := f.sender.Run(ctx); err != nil {
		t.Fatal(err)
	}
	sts := f.lrs.Statements()
	score, _ := sts[len(sts)-1]["result"].(map[string]any)["score"].(map[string]any)
	if score["scaled"] != 0.75 || score["raw"] != 3.0 || score["max"] != 4.0 {
		t.Errorf("at privacy level results the score is %v", score)
	}
	for _, st := range sts {
		raw, _ := json.Marshal(st)
		if strings.Contains(string(raw), "lea.berger") || strings.Contains(string(raw), "Berger") {
			t.Errorf("a pseudonymous statement names Lea: %s", raw)
		}
	}
}

func TestARevokedCompletionIsVoidedInTheLRS(t *testing.T) {
	s := storetest.OpenSQLite(t)
	ctx := context.Background()
	f := newFixture(t, s)
	f.learn(t)
	if err := f.sender.Run(ctx); err != nil {
		t.Fatal(err)
	}
	var c store.Completion
	if err := s.TestReader().Where("user_id = ? AND course_id = ?", f.lea.ID, "ki-grundlagen").First(&c).Error; err != nil {
		t.Fatal(err)
	}
	f.clock.Add(time.Hour)
	if err := s.RevokeCompletion(ctx, c.ID, "issued in error"); err != nil {
		t.Fatal(err)
	}
	f.clock.Add(time.Minute)
	if err := f.sender.Run(ctx); err != nil {
		t.Fatal(err)
	}
	sts := f.lrs.Statements()
	if got := verbs(sts); got != "registered passed completed completed voided" {
		t.Fatalf("after the revocation the LRS holds %q", got)
	}
	ref := sts[4]["object"].(map[string]any)
	if ref["objectType"] != "StatementRef" || ref["id"] != sts[2]["id"] {
		t.Errorf("the voiding statement points at %v, want the course completion %v", ref, sts[2]["id"])
	}
	// The validity of a revoked completion does not end later: it already ended.
	f.clock.Add(400 * 24 * time.Hour)
	if err := f.sender.Run(ctx); err != nil {
		t.Fatal(err)
	}
	if n := len(f.lrs.Statements()); n != 5 {
		t.Errorf("a revoked completion was reported as expired too: %d statements", n)
	}
}

func TestAnExpiredCompletionIsReportedOnceItsValidityEnds(t *testing.T) {
	s := storetest.OpenSQLite(t)
	ctx := context.Background()
	f := newFixture(t, s)
	f.learn(t)
	if err := f.sender.Run(ctx); err != nil {
		t.Fatal(err)
	}
	f.clock.Add(364 * 24 * time.Hour)
	if err := f.sender.Run(ctx); err != nil {
		t.Fatal(err)
	}
	if n := len(f.lrs.Statements()); n != 4 {
		t.Fatalf("%d statements before the validity ended", n)
	}
	f.clock.Add(48 * time.Hour)
	if err := f.sender.Run(ctx); err != nil {
		t.Fatal(err)
	}
	if got := verbs(f.lrs.Statements()); got != "registered passed completed completed expired" {
		t.Errorf("after the validity ended the LRS holds %q", got)
	}
}

func TestTheSchedulerSendsStatementsEvenWithoutAMailServer(t *testing.T) {
	s := storetest.OpenSQLite(t)
	f := newFixture(t, s)
	f.learn(t)
	f.sender.ScanEvery = 5 * time.Minute
	sched := &notify.Scheduler{Store: s, Clock: f.clock, XAPI: f.sender}
	if err := sched.RunOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := verbs(f.lrs.Statements()); got != "registered passed completed completed" {
		t.Fatalf("after a scheduler tick the LRS holds %q", got)
	}
	// Within ScanEvery a new record waits for the next scan; then it goes.
	if _, err := s.Enroll(context.Background(), &store.Enrollment{UserID: f.lea.ID, CourseID: "ki-sicher-nutzen", Version: "1.0.0", ContentHash: "h2"}); err != nil {
		t.Fatal(err)
	}
	f.clock.Add(time.Minute)
	sched.RunOnce(context.Background())
	if n := len(f.lrs.Statements()); n != 4 {
		t.Fatalf("scanned again within 5 minutes: %d statements", n)
	}
	f.clock.Add(5 * time.Minute)
	sched.RunOnce(context.Background())
	if n := len(f.lrs.Statements()); n != 5 {
		t.Fatalf("the enrolment did not follow at the next scan: %d statements", n)
	}
}
