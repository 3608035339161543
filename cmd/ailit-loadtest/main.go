// Command ailit-loadtest measures a real ailit server on this machine: it builds and starts
// `ailit serve` on a loopback port with SQLite in a temporary folder, seeds learners, and prints
// throughput, p50 and p99 latency and errors per scenario, the server's peak memory, and whether
// every acknowledged quiz submission is stored. `make bench` runs it.
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
	flag.IntVar(&o.Users, "users", 20, "learners seeded and logged in; one concurrent worker each")
	flag.IntVar(&o.Requests, "requests", 5000, "at most this many requests per scenario")
	flag.DurationVar(&o.Duration, "duration", 20*time.Second, "at most this long per scenario")
	flag.Parse()
	o.Out = os.Stderr
	rep, err := loadtest.Bench(context.Background(), o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "ailit-loadtest:", err)
		os.Exit(1)
	}
	fmt.Printf("\nLoad test: %d learners, one worker each, at most %d requests or %s per scenario, 127.0.0.1, SQLite.\n\n",
		o.Users, o.Requests, o.Duration)
	loadtest.PrintTable(os.Stdout, rep.Results, rep.PeakRSSKiB)
	fmt.Printf("Acknowledged graded submissions: %d, found submitted in the database afterwards: %d\n", rep.Acknowledged, rep.Stored)
	if rep.Stored != rep.Acknowledged {
		fmt.Println("FAIL: acknowledged submissions are missing")
		os.Exit(1)
	}
}
