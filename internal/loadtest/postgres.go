package loadtest

import (
	"context"

	"github.com/ailit/ailit/internal/store"
)

// NewPostgresSchema creates a fresh schema on the PostgreSQL server at base and returns a URL
// that uses it, so a run never sees another run's data. drop removes the schema with everything
// in it.
func NewPostgresSchema(ctx context.Context, base string) (dbURL string, drop func(), err error) {
	return store.NewPostgresSchema(ctx, base, "bench_")
}
