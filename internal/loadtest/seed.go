package loadtest

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/ailit/ailit/internal/auth"
	"github.com/ailit/ailit/internal/store"
)

// LearnerEmail is the login of seeded learner i.
func LearnerEmail(i int) string { return fmt.Sprintf("lerner%04d@lasttest.example", i+1) }

// SeedLearners creates n active learners with the same password in the database at dbURL
// (migrating it first), skipping those that exist. The server may run meanwhile.
func SeedLearners(ctx context.Context, dbURL string, n int, password string) ([]string, error) {
	db, err := store.Open(ctx, dbURL, slog.New(slog.DiscardHandler))
	if err != nil {
		return nil, err
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		return nil, err
	}
	hash, err := auth.HashPassword(password) // once: argon2 is deliberately slow
	if err != nil {
		return nil, err
	}
	emails := make([]string, n)
	for i := range n {
		emails[i] = LearnerEmail(i)
		if _, err := db.UserByEmail(ctx, emails[i]); err == nil {
			continue
		}
		u := &store.User{Email: emails[i], DisplayName: fmt.Sprintf("Lerner %d", i+1), PasswordHash: hash, Active: true}
		if err := db.CreateUser(ctx, u, []string{store.RoleLearner}); err != nil {
			return nil, fmt.Errorf("creating %s: %w", emails[i], err)
		}
	}
	return emails, nil
}

// SubmittedAttempts counts how many of the given attempt ids are stored as submitted and graded.
func SubmittedAttempts(ctx context.Context, dbURL string, ids []int64) (int, error) {
	db, err := store.Open(ctx, dbURL, slog.New(slog.DiscardHandler))
	if err != nil {
		return 0, err
	}
	defer db.Close()
	found := 0
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		var n int64
		err := db.R.WithContext(ctx).Model(&store.QuizAttempt{}).
			Where("id IN ? AND status = ? AND submitted_at IS NOT NULL AND max > 0", chunk, store.AttemptSubmitted).
			Count(&n).Error
		if err != nil {
			return found, err
		}
		found += int(n)
	}
	return found, nil
}
