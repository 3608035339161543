package reporting_test

import (
	"context"
	"io"
	"log/slog"
	"os"
	"runtime/pprof"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/reporting"
	"github.com/ailit/ailit/internal/store"
)

func TestZZProbe(t *testing.T) {
	p := os.Getenv("PROBE_DB")
	if p == "" {
		t.Skip()
	}
	ctx := context.Background()
	db, err := store.Open(ctx, p, nil)
	if err != nil {
		t.Fatal(err)
	}
	lib := content.NewLibrary(shippedCourses(), db, slog.New(slog.DiscardHandler))
	lib.Reload()
	src, _ := reporting.New(ctx, db, lib, db.Now())
	format := os.Getenv("PROBE_FORMAT")
	if format != "" {
		go func() {
			time.Sleep(8 * time.Second)
			f, _ := os.Create("/tmp/rp/heap.out")
			pprof.Lookup("heap").WriteTo(f, 0)
			f.Close()
		}()
	start := time.Now()
	_ = start
	c := &reporting.Counter{}
	doc := src.PersonReport(ctx, store.Scope{All: true}, reporting.Filter{}, store.ReportSettings{Level: "status", K: 5}, "de", c)
	_, err := reporting.Write(io.Discard, format, doc)
	t.Logf("%s %d rows in %s err %v", format, c.N(), time.Since(start), err)
	}
	units, _ := db.OrgUnits(ctx)
	for range 4 {
		src.Dashboard(ctx, store.Scope{All: true}, reporting.Filter{UnitID: units[1].ID, WithSub: true}, store.ReportSettings{Level: "status", K: 5})
	}
	start := time.Now()
	d, err := src.Dashboard(ctx, store.Scope{All: true}, reporting.Filter{UnitID: units[1].ID, WithSub: true}, store.ReportSettings{Level: "status", K: 5})
	t.Logf("dashboard %d people in %s err %v", d.Total.People, time.Since(start), err)
}
