package main

import (
	"context"
	"fmt"
	"io"

	"github.com/ailit/ailit/internal/auth"
	"github.com/ailit/ailit/internal/store"
)

// demoAccounts are created by `serve --demo` on an empty database: one per role.
var demoAccounts = []struct{ email, name, role string }{
	{"admin@example.org", "Alex Admin", store.RoleAdmin},
	{"trainer@example.org", "Toni Trainer", store.RoleTrainer},
	{"manager@example.org", "Maria Manager", store.RoleManager},
	{"learner@example.org", "Lea Lernende", store.RoleLearner},
}

// createDemoAccounts creates the demo accounts when the database has no users, and prints their
// passwords once. With password set (AILIT_DEMO_PASSWORD) all use it, for scripted demos and tests.
func createDemoAccounts(ctx context.Context, db *store.Store, password string, out io.Writer) error {
	n, err := db.CountUsers(ctx)
	if err != nil || n > 0 {
		return err
	}
	fmt.Fprintln(out, "Demo accounts (the passwords are shown only now):")
	for _, acc := range demoAccounts {
		pw := password
		if pw == "" {
			pw = auth.RandomPassword()
		}
		hash, err := auth.HashPassword(pw)
		if err != nil {
			return err
		}
		roles := []string{acc.role}
		if acc.role != store.RoleLearner {
			roles = append(roles, store.RoleLearner) // everyone can take courses
		}
		if err := db.CreateUser(ctx, &store.User{Email: acc.email, DisplayName: acc.name, PasswordHash: hash, Active: true}, roles); err != nil {
			return err
		}
		fmt.Fprintf(out, "  %-22s %-8s password: %s\n", acc.email, acc.role, pw)
	}
	return nil
}
