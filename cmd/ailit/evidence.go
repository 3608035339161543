package main

import (
	"context"
	"fmt"
	"io"
	"time"
)

// cmdEvidence runs "ailit evidence verify": it recomputes the hash chain of the evidence log and
// names the first entry that was changed, removed or moved.
func cmdEvidence(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "verify" {
		return groupHelp("evidence", args[:min(len(args), 1)], stdout, stderr)
	}
	cfg, _, err := loadConfig("evidence verify", args[1:], stdout, stderr, nil)
	if err != nil {
		return fail(stderr, err)
	}
	ctx := context.Background()
	db, err := openStore(ctx, cfg, newLogger(cfg, stderr))
	if err != nil {
		return fail(stderr, err)
	}
	defer db.Close()
	n, broken, err := db.VerifyEvidence(ctx)
	if err != nil {
		return fail(stderr, err)
	}
	if broken != nil {
		fmt.Fprintf(stdout, "BROKEN at entry %d (%s, %s): %s\n", broken.Seq, broken.Type,
			broken.CreatedAt.UTC().Format(time.RFC3339), broken.Reason)
		fmt.Fprintf(stdout, "%d entries before it are intact.\n", broken.Seq-1)
		return 1
	}
	fmt.Fprintf(stdout, "OK: %d entries, hash chain intact.\n", n)
	return 0
}
