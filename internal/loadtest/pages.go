package loadtest

import (
	"fmt"
	"io"
	"net/http"
	"time"
)

// PageResult is a page measured over HTTP next to its ceiling: the same bytes served from memory
// by a minimal Fiber app in the same run.
type PageResult struct {
	Page, Ceiling Result
	Bytes         int
}

// Ratio is the page's throughput as a share of the ceiling's.
func (r PageResult) Ratio() float64 {
	if r.Ceiling.Throughput == 0 {
		return 0
	}
	return r.Page.Throughput / r.Ceiling.Throughput
}

// measurePage loads path with every client at once, then serves the page's bytes (as the first
// client got them) from the ceiling app to the same number of workers.
func measurePage(name, path string, clients []*Client, limit Limit) (PageResult, error) {
	first, err := clients[0].Get(path)
	if err := expectOK(first, err); err != nil {
		return PageResult{}, fmt.Errorf("%s (%s): %w", name, path, err)
	}
	page := &Scenario{Name: name}
	page.Run(len(clients), limit, func(w, i int) error { return expectOK(clients[w].Get(path)) })

	url, stop, err := StartCeiling([]byte(first.Body), "text/html; charset=utf-8")
	if err != nil {
		return PageResult{}, err
	}
	defer stop()
	plain := &http.Client{Transport: transport, Timeout: 30 * time.Second}
	ceiling := &Scenario{Name: "the same bytes from a minimal Fiber app"}
	ceiling.Run(len(clients), limit, func(w, i int) error {
		resp, err := plain.Get(url + path)
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
	return PageResult{Page: page.Result(), Ceiling: ceiling.Result(), Bytes: len(first.Body)}, nil
}
