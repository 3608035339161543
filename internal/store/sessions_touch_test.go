package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/store/storetest"
)

func TestSessionActivityIsRecordedAtMostOnceAMinute(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		start := time.Now().UTC().Truncate(time.Second) // SessionByID finds only sessions that have not expired
		ws := &store.WebSession{ID: "touch-test", SecretHash: []byte{1}, CreatedAt: start, LastSeenAt: start, ExpiresAt: start.Add(12 * time.Hour)}
		if _, err := s.CreateSession(ctx, ws); err != nil {
			t.Fatal(err)
		}
		for _, step := range []struct {
			at   time.Duration // after start
			want time.Duration // last seen, after start
		}{
			{30 * time.Second, 0},                  // within the minute: nothing written
			{61 * time.Second, 61 * time.Second},   // a minute later: recorded
			{90 * time.Second, 61 * time.Second},   // within the next minute again: kept
			{125 * time.Second, 125 * time.Second}, // and recorded again after it
		} {
			if _, err := s.RecordSessionActivity(ctx, ws.ID, time.Time{}, start.Add(step.at)); err != nil { // last seen unknown: asks the database
				t.Fatal(err)
			}
			got, err := s.SessionByID(ctx, ws.ID)
			if err != nil {
				t.Fatal(err)
			}
			if want := start.Add(step.want); !got.LastSeenAt.Equal(want) {
				t.Errorf("touched at +%s: last seen %s, want %s", step.at, got.LastSeenAt.UTC(), want)
			}
		}
	})
}
