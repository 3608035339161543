package loadtest

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// PrintReport writes the figures as Markdown tables, ready for docs/benchmarks.md: the pages next
// to their ceiling, full attempts, each attempt step per database, memory and start-up.
func PrintReport(w io.Writer, rep *Report) {
	// The ceiling's p99 shows how much of a page's tail latency the load client on the same cores
	// causes by itself.
	fmt.Fprintln(w, "| Database | Page | Bytes | ailit req/s | p50 | p99 | Same bytes, minimal Fiber app (req/s) | Its p99 | Share of the ceiling | Errors |")
	fmt.Fprintln(w, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, run := range rep.Runs {
		for _, p := range run.Pages {
			fmt.Fprintf(w, "| %s | %s | %d | %.0f | %s | %s | %.0f | %s | %.1f %% | %d |\n", run.Database, p.Page.Name, p.Bytes,
				p.Page.Throughput, ms(p.Page.P50), ms(p.Page.P99), p.Ceiling.Throughput, ms(p.Ceiling.P99), 100*p.Ratio(), p.Page.Errors+p.Ceiling.Errors)
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| Database | Full quiz attempts (7 steps) | Attempts/s | p50 per attempt | p99 per attempt | Slowest step p99 | Errors | Acknowledged submits stored | Server peak RSS under load |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, run := range rep.Runs {
		a := run.Attempt.Attempts
		slowest := time.Duration(0)
		for _, s := range run.Attempt.Steps {
			slowest = max(slowest, s.P99)
		}
		fmt.Fprintf(w, "| %s | %d | %.0f | %s | %s | %s | %d | %d of %d | %.1f MiB |\n", run.Database, a.Requests, a.Throughput,
			ms(a.P50), ms(a.P99), ms(slowest), a.Errors, run.Stored, run.Acknowledged, float64(run.PeakRSSKiB)/1024)
	}
	fmt.Fprintln(w)
	header, rule := "| Attempt step |", "|---|"
	for _, run := range rep.Runs {
		header += " " + run.Database + " p50 | " + run.Database + " p99 |"
		rule += "---:|---:|"
	}
	fmt.Fprintln(w, header)
	fmt.Fprintln(w, rule)
	for i, name := range AttemptSteps {
		row := "| " + name + " |"
		for _, run := range rep.Runs {
			if i < len(run.Attempt.Steps) {
				row += " " + ms(run.Attempt.Steps[i].P50) + " | " + ms(run.Attempt.Steps[i].P99) + " |"
			}
		}
		fmt.Fprintln(w, row)
	}
	if len(rep.Starts) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "| Start-up (SQLite) | Course versions | Ready after | Idle RSS |")
		fmt.Fprintln(w, "|---|---:|---:|---:|")
		for _, s := range rep.Starts {
			fmt.Fprintf(w, "| %s | %d | %.2f s | %.1f MiB |\n", s.Name, s.Versions, s.Ready.Seconds(), float64(s.IdleRSSKB)/1024)
		}
	}
	var errs []string
	for _, run := range rep.Runs {
		for _, r := range append([]Result{run.Attempt.Attempts}, pageResults(run.Pages)...) {
			if r.FirstError != nil {
				errs = append(errs, fmt.Sprintf("First error in %s %q: %v", run.Database, r.Name, r.FirstError))
			}
		}
	}
	if len(errs) > 0 {
		fmt.Fprintln(w, "\n"+strings.Join(errs, "\n"))
	}
}

func pageResults(ps []PageResult) []Result {
	var out []Result
	for _, p := range ps {
		out = append(out, p.Page, p.Ceiling)
	}
	return out
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }
