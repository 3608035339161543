package main

import (
	"context"
	"fmt"
	"io"

	"github.com/ailit/ailit/internal/store"
)

func cmdMigrate(args []string, stdout, stderr io.Writer) int {
	cfg, _, err := loadConfig("migrate", args, stdout, stderr, nil)
	if err != nil {
		return fail(stderr, err)
	}
	ctx := context.Background()
	db, err := store.Open(ctx, cfg.DatabaseURL, newLogger(cfg, stderr))
	if err != nil {
		return fail(stderr, err)
	}
	defer db.Close()
	applied, err := db.Migrate(ctx)
	if err != nil {
		return fail(stderr, err)
	}
	if len(applied) == 0 {
		fmt.Fprintln(stdout, "The database is up to date.")
	}
	for _, name := range applied {
		fmt.Fprintln(stdout, "applied", name)
	}
	return 0
}
