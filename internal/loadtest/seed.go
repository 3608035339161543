package loadtest

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/ailit/ailit/internal/auth"
	"github.com/ailit/ailit/internal/store"
)

// LearnerEmail is the login of seeded learner i.
func LearnerEmail(i int) string { return fmt.Sprintf("lerner%04d@lasttest.example", i+1) }

// ReporterEmail is the login of the seeded admin who exports reports.
const ReporterEmail = "berichte@lasttest.example"

// SeedLearners creates n active learners with the same password in the database at dbURL
// (migrating it first), skipping those that exist. The server may run meanwhile.
func SeedLearners(ctx context.Context, dbURL string, n int, password string) ([]string, error) {
	emails := make([]string, n)
	for i := range n {
		emails[i] = LearnerEmail(i)
	}
	return emails, SeedUsers(ctx, dbURL, emails, []string{store.RoleLearner}, password)
}

// SeedUsers creates active users with the given roles and password, skipping those that exist.
func SeedUsers(ctx context.Context, dbURL string, emails, roles []string, password string) error {
	db, err := store.Open(ctx, dbURL, slog.New(slog.DiscardHandler))
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		return err
	}
	hash, err := auth.HashPassword(password) // once: argon2 is deliberately slow
	if err != nil {
		return err
	}
	for _, email := range emails {
		if _, err := db.UserByEmail(ctx, email); err == nil {
			continue
		}
		name, _, _ := strings.Cut(email, "@")
		u := &store.User{Email: email, DisplayName: name, PasswordHash: hash, Active: true}
		if err := db.CreateUser(ctx, u, roles); err != nil {
			return fmt.Errorf("creating %s: %w", email, err)
		}
	}
	return nil
}

// SubmittedAttempts counts how many of the given attempt ids are stored as submitted and graded.
func SubmittedAttempts(ctx context.Context, dbURL string, ids []int64) (int, error) {
	db, err := store.Open(ctx, dbURL, slog.New(slog.DiscardHandler))
	if err != nil {
		return 0, err
	}
	defer db.Close()
	return db.CountGradedAttempts(ctx, ids)
}
