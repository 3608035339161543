// Command ailit-loadtest measures a real ailit server on this machine: it starts `ailit serve` on
// a loopback port with SQLite in a temporary folder (and on PostgreSQL in a fresh schema with
// -postgres), seeds and logs in learners, and prints the lesson and course pages next to the same
// bytes served by a minimal Fiber app, full quiz attempts through the forms with every step's
// latency, the server's peak memory, whether every acknowledged submit is stored, and start-up time
// and idle memory with 200 course versions. `make bench` runs it.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/ailit/ailit/internal/loadtest"
)

func main() {
	var o loadtest.Options
	flag.StringVar(&o.Binary, "bin", "", "ailit binary to start (default: build ./cmd/ailit)")
	flag.IntVar(&o.Users, "users", 64, "learners seeded and logged in; one concurrent worker each")
	flag.IntVar(&o.Requests, "requests", 0, "at most this many requests per scenario (0: until -duration)")
	flag.DurationVar(&o.Duration, "duration", 15*time.Second, "at most this long per scenario")
	flag.StringVar(&o.Postgres, "postgres", "", "PostgreSQL server URL: measure there too, in a fresh schema")
	flag.BoolVar(&o.SkipStart, "skip-start", false, "leave out the start-up measurements")
	flag.StringVar(&o.CPUProfile, "cpuprofile", "", "write the server's CPU profile of the SQLite run to this file")
	flag.Parse()
	o.Out = os.Stderr
	rep, err := loadtest.Bench(context.Background(), o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "ailit-loadtest:", err)
		os.Exit(1)
	}
	load, _ := os.ReadFile("/proc/loadavg")
	fmt.Printf("\nLoad test: %d learners, one worker and session each, %s per scenario, 127.0.0.1; load average after the run: %s\n",
		o.Users, o.Duration, string(load[:min(len(load), 14)]))
	loadtest.PrintReport(os.Stdout, rep)
	for _, run := range rep.Runs {
		if run.Stored != run.Acknowledged {
			fmt.Printf("FAIL: %s: %d acknowledged submissions are missing\n", run.Database, run.Acknowledged-run.Stored)
			os.Exit(1)
		}
	}
}
