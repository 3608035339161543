package store_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/store/storetest"
)

func TestProbeWriteFailsWhenTheDatabaseRefusesWrites(t *testing.T) {
	ctx := context.Background()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		if err := s.ProbeWrite(ctx, "host-a"); err != nil {
			t.Fatalf("first probe: %v", err)
		}
		if err := s.ProbeWrite(ctx, "host-a"); err != nil {
			t.Fatalf("second probe (an update): %v", err)
		}
		if s.Dialect != store.SQLite {
			return
		}
		// The writer is one connection: query_only makes every write fail as on a read-only disk.
		s.TestWriter().Exec("PRAGMA query_only = ON")
		defer s.TestWriter().Exec("PRAGMA query_only = OFF")
		err := s.ProbeWrite(ctx, "host-a")
		if err == nil || !store.Unavailable(err) {
			t.Fatalf("probe on a read-only database: %v, want an unavailable error", err)
		}
	})
}

// The errors the database really gives when it is away or full count as unavailable; the errors
// of wrong input or missing rows do not.
func TestUnavailableKnowsOutagesFromOtherErrors(t *testing.T) {
	ctx := context.Background()
	full := storetest.OpenURL(t, filepath.Join(t.TempDir(), "full.db"))
	var pages int
	full.TestWriter().Raw("PRAGMA page_count").Scan(&pages)
	if pages == 0 {
		t.Fatal("no page count")
	}
	full.TestWriter().Exec(fmt.Sprintf("PRAGMA max_page_count = %d", pages))
	var fullErr error
	for i := 0; fullErr == nil && i < 10000; i++ {
		fullErr = full.ProbeWrite(ctx, "host-"+string(rune('a'+i%26))+filepath.Base(t.TempDir()))
	}
	if fullErr == nil {
		t.Fatal("a database at its page limit still accepts writes")
	}
	// PostgreSQL that is not running: nothing listens on the port.
	_, pgErr := store.Open(ctx, "postgres://ailit:ailit@127.0.0.1:1/ailit?sslmode=disable&connect_timeout=2", nil)
	if pgErr == nil {
		t.Fatal("connecting to a closed port succeeded")
	}
	for name, err := range map[string]error{"SQLite full": fullErr, "PostgreSQL stopped": pgErr} {
		if !store.Unavailable(err) {
			t.Errorf("%s: %v is not unavailable", name, err)
		}
	}
	s := storetest.OpenURL(t, filepath.Join(t.TempDir(), "ok.db"))
	_, notFound := s.UserByEmail(ctx, "niemand@stadt.example")
	for name, err := range map[string]error{
		"not found": notFound, "invalid": domain.Errorf(domain.EINVALID, "x"), "bug": errors.New("boom"), "nil": nil,
	} {
		if store.Unavailable(err) {
			t.Errorf("%s: %v counted as the database being away", name, err)
		}
	}
}
