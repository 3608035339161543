package main

import (
	"context"
	"fmt"
	"io"

	"github.com/ailit/ailit/internal/auth"
	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/store"
)

// demoAccounts are created by `serve --demo` when missing: one per role.
var demoAccounts = []struct{ email, name, role string }{
	{"admin@example.org", "Alex Admin", store.RoleAdmin},
	{"trainer@example.org", "Toni Trainer", store.RoleTrainer},
	{"manager@example.org", "Maria Manager", store.RoleManager},
	{"learner@example.org", "Lea Lernende", store.RoleLearner},
}

// setUpDemo is what `serve --demo` adds: the demo accounts that are missing, then, on a database
// without org units, the demo organisation.
func setUpDemo(ctx context.Context, db *store.Store, lib *content.Library, password string, out io.Writer) error {
	if err := createDemoAccounts(ctx, db, password, out); err != nil {
		return err
	}
	return seedDemoOrganisation(ctx, db, lib, out)
}

// createDemoAccounts creates the demo accounts that do not exist yet, and prints their passwords
// once. Accounts that exist (a second start, or the same address created by hand) are left as they
// are, password included, and the output says so. With password set (AILIT_DEMO_PASSWORD) all new
// accounts use it, for scripted demos and tests.
func createDemoAccounts(ctx context.Context, db *store.Store, password string, out io.Writer) error {
	headed := false
	for _, acc := range demoAccounts {
		if _, err := db.UserByEmail(ctx, acc.email); err == nil {
			fmt.Fprintf(out, "Demo account %s exists already: kept as it is, password unchanged.\n", acc.email)
			continue
		} else if domain.ErrorCode(err) != domain.ENOTFOUND {
			return err
		}
		if !headed {
			fmt.Fprintln(out, "Demo accounts (the passwords are shown only now):")
			headed = true
		}
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
