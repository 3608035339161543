package loadtest

import (
	"errors"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// ErrDone ends a worker's loop without counting a request.
var ErrDone = errors.New("loadtest: worker has nothing more to do")

// Limit bounds a run: it stops at whichever comes first.
type Limit struct {
	Requests int           // at most this many requests in total (0 = no bound)
	Duration time.Duration // at most this long (0 = no bound)
}

// Scenario collects the latencies of one kind of request over one or more timed runs.
type Scenario struct {
	Name     string
	Note     string
	mu       sync.Mutex
	latency  []time.Duration
	errors   int
	firstErr error
	elapsed  time.Duration
}

// Run calls op(worker, i) from workers goroutines until op returns ErrDone for every worker or the
// limit is reached, timing each call. i counts the calls of one worker from 0. The wall time of the
// run adds to the scenario's elapsed time, from which throughput is computed.
func (s *Scenario) Run(workers int, limit Limit, op func(worker, i int) error) {
	var issued atomic.Int64
	deadline := time.Now().Add(limit.Duration)
	start := time.Now()
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			var local []time.Duration
			var errs int
			var first error
			for i := 0; ; i++ {
				if limit.Duration > 0 && time.Now().After(deadline) {
					break
				}
				if limit.Requests > 0 && issued.Add(1) > int64(limit.Requests) {
					break
				}
				t0 := time.Now()
				err := op(w, i)
				if errors.Is(err, ErrDone) {
					break
				}
				local = append(local, time.Since(t0))
				if err != nil {
					errs++
					if first == nil {
						first = err
					}
				}
			}
			s.mu.Lock()
			s.latency = append(s.latency, local...)
			s.errors += errs
			if s.firstErr == nil {
				s.firstErr = first
			}
			s.mu.Unlock()
		})
	}
	wg.Wait()
	s.elapsed += time.Since(start)
}

// Record adds one timed call made outside Run (the steps of a quiz attempt are timed inside the
// attempt's own call).
func (s *Scenario) Record(d time.Duration, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = append(s.latency, d)
	if err != nil {
		s.errors++
		if s.firstErr == nil {
			s.firstErr = err
		}
	}
}

// Result is a scenario's summary.
type Result struct {
	Name       string
	Requests   int
	Errors     int
	FirstError error
	Throughput float64 // requests per second
	P50, P99   time.Duration
	Note       string
}

// Result summarizes what was measured so far.
func (s *Scenario) Result() Result {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := Result{Name: s.Name, Requests: len(s.latency), Errors: s.errors, FirstError: s.firstErr, Note: s.Note}
	if len(s.latency) == 0 {
		return r
	}
	sorted := slices.Clone(s.latency)
	slices.Sort(sorted)
	r.P50 = sorted[len(sorted)*50/100]
	r.P99 = sorted[min(len(sorted)-1, len(sorted)*99/100)]
	if s.elapsed > 0 {
		r.Throughput = float64(len(sorted)) / s.elapsed.Seconds()
	}
	return r
}
