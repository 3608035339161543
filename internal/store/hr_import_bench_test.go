package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/importer"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/store/storetest"
)

// benchPeople is an HR file of n people in 40 units; every tenth is a manager.
func benchPeople(b *testing.B, n int) []importer.Row {
	b.Helper()
	var f strings.Builder
	f.WriteString(hrHeader)
	for i := range n {
		roles := "learner"
		if i%10 == 0 {
			roles = "learner,manager"
		}
		fmt.Fprintf(&f, "%06d;Nachname%d;Vorname;p%d@stadt.example;Stadt/Amt %d/Team %d;%s\n", i, i, i, i%8, i%5, roles)
	}
	rows, errs, err := importer.Parse(strings.NewReader(f.String()))
	if err != nil || len(errs) > 0 {
		b.Fatalf("parse: %v %v", err, errs)
	}
	return rows
}

// BenchmarkApplyImport2000People applies a file of 2,000 people (200 managers) to an empty
// database (first) and the same file once more, which changes nothing (again).
// Run: go test ./internal/store/ -run '^$' -bench ApplyImport -benchtime 5x
func BenchmarkApplyImport2000People(b *testing.B) {
	rows := benchPeople(b, 2000)
	ctx := context.Background()
	open := map[string]func(testing.TB) *store.Store{store.SQLite: storetest.OpenSQLite, store.Postgres: storetest.OpenPostgres}
	for _, dialect := range []string{store.SQLite, store.Postgres} {
		b.Run(dialect+"/first", func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				s := open[dialect](b)
				b.StartTimer()
				if _, err := s.ApplyImport(ctx, rows, nil, store.ImportOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(dialect+"/again", func(b *testing.B) {
			s := open[dialect](b)
			if _, err := s.ApplyImport(ctx, rows, nil, store.ImportOptions{}); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if plan, err := s.ApplyImport(ctx, rows, nil, store.ImportOptions{}); err != nil || !plan.Empty() {
					b.Fatalf("the same file again: %v, empty %v", err, plan.Empty())
				}
			}
		})
	}
}
