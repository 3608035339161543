package main

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/auth"
	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/store/storetest"
)

func TestServeDemoOnADatabaseWithUsersAddsTheMissingDemoAccounts(t *testing.T) {
	ctx := context.Background()
	db := storetest.OpenSQLite(t)
	// The first administrator was created by hand, as the README says for production, and one
	// demo address exists already with its own password.
	if err := db.CreateUser(ctx, &store.User{Email: "it@stadt.example", DisplayName: "IT", Active: true}, []string{store.RoleAdmin}); err != nil {
		t.Fatal(err)
	}
	hash, _ := auth.HashPassword("eigenes-passwort-1")
	if err := db.CreateUser(ctx, &store.User{Email: "trainer@example.org", DisplayName: "Eigene", PasswordHash: hash, Active: true}, []string{store.RoleTrainer}); err != nil {
		t.Fatal(err)
	}
	lib := content.NewLibrary(filepath.Join("..", "..", "internal", "content", "testdata", "courses"), db, slog.New(slog.DiscardHandler))
	if _, err := lib.Reload(); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := setUpDemo(ctx, db, lib, "demo-passwort-1", &out); err != nil {
		t.Fatalf("serve --demo: %v\n%s", err, out.String())
	}
	for _, want := range []string{"admin@example.org", "manager@example.org", "learner@example.org"} {
		u, err := db.UserByEmail(ctx, want)
		if err != nil || !passwordIs(u, "demo-passwort-1") {
			t.Errorf("%s: %v (or not the demo password)", want, err)
		}
	}
	if !strings.Contains(out.String(), "trainer@example.org exists already: kept as it is, password unchanged") {
		t.Errorf("output does not say the trainer account was kept:\n%s", out.String())
	}
	if u, _ := db.UserByEmail(ctx, "trainer@example.org"); !passwordIs(u, "eigenes-passwort-1") {
		t.Error("the existing trainer's password was replaced")
	}
	if !strings.Contains(out.String(), "Demo organisation:") {
		t.Errorf("no demo organisation on a database without units:\n%s", out.String())
	}
	// A second start changes nothing and says so.
	out.Reset()
	n, _ := db.CountUsers(ctx)
	if err := setUpDemo(ctx, db, lib, "", &out); err != nil {
		t.Fatal(err)
	}
	if m, _ := db.CountUsers(ctx); m != n || strings.Contains(out.String(), "password:") || !strings.Contains(out.String(), "no demo organisation is added") {
		t.Errorf("second start: %d users before, %d after\n%s", n, m, out.String())
	}
}

func passwordIs(u *store.User, pw string) bool {
	ok, err := auth.CheckPassword(pw, u.PasswordHash)
	return err == nil && ok
}
