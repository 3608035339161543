package report

import (
	"fmt"
	"io"
	"runtime"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"
)

// countingWriter discards output but counts it, so benchmarks report the file size.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

// peakHeap samples the in-use heap (what MemStats calls HeapInuse: live objects plus unused space
// in in-use spans) every 10 ms while f runs and returns the high-water mark in MiB. runtime/metrics
// does not stop the world, so sampling does not slow the benchmark down.
func peakHeap(f func()) float64 {
	runtime.GC()
	var peak atomic.Uint64
	done := make(chan struct{})
	go func() {
		samples := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/unused:bytes"}}
		for {
			metrics.Read(samples)
			if inuse := samples[0].Value.Uint64() + samples[1].Value.Uint64(); inuse > peak.Load() {
				peak.Store(inuse)
			}
			select {
			case <-done:
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}()
	f()
	close(done)
	return float64(peak.Load()) / (1 << 20)
}

func benchWrite(b *testing.B, people, perPerson int, write func(io.Writer, Document) error) {
	b.ReportAllocs()
	var size int64
	var peak float64
	for b.Loop() {
		w := &countingWriter{}
		doc := PersonReport(testOptions(LevelResults), syntheticRows(people, perPerson))
		peak = max(peak, peakHeap(func() {
			if err := write(w, doc); err != nil {
				b.Fatal(err)
			}
		}))
		size = w.n
	}
	b.ReportMetric(float64(size)/(1<<20), "MiB-file")
	b.ReportMetric(peak, "MiB-peak-heap")
	b.ReportMetric(float64(people*perPerson), "rows")
}

func csvWrite(w io.Writer, d Document) error  { _, err := WriteCSV(w, d, CSVOptions{}); return err }
func xlsxWrite(w io.Writer, d Document) error { _, err := WriteXLSX(w, d); return err }
func jsonWrite(w io.Writer, d Document) error { _, err := WriteJSON(w, d); return err }

// 100,000 people × 5 assignments = 500,000 rows. Targets: CSV ≤ 2 s, XLSX ≤ 20 s, peak ≤ 150 MB.
func BenchmarkCSV100kx5(b *testing.B)  { benchWrite(b, 100_000, 5, csvWrite) }
func BenchmarkXLSX100kx5(b *testing.B) { benchWrite(b, 100_000, 5, xlsxWrite) }
func BenchmarkJSON100kx5(b *testing.B) { benchWrite(b, 100_000, 5, jsonWrite) }

// BenchmarkCSVScaling shows linear time and flat memory: 10k, 100k and 1M rows.
func BenchmarkCSVScaling(b *testing.B) {
	for _, rows := range []int{10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("rows=%d", rows), func(b *testing.B) { benchWrite(b, rows/5, 5, csvWrite) })
	}
}
