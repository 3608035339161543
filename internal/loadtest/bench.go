package loadtest

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/ailit/ailit/internal/store"
)

// Options configure a load test run.
type Options struct {
	Binary     string        // ailit binary; "" = build cmd/ailit into a temporary folder
	Users      int           // learners seeded and logged in; one concurrent worker each
	Requests   int           // per scenario, at most this many requests (attempts for the attempt scenario)
	Duration   time.Duration // per scenario, at most this long
	Postgres   string        // a PostgreSQL server URL: measure there too, in a fresh schema ("" = SQLite only)
	SkipStart  bool          // leave out the start-up measurements (they write 200 course versions)
	CPUProfile string        // write the server's CPU profile of the SQLite run to this file
	Out        io.Writer     // progress messages
}

// Password is the password of every seeded learner.
const Password = "Lasttest-Passwort-2026"

// Report is what a load test measured.
type Report struct {
	Runs   []RunReport   // one per database
	Starts []StartResult // start-up time and idle memory
}

// RunReport is one database's figures.
type RunReport struct {
	Database     string // "SQLite" or "PostgreSQL"
	Pages        []PageResult
	Attempt      AttemptResult
	PeakRSSKiB   int64
	Acknowledged int // graded submissions the server acknowledged with a 303
	Stored       int // of those, found submitted in the database afterwards
}

// Bench measures the real server: on SQLite (and PostgreSQL when configured) the lesson and
// course pages next to their ceiling and full quiz attempts through the forms, then the start-up
// time and idle memory with the shipped courses and with 200 course versions.
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
	rep := &Report{}
	run, err := benchDatabase(ctx, o, "SQLite", ServerConfig{Binary: o.Binary, DataDir: filepath.Join(tmp, "sqlite"), CoursesDir: filepath.Join(tmp, "courses-sqlite"), CPUProfile: o.CPUProfile})
	if err != nil {
		return nil, err
	}
	rep.Runs = append(rep.Runs, *run)
	if o.Postgres != "" {
		dbURL, drop, err := store.NewPostgresSchema(ctx, o.Postgres, "bench_")
		if err != nil {
			return nil, err
		}
		run, err := benchDatabase(ctx, o, "PostgreSQL", ServerConfig{Binary: o.Binary, DataDir: filepath.Join(tmp, "pg"), CoursesDir: filepath.Join(tmp, "courses-pg"), DatabaseURL: dbURL})
		drop()
		if err != nil {
			return nil, err
		}
		rep.Runs = append(rep.Runs, *run)
	}
	if !o.SkipStart {
		if rep.Starts, err = benchStarts(o, tmp); err != nil {
			return nil, err
		}
	}
	return rep, nil
}

// benchDatabase seeds, starts and measures one server.
func benchDatabase(ctx context.Context, o Options, name string, cfg ServerConfig) (*RunReport, error) {
	if err := WriteCourses(cfg.CoursesDir); err != nil {
		return nil, err
	}
	fmt.Fprintf(o.Out, "%s: seeding %d learners …\n", name, o.Users)
	emails, err := SeedLearners(ctx, cfg.DBURL(), o.Users, Password)
	if err != nil {
		return nil, err
	}
	srv, err := Start(cfg)
	if err != nil {
		return nil, err
	}
	defer srv.Stop()
	fmt.Fprintf(o.Out, "%s: server %s (pid %d): logging in and enrolling %d learners …\n", name, srv.URL, srv.PID(), o.Users)
	clients, err := LoginAll(srv.URL, emails)
	if err != nil {
		return nil, err
	}
	SettleRSS(srv.PID())
	ResetPeakRSS(srv.PID()) // the peak under load, not of the logins (argon2 takes 19 MiB each)
	limit := Limit{Requests: o.Requests, Duration: o.Duration}
	run := &RunReport{Database: name}
	for _, p := range []struct{ name, path string }{
		{"lesson page (ki-grundlagen, module 1)", ExampleLessonPath},
		{"course page (enrolled, progress shown)", "/courses/" + BenchCourse},
	} {
		fmt.Fprintf(o.Out, "%s: measuring %s and its ceiling …\n", name, p.name)
		pr, err := measurePage(p.name, p.path, clients, limit)
		if err != nil {
			return nil, err
		}
		run.Pages = append(run.Pages, pr)
	}
	fmt.Fprintf(o.Out, "%s: measuring full quiz attempts …\n", name)
	attempts := Limit{Duration: o.Duration}
	if o.Requests > 0 {
		attempts.Requests = max(1, o.Requests/len(AttemptSteps)) // an attempt is seven requests
	}
	run.Attempt = measureAttempts(clients, attempts)
	run.PeakRSSKiB = PeakRSSKiB(srv.PID())
	run.Acknowledged = len(run.Attempt.Acked)
	if run.Stored, err = SubmittedAttempts(ctx, cfg.DBURL(), run.Attempt.Acked); err != nil {
		return nil, err
	}
	return run, nil
}

// ExampleLessonPath is the first lesson of the example course ki-grundlagen (with an image and a
// table), which every seeded learner may open.
const ExampleLessonPath = "/courses/ki-grundlagen/v/1.1.0/m/was-ist-ki"

// benchStarts measures start-up and idle memory with the bench courses and with 200 versions.
func benchStarts(o Options, tmp string) ([]StartResult, error) {
	var out []StartResult
	few := filepath.Join(tmp, "courses-start")
	if err := WriteCourses(few); err != nil {
		return nil, err
	}
	many := filepath.Join(tmp, "courses-200")
	if err := WriteCourses(many); err != nil {
		return nil, err
	}
	if err := WriteManyVersions(many, 200-countVersions(many)); err != nil {
		return nil, err
	}
	for _, s := range []struct{ name, dir string }{{"example and bench courses", few}, {"200 course versions", many}} {
		for _, round := range []string{"first start", "restart"} {
			fmt.Fprintf(o.Out, "start-up: %s, %s …\n", s.name, round)
			r, err := MeasureStart(s.name+", "+round, o.Binary, s.dir, filepath.Join(tmp, "start-"+filepath.Base(s.dir)), countVersions(s.dir))
			if err != nil {
				return nil, err
			}
			out = append(out, r)
		}
	}
	return out, nil
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

func expectOK(r *Response, err error) error {
	if err != nil {
		return err
	}
	if r.Status != http.StatusOK {
		return fmt.Errorf("status %d", r.Status)
	}
	return nil
}
