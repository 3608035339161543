package store_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/retention"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/store/storetest"
)

// retentionFixture stores one row of every category whose retention clock starts at start, and
// for the completions a newer one that supersedes the old at start.
func retentionFixture(t *testing.T, s *store.Store, start time.Time) {
	t.Helper()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	u := &store.User{Email: "anna@stadt.example", DisplayName: "Anna Berg"}
	must(s.CreateUser(context.Background(), u, []string{"learner"}))
	w := s.TestWriter()
	must(w.Create(&store.WebSession{ID: "s1", SecretHash: []byte("x"), UserID: &u.ID, CreatedAt: start.Add(-time.Hour),
		LastSeenAt: start.Add(-time.Hour), ExpiresAt: start}).Error)
	must(w.Create(&store.AuthThrottle{Key: "ip:192.0.2.1", Failures: 3, WindowStart: start}).Error)
	submitted := start
	a := &store.QuizAttempt{UserID: u.ID, CourseID: "ki-grundlagen", Version: "1.0.0", ContentHash: "h", ModuleID: "m1",
		Layout: "[]", Status: store.AttemptSubmitted, StartedAt: start.Add(-time.Hour), SubmittedAt: &submitted}
	must(w.Create(a).Error)
	must(w.Create(&store.QuizAnswer{AttemptID: a.ID, QuestionID: "q1", QuestionHash: "h", Response: `["a"]`, UpdatedAt: start}).Error)
	e := &store.Enrollment{UserID: u.ID, CourseID: "ki-grundlagen", Version: "1.0.0", ContentHash: "h", Source: "self",
		EnrolledAt: start.Add(-time.Hour), LastActivityAt: start}
	must(w.Create(e).Error)
	must(w.Create(&store.LessonProgress{EnrollmentID: e.ID, ModuleID: "m1", ModuleHash: "h", DoneAt: &submitted}).Error)
	must(w.Create(&store.Completion{RecordID: "R-OLD", UserID: u.ID, CourseID: "ki-grundlagen", Version: "1.0.0", ContentHash: "h",
		CompletedAt: start.AddDate(-2, 0, 0)}).Error)
	must(w.Create(&store.Completion{RecordID: "R-NEW", UserID: u.ID, CourseID: "ki-grundlagen", Version: "1.1.0", ContentHash: "h2",
		CompletedAt: start}).Error)
	must(w.Create(&store.ReportExport{Actor: "cli", Kind: "export", Format: "csv", Filters: "{}", CreatedAt: start}).Error)
	must(w.Create(&store.PackageAttempt{UserID: u.ID, EnrollmentID: e.ID, CourseID: "scorm-beispiel", Version: "1.0.0", ModuleID: "m1",
		ModuleHash: "h", Kind: "scorm12", TokenHash: "t1", State: "{}", LaunchedAt: start.Add(-time.Hour), CreatedAt: start.Add(-time.Hour), UpdatedAt: start}).Error)
	must(w.Create(&store.XAPIStatement{StatementID: "5b1f0c1e-0000-5000-8000-000000000001", EventKey: "completion:R1", Verb: "completed",
		UserID: &u.ID, Body: "{}", EventAt: start.Add(-time.Hour), NextAttemptAt: start, SentAt: &submitted, CreatedAt: start.Add(-time.Hour)}).Error)
	must(w.Create(&store.APICall{Method: "GET", Path: "/api/v1/completions", Status: 200, IP: "192.0.2.1", CalledAt: start}).Error)
	must(w.Create(&store.OutboxMessage{DedupeKey: "k1", Kind: "reminder", ToAddress: u.Email, Subject: "s", Body: "b",
		NextAttemptAt: start, SentAt: &submitted, CreatedAt: start.Add(-time.Minute)}).Error)
	decided := start
	must(w.Create(&store.ExternalEvidence{UserID: u.ID, MeasureID: "zertifikat", Title: "KI-Zertifikat", Issuer: "VHS", IssuedOn: start,
		FileName: "zertifikat.pdf", StoredName: "0123456789abcdef0123456789abcdef.pdf", ContentType: "application/pdf", SizeBytes: 10,
		SHA256: strings.Repeat("ab", 32), Status: "accepted", DecidedAt: &decided, CreatedAt: start.Add(-time.Hour)}).Error)
	leaver := &store.User{Email: "ben@stadt.example", DisplayName: "Ben Kraus"}
	must(s.CreateUser(context.Background(), leaver, []string{"learner"}))
	must(w.Model(leaver).Updates(map[string]any{"active": false, "deactivated_at": start}).Error)
}

func TestRetentionDeletesEachCategoryAtItsPeriodEndNotBefore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		start := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
		retentionFixture(t, s, start)
		p := retention.Defaults()
		for _, d := range retention.Definitions {
			end := p.DeletionDate(d.Category, start)
			before, err := s.RetentionPlan(ctx, p, end)
			if err != nil {
				t.Fatal(err)
			}
			if before[d.Category] != 0 {
				t.Errorf("%s: %d rows due at the period end %s, want none before it", d.Category, before[d.Category], end)
			}
			after, err := s.RetentionPlan(ctx, p, end.Add(time.Second))
			if err != nil {
				t.Fatal(err)
			}
			want := int64(1)
			if after[d.Category] != want {
				t.Errorf("%s: %d rows due just after the period end %s, want %d", d.Category, after[d.Category], end, want)
			}
		}
	})
}

func TestRetentionDryRunChangesNothingAndARunDeletesWhatItCounted(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		start := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
		retentionFixture(t, s, start)
		p := retention.Defaults()
		p[retention.Completions] = 12
		asOf := start.AddDate(2, 0, 0) // every period has passed
		plan, err := s.RetentionPlan(ctx, p, asOf)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := s.RetentionPlan(ctx, p, asOf)
		if plan.Total() != int64(len(retention.Definitions)) || again.Total() != plan.Total() {
			t.Fatalf("plan %v, a second plan %v: a dry run must change nothing", plan, again)
		}
		head, _ := s.EvidenceHead(ctx)
		done, err := s.ApplyRetention(ctx, p, asOf)
		if err != nil {
			t.Fatal(err)
		}
		for c, n := range plan {
			if done[c] != n {
				t.Errorf("%s: deleted %d, the plan said %d", c, done[c], n)
			}
		}
		if left, _ := s.RetentionPlan(ctx, p, asOf); left.Total() != 0 {
			t.Errorf("after the run %v rows are still due", left)
		}
		var completions []store.Completion
		s.TestWriter().Find(&completions)
		if len(completions) != 1 || completions[0].RecordID != "R-NEW" {
			t.Errorf("completions left %+v: the latest one must stay", completions)
		}
		var upload store.ExternalEvidence
		s.TestWriter().First(&upload)
		if upload.StoredName != "" || upload.SHA256 != strings.Repeat("ab", 32) {
			t.Errorf("upload after the run: %+v; the file name goes, the hash stays", upload)
		}
		var answers int64
		s.TestWriter().Model(&store.QuizAnswer{}).Count(&answers)
		if answers != 0 {
			t.Errorf("%d answers left", answers)
		}
		after, _ := s.EvidenceHead(ctx)
		if after.Count != head.Count+2 { // the person who left was deleted, and the run
			t.Errorf("evidence log: %d entries before, %d after; want the deletion and the run", head.Count, after.Count)
		}
		if n, broken, err := s.VerifyEvidence(ctx); err != nil || broken != nil || n != after.Count {
			t.Errorf("chain after the run: %d %v %v", n, broken, err)
		}
	})
}

func TestRetentionPolicyIsSavedWithItsChangesLogged(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		admin := &store.User{Email: "it@stadt.example", DisplayName: "IT"}
		if err := s.CreateUser(ctx, admin, []string{"admin"}); err != nil {
			t.Fatal(err)
		}
		old, err := s.RetentionPolicy(ctx)
		if err != nil || old.Period(retention.QuizAnswers) != 30 {
			t.Fatalf("defaults: %v %v", old, err)
		}
		next := retention.Defaults()
		next[retention.QuizAnswers] = 14
		if err := s.SaveRetentionPolicy(ctx, admin.ID, old, next); err != nil {
			t.Fatal(err)
		}
		got, _ := s.RetentionPolicy(ctx)
		if got.Period(retention.QuizAnswers) != 14 || got.Period(retention.Completions) != 36 {
			t.Errorf("saved policy %v", got)
		}
		es := allEvents(t, s) // the new admin's roles, then the change
		want := `{"by":` + strconv.FormatInt(admin.ID, 10) + `,"changes":{"quiz_answers":{"from":"30","to":"14"}}}`
		if len(es) != 2 || es[1].Type != store.EventRetentionPolicyChanged || es[1].Payload != want {
			t.Errorf("evidence %+v", es)
		}
		if err := s.SaveRetentionPolicy(ctx, admin.ID, got, got); err != nil || len(allEvents(t, s)) != 2 {
			t.Errorf("an unchanged policy must log nothing")
		}
	})
}
