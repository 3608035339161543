package reporting_test

import (
	"context"
	"io"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/reporting"
	"github.com/ailit/ailit/internal/store"
)

// peakHeap samples the heap while f runs and returns the peak in MB.
func peakHeap(f func()) float64 {
	runtime.GC()
	var peak atomic.Uint64
	done := make(chan struct{})
	go func() {
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	f()
	close(done)
	return float64(peak.Load()) / (1 << 20)
}

// benchExport seeds people × 5 courses (demo seed) and writes the admin report in a format.
func benchExport(b *testing.B, people int, format string) {
	ctx := context.Background()
	db, lib, res := seeded(b, people, max(20, people/100))
	src, err := reporting.New(ctx, db, lib, db.Now())
	if err != nil {
		b.Fatal(err)
	}
	rs := store.ReportSettings{Level: "status", K: 5}
	b.ResetTimer()
	var peak float64
	for b.Loop() {
		peak = max(peak, peakHeap(func() {
			c := &reporting.Counter{}
			doc, err := src.PersonReport(ctx, store.Scope{All: true}, reporting.Filter{}, rs, "de", c)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := reporting.Write(io.Discard, format, doc, "bericht."+format, ""); err != nil {
				b.Fatal(err)
			}
			if c.N() != int64(res.Members) {
				b.Fatalf("%d rows, want %d", c.N(), res.Members)
			}
		}))
	}
	b.ReportMetric(peak, "peak-MB")
	b.ReportMetric(float64(res.Members), "rows")
}

func BenchmarkExportCSV(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(strconv.Itoa(n)+"x5", func(b *testing.B) { benchExport(b, n, "csv") })
	}
}

func BenchmarkExportXLSX100kx5(b *testing.B) { benchExport(b, 100_000, "xlsx") }

// BenchmarkDashboard10k is the dashboard of a unit of 10,000 people with 5 assignments each.
func BenchmarkDashboard10k(b *testing.B) {
	ctx := context.Background()
	db, lib, res := seeded(b, 10_000, 100)
	rs := store.ReportSettings{Level: "status", K: 5}
	b.ResetTimer()
	for b.Loop() {
		src, err := reporting.New(ctx, db, lib, db.Now())
		if err != nil {
			b.Fatal(err)
		}
		d, err := src.Dashboard(ctx, store.Scope{All: true}, reporting.Filter{UnitID: res.Units[0], WithSub: true}, rs)
		if err != nil || d.Total.People != 10_000 {
			b.Fatalf("people %d, err %v", d.Total.People, err)
		}
	}
}
