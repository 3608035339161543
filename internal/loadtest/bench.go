package loadtest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"sync"
	"time"
)

// Options configure a load test run.
type Options struct {
	Binary   string        // ailit binary; "" = build cmd/ailit into a temporary folder
	Users    int           // learners seeded and logged in; one worker each
	Requests int           // per scenario, at most this many requests
	Duration time.Duration // per scenario, at most this long
	Out      io.Writer     // progress messages
}

// Password is the password of every seeded learner.
const Password = "Lasttest-Passwort-2026"

// Report is what a load test measured.
type Report struct {
	Results      []Result
	PeakRSSKiB   int64
	Acknowledged int // graded submissions the server acknowledged with a 303
	Stored       int // of those, found submitted in the database afterwards
}

// Bench starts the real server on SQLite in a temporary folder, seeds and logs in learners, and
// measures the lesson page, quiz start, save and graded submit, and Fiber's plain-text ceiling.
func Bench(ctx context.Context, o Options) (*Report, error) {
	tmp, err := os.MkdirTemp("", "ailit-loadtest-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	if o.Binary == "" {
		fmt.Fprintln(o.Out, "building cmd/ailit …")
		if o.Binary, err = Build(tmp); err != nil {
			return nil, err
		}
	}
	cfg := ServerConfig{Binary: o.Binary, DataDir: tmp + "/data", CoursesDir: tmp + "/courses"}
	if err := WriteCourses(cfg.CoursesDir); err != nil {
		return nil, err
	}
	fmt.Fprintf(o.Out, "seeding %d learners …\n", o.Users)
	emails, err := SeedLearners(ctx, cfg.DBURL(), o.Users, Password)
	if err != nil {
		return nil, err
	}
	srv, err := Start(cfg)
	if err != nil {
		return nil, err
	}
	defer srv.Stop()
	fmt.Fprintf(o.Out, "server %s (pid %d): logging in and enrolling %d learners …\n", srv.URL, srv.PID(), o.Users)
	clients, err := LoginAll(srv.URL, emails)
	if err != nil {
		return nil, err
	}
	limit := Limit{Requests: o.Requests, Duration: o.Duration}
	rep := &Report{}

	lesson := &Scenario{Name: "lesson page (GET, logged-in learner)"}
	fmt.Fprintln(o.Out, "measuring:", lesson.Name)
	lesson.Run(len(clients), limit, func(w, i int) error {
		return expectOK(clients[w].Get(ModulePath(i % BenchModules)))
	})

	start, save, submit := &Scenario{Name: "quiz: start attempt (POST)"}, &Scenario{Name: "quiz: save answers (POST)"},
		&Scenario{Name: "quiz: graded submit (POST)"}
	fmt.Fprintln(o.Out, "measuring: quiz start, save, submit in rounds")
	acked := quizRounds(clients, limit, start, save, submit)
	rep.Acknowledged = len(acked)

	export := &Scenario{Name: "report export (CSV, admin, 4 at once)", Note: "no assignments are seeded: the file has few rows"}
	fmt.Fprintln(o.Out, "measuring:", export.Name)
	if err := measureExport(ctx, cfg, srv.URL, limit, export); err != nil {
		return nil, err
	}

	ceiling := &Scenario{Name: "ceiling: Fiber plain-text handler (in-process)"}
	fmt.Fprintln(o.Out, "measuring:", ceiling.Name)
	curl, stop, err := StartCeiling()
	if err != nil {
		return nil, err
	}
	plain := &http.Client{Transport: transport, Timeout: 30 * time.Second}
	ceiling.Run(len(clients), limit, func(w, i int) error {
		resp, err := plain.Get(curl)
		if err != nil {
			return err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("status %d", resp.StatusCode)
		}
		return nil
	})
	stop()

	rep.PeakRSSKiB = PeakRSSKiB(srv.PID())
	if rep.Stored, err = SubmittedAttempts(ctx, cfg.DBURL(), acked); err != nil {
		return nil, err
	}
	for _, s := range []*Scenario{lesson, start, save, submit, export, ceiling} {
		rep.Results = append(rep.Results, s.Result())
	}
	return rep, nil
}

// LoginAll logs every learner in (a few at a time: argon2 is meant to be slow) and enrolls them in
// the bench course.
func LoginAll(base string, emails []string) ([]*Client, error) {
	clients := make([]*Client, len(emails))
	errs := make(chan error, len(emails))
	sem := make(chan struct{}, 4)
	var wg sync.WaitGroup
	for i, email := range emails {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			c := NewClient(base)
			if err := c.Login(email, Password); err != nil {
				errs <- err
				return
			}
			if err := c.Enroll(BenchCourse); err != nil {
				errs <- err
				return
			}
			clients[i] = c
		})
	}
	wg.Wait()
	close(errs)
	return clients, <-errs // nil when the channel is empty
}

// quizRounds repeats rounds until the limit is reached: every learner starts an attempt in each
// module, saves correct answers, then all submit. Each step is timed as its own burst, so the
// submit figures are graded submissions only. It returns the acknowledged attempt ids.
func quizRounds(clients []*Client, limit Limit, start, save, submit *Scenario) []int64 {
	deadline := time.Now().Add(limit.Duration)
	var acked []int64
	var mu sync.Mutex
	for limit.Requests <= 0 || len(acked) < limit.Requests {
		if limit.Duration > 0 && time.Now().After(deadline) {
			break
		}
		open := make([][]int64, len(clients))
		for w := range open {
			open[w] = make([]int64, BenchModules)
		}
		start.Run(len(clients), Limit{}, func(w, i int) error {
			if i >= BenchModules {
				return ErrDone
			}
			id, err := clients[w].StartAttempt(QuizPath(i))
			open[w][i] = id
			return err
		})
		save.Run(len(clients), Limit{}, func(w, i int) error {
			if i >= BenchModules {
				return ErrDone
			}
			return clients[w].SaveAnswers(open[w][i], CorrectAnswers(i))
		})
		submit.Run(len(clients), Limit{}, func(w, i int) error {
			if i >= BenchModules {
				return ErrDone
			}
			if err := clients[w].Submit(open[w][i]); err != nil {
				return err
			}
			mu.Lock()
			acked = append(acked, open[w][i])
			mu.Unlock()
			return nil
		})
	}
	return acked
}

// exportWorkers is how many admins export at once: an export reads every learner's progress, so a
// few concurrent exports are a realistic peak.
const exportWorkers = 4

// measureExport logs in an admin in exportWorkers browsers and downloads the person report as CSV,
// a tenth of the request limit. The report lists mandatory assignments; the load test seeds none, so
// this measures the export path (scope, settings, streaming, export log) rather than row volume.
func measureExport(ctx context.Context, cfg ServerConfig, base string, limit Limit, s *Scenario) error {
	if err := SeedUsers(ctx, cfg.DBURL(), []string{ReporterEmail}, []string{"admin", "manager", "learner"}, Password); err != nil {
		return err
	}
	admins := make([]*Client, exportWorkers)
	for i := range admins {
		admins[i] = NewClient(base)
		if err := admins[i].Login(ReporterEmail, Password); err != nil {
			return err
		}
	}
	s.Run(len(admins), Limit{Requests: max(1, limit.Requests/10), Duration: limit.Duration}, func(w, i int) error {
		r, err := admins[w].Get("/reports/export?format=csv")
		if err = expectOK(r, err); err != nil {
			return err
		}
		if r.Body == "" {
			return errors.New("empty export")
		}
		return nil
	})
	return nil
}

func expectOK(r *Response, err error) error {
	if err != nil {
		return err
	}
	if r.Status != http.StatusOK {
		return fmt.Errorf("status %d", r.Status)
	}
	return nil
}
