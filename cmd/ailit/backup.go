package main

import (
	"context"
	"fmt"
	"io"

	"github.com/ailit/ailit/internal/evidencefile"
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
	// Uploaded certificates (external evidence) live as files beside the database.
	hashes, err := db.EvidenceFileHashes(ctx)
	if err != nil {
		return fail(stderr, err)
	}
	dst := fs.Arg(0) + "-evidence"
	n, err := evidencefile.In(cfg.DataDir).CopyTo(dst, hashes)
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "%d evidence files copied to %s (each checked against its recorded SHA-256).\n", n, dst)
	return 0
}
