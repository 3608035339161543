package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/ailit/ailit/internal/auth"
	"github.com/ailit/ailit/internal/store"
)

// multiFlag collects a repeatable flag (--role learner --role admin, or --role learner,admin).
type multiFlag []string

func (m *multiFlag) String() string { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error {
	for _, part := range strings.Split(v, ",") {
		if part = strings.TrimSpace(part); part != "" {
			*m = append(*m, part)
		}
	}
	return nil
}

func cmdUsers(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "import" {
		return cmdUsersImport(args[1:], stdout, stderr)
	}
	if len(args) == 0 || args[0] != "create" {
		return groupHelp("users", args[:min(len(args), 1)], stdout, stderr)
	}
	var email, name, password string
	var roles multiFlag
	cfg, _, err := loadConfig("users create", args[1:], stdout, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&email, "email", "", "email address (login name)")
		fs.StringVar(&name, "name", "", "display name (default: the part of the email before @)")
		fs.StringVar(&password, "password", "", "initial password (default: generated and printed once)")
		fs.Var(&roles, "role", "role: learner, trainer, manager or admin (repeatable)")
	})
	if err != nil {
		return fail(stderr, err)
	}
	if email == "" || !strings.Contains(email, "@") {
		return fail(stderr, fmt.Errorf("--email is required and must be an email address"))
	}
	if len(roles) == 0 {
		roles = multiFlag{store.RoleLearner}
	}
	if name == "" {
		name, _, _ = strings.Cut(email, "@")
	}
	generated := password == ""
	if generated {
		password = auth.RandomPassword()
	} else if len([]rune(password)) < auth.MinPasswordLength {
		return fail(stderr, fmt.Errorf("--password must have at least %d characters", auth.MinPasswordLength))
	}
	ctx := context.Background()
	db, err := openStore(ctx, cfg, newLogger(cfg, stderr))
	if err != nil {
		return fail(stderr, err)
	}
	defer db.Close()
	hash, err := auth.HashPassword(password)
	if err != nil {
		return fail(stderr, err)
	}
	u := &store.User{Email: email, DisplayName: name, PasswordHash: hash, Active: true}
	if err := db.CreateUser(ctx, u, roles); err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "Created user %s (%s) with roles %s.\n", u.Email, u.DisplayName, strings.Join(roles, ", "))
	if generated {
		fmt.Fprintf(stdout, "Initial password (shown only now): %s\n", password)
	}
	return 0
}
