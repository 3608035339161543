// Package crashtest runs the real ailit binary and kills it: every write the server acknowledged
// must be in the database after a restart, and the evidence log must stay intact.
package crashtest

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/loadtest"
	"github.com/ailit/ailit/internal/store"
)

// ledger records every write the server acknowledged with a 303.
type ledger struct {
	mu       sync.Mutex
	attempts []int64             // graded submissions
	lessons  map[string][]string // learner email → modules marked read
	count    atomic.Int64
}

func (l *ledger) attempt(id int64) {
	l.mu.Lock()
	l.attempts = append(l.attempts, id)
	l.mu.Unlock()
	l.count.Add(1)
}

func (l *ledger) lesson(email, module string) {
	l.mu.Lock()
	l.lessons[email] = append(l.lessons[email], module)
	l.mu.Unlock()
	l.count.Add(1)
}

func TestAcknowledgedWritesSurviveSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the real binary; skipped with -short")
	}
	ctx := context.Background()
	dir := t.TempDir()
	bin, err := loadtest.Build(dir)
	if err != nil {
		t.Fatal(err)
	}
	cfg := loadtest.ServerConfig{Binary: bin, DataDir: dir + "/data", CoursesDir: dir + "/courses"}
	if err := loadtest.WriteCourses(cfg.CoursesDir); err != nil {
		t.Fatal(err)
	}
	emails, err := loadtest.SeedLearners(ctx, cfg.DBURL(), 8, loadtest.Password)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := loadtest.Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	clients, err := loadtest.LoginAll(srv.URL, emails)
	if err != nil {
		srv.Kill()
		t.Fatal(err)
	}

	// Each learner alternates between a whole quiz (start, save correct answers, submit) and
	// marking a lesson read, until its first error: after the kill every request fails.
	acks := &ledger{lessons: map[string][]string{}}
	var wg sync.WaitGroup
	for w, c := range clients {
		wg.Go(func() {
			for i := 0; ; i++ {
				m := i % loadtest.BenchModules
				if i%2 == 1 {
					if c.LessonDone(loadtest.ModulePath(m)) != nil {
						return
					}
					acks.lesson(emails[w], loadtest.BenchModule(m))
					continue
				}
				id, err := c.StartAttempt(loadtest.QuizPath(m))
				if err != nil || c.SaveAnswers(id, loadtest.CorrectAnswers(m)) != nil || c.Submit(id) != nil {
					return
				}
				acks.attempt(id)
			}
		})
	}
	// Kill mid-stream, once a few hundred writes are acknowledged (or after 10 s at the latest).
	for deadline := time.Now().Add(10 * time.Second); acks.count.Load() < 300 && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	srv.Kill()
	wg.Wait()
	if len(acks.attempts) == 0 || len(acks.lessons) == 0 {
		t.Fatalf("no writes acknowledged before the kill (%d submissions, %d learners with lessons)", len(acks.attempts), len(acks.lessons))
	}
	t.Logf("killed the server after %d acknowledged submissions and %d acknowledged writes in all", len(acks.attempts), acks.count.Load())

	again, err := loadtest.Start(cfg)
	if err != nil {
		t.Fatalf("restart on the same data directory: %v", err)
	}
	// A learner logs in again on the restarted server and sees the course.
	c := loadtest.NewClient(again.URL)
	if err := c.Login(emails[0], loadtest.Password); err != nil {
		t.Errorf("login after restart: %v", err)
	}
	stored, err := loadtest.SubmittedAttempts(ctx, cfg.DBURL(), acks.attempts)
	if err != nil {
		t.Fatal(err)
	}
	if stored != len(acks.attempts) {
		t.Errorf("%d of %d acknowledged graded submissions are missing after the crash", len(acks.attempts)-stored, len(acks.attempts))
	}
	checkLessonsRead(t, cfg.DBURL(), acks.lessons)
	if err := again.Stop(); err != nil {
		t.Errorf("stopping the restarted server: %v", err)
	}
	out, err := cfg.Run(ctx, "evidence", "verify")
	if err != nil || !strings.HasPrefix(out, "OK:") {
		t.Errorf("ailit evidence verify after the crash: %v\n%s", err, out)
	}
}

// checkLessonsRead checks that every acknowledged "lesson read" is stored.
func checkLessonsRead(t *testing.T, dbURL string, lessons map[string][]string) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dbURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for email, modules := range lessons {
		u, err := db.UserByEmail(ctx, email)
		if err != nil {
			t.Fatal(err)
		}
		e, err := db.EnrollmentOf(ctx, u.ID, loadtest.BenchCourse)
		if err != nil || e == nil {
			t.Fatalf("enrollment of %s: %v", email, err)
		}
		rows, err := db.ProgressOf(context.Background(), e.ID)
		if err != nil {
			t.Fatal(err)
		}
		read := map[string]bool{}
		for _, r := range rows {
			read[r.ModuleID] = r.DoneAt != nil
		}
		for _, m := range modules {
			if !read[m] {
				t.Errorf("%s: acknowledged \"lesson read\" of %s is missing after the crash", email, m)
			}
		}
	}
}
