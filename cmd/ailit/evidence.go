package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/ailit/ailit/internal/evidence"
	"github.com/ailit/ailit/internal/record"
)

// cmdEvidence runs "ailit evidence verify" and "ailit evidence checkpoint".
func cmdEvidence(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		return groupHelp("evidence", args, stdout, stderr)
	}
	switch args[0] {
	case "verify":
		return cmdEvidenceVerify(args[1:], stdout, stderr)
	case "checkpoint":
		return cmdEvidenceCheckpoint(args[1:], stdout, stderr)
	}
	return groupHelp("evidence", args[:1], stdout, stderr)
}

// cmdEvidenceVerify recomputes the hash chain and names the first entry that was changed, removed
// or moved; with --checkpoint it also checks that the log still holds the checkpoint's head, which
// is how the removal of the newest entries shows.
func cmdEvidenceVerify(args []string, stdout, stderr io.Writer) int {
	var checkpointFile string
	cfg, _, err := loadConfig("evidence verify", args, stdout, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&checkpointFile, "checkpoint", "", "a checkpoint file written by \"ailit evidence checkpoint\"")
	})
	if err != nil {
		return fail(stderr, err)
	}
	var cp *evidence.Checkpoint
	if checkpointFile != "" {
		c, err := readCheckpoint(checkpointFile, cfg.DataDir)
		if err != nil {
			return fail(stderr, err)
		}
		cp = &c
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
	if cp != nil {
		if err := cp.Compare(n, func(seq int64) (string, error) { return db.EvidenceHashAt(ctx, seq) }); err != nil {
			fmt.Fprintf(stdout, "BROKEN against the checkpoint: %s\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "OK: %d entries, hash chain intact, entry %d matches the checkpoint of %s.\n",
			n, cp.Count, cp.CreatedAt.Format(time.RFC3339))
		return 0
	}
	fmt.Fprintf(stdout, "OK: %d entries, hash chain intact.\n", n)
	return 0
}

// readCheckpoint reads a checkpoint file and checks its signature with this instance's key.
func readCheckpoint(path, dataDir string) (evidence.Checkpoint, error) {
	f, err := os.Open(path)
	if err != nil {
		return evidence.Checkpoint{}, err
	}
	defer f.Close()
	cp, err := evidence.Parse(f)
	if err != nil {
		return evidence.Checkpoint{}, fmt.Errorf("%s: %w", path, err)
	}
	signer, err := record.LoadOrCreateSigner(dataDir)
	if err != nil {
		return evidence.Checkpoint{}, err
	}
	if err := cp.Verify(signer.PublicKey()); err != nil {
		return evidence.Checkpoint{}, fmt.Errorf("%s: %w", path, err)
	}
	return cp, nil
}

// cmdEvidenceCheckpoint writes the log's current head, signed with the instance's key. The chain
// is verified first: a checkpoint of a broken log would only certify the damage.
func cmdEvidenceCheckpoint(args []string, stdout, stderr io.Writer) int {
	var out string
	cfg, _, err := loadConfig("evidence checkpoint", args, stdout, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&out, "out", "", "file to write (default: standard output)")
	})
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
		return fail(stderr, fmt.Errorf("the evidence log is broken at entry %d (%s); run \"ailit evidence verify\"", broken.Seq, broken.Reason))
	}
	head, err := db.EvidenceHead(ctx)
	if err != nil {
		return fail(stderr, err)
	}
	if head.Count != n {
		return fail(stderr, fmt.Errorf("the log changed while it was checked (%d entries, then %d); run the command again", n, head.Count))
	}
	signer, err := record.LoadOrCreateSigner(cfg.DataDir)
	if err != nil {
		return fail(stderr, err)
	}
	cp, err := evidence.NewCheckpoint(head, cfg.BaseURL, db.Now(), signer.Key())
	if err != nil {
		return fail(stderr, err)
	}
	w := stdout
	if out != "" {
		f, err := os.Create(out)
		if err != nil {
			return fail(stderr, err)
		}
		defer f.Close()
		w = f
	}
	if err := cp.Encode(w); err != nil {
		return fail(stderr, err)
	}
	if out != "" {
		fmt.Fprintf(stdout, "Checkpoint written to %s: %d entries, head %s.\nKeep it outside ailit (e.g. in the records management system); \"ailit evidence verify --checkpoint %s\" checks the log against it.\n",
			out, head.Count, head.Hash, out)
	}
	return 0
}
