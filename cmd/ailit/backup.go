package main

import (
	"context"
	"fmt"
	"io"

	"github.com/ailit/ailit/internal/store"
)

// cmdBackup copies the SQLite database consistently while the server may be running.
func cmdBackup(args []string, stdout, stderr io.Writer) int {
	cfg, fs, err := loadConfig("backup", args, stdout, stderr, nil)
	if err != nil {
		return fail(stderr, err)
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: ailit backup FILE")
		return 2
	}
	ctx := context.Background()
	db, err := store.Open(ctx, cfg.DatabaseURL, newLogger(cfg, stderr))
	if err != nil {
		return fail(stderr, err)
	}
	defer db.Close()
	if err := db.Backup(ctx, fs.Arg(0)); err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "Backup written to %s. Keep session.key, signing.key and the folder published/ (copies of published course versions) from the data directory with it.\n", fs.Arg(0))
	return 0
}
