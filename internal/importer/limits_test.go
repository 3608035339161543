package importer_test

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/importer"
)

const header = "Personalnummer;Nachname;Vorname;E-Mail;Organisationseinheit;Rollen\n"

func TestParseRefusesAFieldOverItsLimitWithLineAndColumn(t *testing.T) {
	long := strings.Repeat("ä", 101) // characters, not bytes: 101 umlauts are 202 bytes
	tests := []struct {
		name, line, want string
	}{
		{"last name", "2;" + long + ";Anna;a@x.de;Amt;learner", "import.err.too_long [3 2 Nachname 101 100]"},
		{"personnel number", strings.Repeat("9", 41) + ";Berg;Anna;a@x.de;Amt;learner", "import.err.too_long [3 1 Personalnummer 41 40]"},
		{"email", "2;Berg;Anna;" + strings.Repeat("a", 320) + "@x.de;Amt;learner", "import.err.too_long [3 4 E-Mail 325 320]"},
		{"unit name", "2;Berg;Anna;a@x.de;Stadt/" + strings.Repeat("U", 201) + ";learner", "import.err.unit_long [3 5 Organisationseinheit 201 200]"},
		{"whole name", "2;" + strings.Repeat("N", 100) + ";" + strings.Repeat("V", 100) + ";a@x.de;Amt;learner", "import.err.name_long [3 2 201 200]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, errs := parse(t, header+"1;Kurz;Cem;c@x.de;Amt;learner\n"+tt.line+"\n")
			if len(rows) != 1 || len(errs) != 1 {
				t.Fatalf("rows %d, errors %+v", len(rows), errs)
			}
			if got := fmt.Sprint(errs[0].Key, " ", errs[0].Args); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
	// At the limit is fine.
	if rows, errs := parse(t, header+"1;"+strings.Repeat("ä", 100)+";Anna;a@x.de;Amt;learner\n"); len(rows) != 1 || len(errs) != 0 {
		t.Errorf("a 100-character last name: %d rows, %+v", len(rows), errs)
	}
}

// endless is a reader of one line that never ends; it counts what was read from it.
type endless struct{ read int }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	e.read += len(p)
	return len(p), nil
}

func TestParseStopsAtAnEndlessLineAfterReadingOnlyTheLimit(t *testing.T) {
	src := &endless{}
	_, _, err := importer.Parse(io.MultiReader(strings.NewReader(header+"1;Berg;"), src))
	var fe *importer.FileError
	if !errors.As(err, &fe) || fe.Key != "import.err.line_long" || fe.Line != 2 {
		t.Fatalf("got %#v, want a line_long error on line 2", err)
	}
	if src.read > 2*importer.MaxLineBytes {
		t.Errorf("read %d bytes of an endless line, want at most about %d", src.read, importer.MaxLineBytes)
	}
}

func TestParseStopsAtAnEndlessQuotedFieldOverManyLines(t *testing.T) {
	data := header + "1;\"Berg" + strings.Repeat("\nnoch eine Zeile", 2000) + "\";Anna;a@x.de;Amt;learner\n"
	_, _, err := importer.Parse(strings.NewReader(data))
	var fe *importer.FileError
	if !errors.As(err, &fe) || fe.Key != "import.err.line_long" {
		t.Fatalf("got %#v, want a line_long error", err)
	}
	// A quoted field with a few line breaks (an address, say) is fine.
	rows, errs := parse(t, header+"1;\"Berg\nvon\";Anna;a@x.de;Amt;learner\n2;Kurz;Cem;c@x.de;Amt;learner\n")
	if len(rows) != 2 || len(errs) != 0 || rows[1].Line != 4 {
		t.Errorf("rows %+v errs %+v", rows, errs)
	}
}

// hrFile generates an HR export of n people in a few units, as a reader.
func hrFile(n int) io.Reader {
	var b strings.Builder
	b.WriteString(header)
	for i := range n {
		fmt.Fprintf(&b, "%06d;Nachname%d;Vorname;person%d@stadt.example;Stadt/Amt %d/Team %d;learner\n", i, i, i, i%20, i%7)
	}
	return strings.NewReader(b.String())
}

// peakHeap samples the live heap while fn runs and returns the highest value above the start.
// Sampling (every 200µs) can miss a short spike, so the figure is a lower bound of the peak.
func peakHeap(fn func()) uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	runtime.GC()
	base := read()
	var peak atomic.Uint64
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		for {
			if v := read(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-time.After(200 * time.Microsecond):
			}
		}
	}()
	fn()
	close(done)
	<-stopped
	if p := peak.Load(); p > base {
		return p - base
	}
	return 0
}

// BenchmarkParseAndPlan500kLines reports the memory of a 500,000-line file: the peak heap while it
// is parsed and planned (peak-MB, sampled), what the plan keeps (retained-B/line, after a GC) and
// the bytes allocated per line along the way. The file itself (about 45 MB) is outside the figures:
// it is read from a string, as it would be from disk.
// Run: go test ./internal/importer/ -run '^$' -bench ParseAndPlan -benchtime 1x
func BenchmarkParseAndPlan500kLines(b *testing.B) {
	const lines = 500_000
	for b.Loop() {
		b.StopTimer()
		src := hrFile(lines)
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		b.StartTimer()
		var plan *importer.Plan
		peak := peakHeap(func() {
			rows, errs, err := importer.Parse(src)
			if err != nil || len(errs) > 0 || len(rows) != lines {
				b.Fatalf("%d rows, %d errors, %v", len(rows), len(errs), err)
			}
			plan = importer.MakePlan(rows, errs, nil, nil, importer.ModeFullList)
		})
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(plan)
		runtime.KeepAlive(src)
		b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/lines, "retained-B/line")
		b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/lines, "alloc-B/line")
		b.StartTimer()
	}
}

// BenchmarkParseA2GBLine feeds a file whose second line is 2 GB long (generated, never stored)
// and reports what was read of it and the bytes allocated: both stay near MaxLineBytes.
func BenchmarkParseA2GBLine(b *testing.B) {
	for b.Loop() {
		src := &endless{}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, _, err := importer.Parse(io.MultiReader(strings.NewReader(header+"1;"), io.LimitReader(src, 2<<30)))
		runtime.ReadMemStats(&after)
		if err == nil {
			b.Fatal("a 2 GB line was accepted")
		}
		b.ReportMetric(float64(src.read), "read-B")
		b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc), "alloc-B")
	}
}
