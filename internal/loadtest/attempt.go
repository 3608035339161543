package loadtest

import (
	"fmt"
	"sync"
	"time"
)

// AttemptSteps are the seven steps of one quiz attempt through the real forms.
var AttemptSteps = []string{"quiz page (GET)", "start (POST)", "attempt page (GET)", "save answers (POST)",
	"confirm page (GET)", "graded submit (POST)", "result page (GET)"}

// AttemptResult is the full-attempt scenario: whole attempts per second and each step's latency.
type AttemptResult struct {
	Attempts Result   // one "request" is one whole attempt of seven steps
	Steps    []Result // in the order of AttemptSteps
	Acked    []int64  // attempts whose submit the server acknowledged with a 303
}

// measureAttempts lets every client take attempts through the forms, each in the next module of
// the bench course, until the limit (counted in attempts) is reached.
func measureAttempts(clients []*Client, limit Limit) AttemptResult {
	whole := &Scenario{Name: "full quiz attempt (7 steps)"}
	steps := make([]*Scenario, len(AttemptSteps))
	for i, name := range AttemptSteps {
		steps[i] = &Scenario{Name: name}
	}
	var mu sync.Mutex
	var acked []int64
	whole.Run(len(clients), limit, func(w, i int) error {
		c, module := clients[w], (w+i)%BenchModules
		var id int64
		step := func(n int, f func() error) error {
			t0 := time.Now()
			err := f()
			steps[n].Record(time.Since(t0), err)
			if err != nil {
				return fmt.Errorf("%s: %w", AttemptSteps[n], err)
			}
			return nil
		}
		page := func(path string) func() error {
			return func() error { r, err := c.Get(path); return expectOK(r, err) }
		}
		err := step(0, page(QuizPath(module)))
		if err == nil {
			err = step(1, func() (err error) { id, err = c.StartAttempt(QuizPath(module)); return err })
		}
		attempt := AttemptPath(id)
		for n, f := range []func() error{
			page(attempt),
			func() error { return c.SaveAnswers(id, CorrectAnswers(module)) },
			page(attempt + "/confirm"),
			func() error { return c.Submit(id) },
			page(attempt + "/result"),
		} {
			if err != nil {
				break
			}
			if err = step(n+2, f); err == nil && n == 3 {
				mu.Lock()
				acked = append(acked, id)
				mu.Unlock()
			}
		}
		return err
	})
	r := AttemptResult{Attempts: whole.Result(), Acked: acked}
	for _, s := range steps {
		r.Steps = append(r.Steps, s.Result())
	}
	return r
}
