package report

import (
	"bytes"
	"io"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"
)

// The spooled PDF is the very file fpdf writes when it gets the whole canonical form in memory:
// the splice moves the cross-reference offsets right, byte for byte.
func TestSpooledPDFEqualsTheInMemoryPDF(t *testing.T) {
	fixed := time.Date(2026, 5, 4, 9, 30, 0, 0, time.UTC)
	fpdf.SetDefaultCreationDate(fixed)
	fpdf.SetDefaultModificationDate(fixed)
	defer fpdf.SetDefaultCreationDate(time.Time{})
	defer fpdf.SetDefaultModificationDate(time.Time{})
	for _, tt := range []struct {
		name string
		doc  func() Document // a document is written once: its overview counts the rows as they pass
		opts PDFOptions
	}{
		{"sample, uncompressed", resultsDoc, PDFOptions{Uncompressed: true}},
		{"3,000 people, capped", func() Document { return PersonReport(testOptions(LevelStatus), syntheticRows(3000, 3)) }, PDFOptions{MaxRows: 100}},
		{"evidence", func() Document { return EvidenceReport(sampleEvidence(), RowsFromSlice(sampleRows())) }, PDFOptions{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var spooled, inMemory bytes.Buffer
			h1, err := writePDF(&spooled, tt.doc(), tt.opts, true)
			if err != nil {
				t.Fatal(err)
			}
			h2, err := writePDF(&inMemory, tt.doc(), tt.opts, false)
			if err != nil {
				t.Fatal(err)
			}
			if h1 != h2 || !bytes.Equal(spooled.Bytes(), inMemory.Bytes()) {
				t.Errorf("spooled PDF (%d bytes, hash %s) differs from the in-memory one (%d bytes, hash %s)",
					spooled.Len(), h1, inMemory.Len(), h2)

			}
			if err := VerifyPDF(bytes.NewReader(spooled.Bytes())); err != nil {
				t.Errorf("spooled PDF does not verify: %v", err)
			}
		})
	}
}

// peakHeapGrowth samples the heap while f runs and returns its largest growth in MB.
func peakHeapGrowth(f func()) float64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	base := m.HeapAlloc
	var peak atomic.Uint64
	done, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > peak.Load() {
				peak.Store(m.HeapAlloc)
			}
			select {
			case <-done:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	f()
	close(done)
	<-stopped
	return (float64(peak.Load()) - float64(base)) / (1 << 20)
}

// The PDF of 40,000 people × 3 courses (about 40 MB of canonical form) holds neither the canonical
// form nor its deflated copy in memory. Kept in memory, as before, the peak grew by over 100 MB.
func TestPDFMemoryStaysFlatWithManyRows(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 120,000 rows")
	}
	var err error
	grew := peakHeapGrowth(func() {
		_, err = WritePDF(io.Discard, PersonReport(testOptions(LevelStatus), syntheticRows(40_000, 3)), PDFOptions{MaxRows: 200})
	})
	if err != nil {
		t.Fatal(err)
	}
	if grew > 40 {
		t.Errorf("the heap grew by %.0f MB while writing the PDF, want at most 40 MB", grew)
	}
	t.Logf("heap growth %.1f MB", grew)
}
