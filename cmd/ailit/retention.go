package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/retention"
	"github.com/ailit/ailit/internal/store"
)

// cmdRetention runs "ailit retention run": the same plan the daily job applies, shown per category
// and, without --dry-run, applied.
func cmdRetention(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "run" {
		return groupHelp("retention", args[:min(len(args), 1)], stdout, stderr)
	}
	var dryRun bool
	var asOfText string
	cfg, _, err := loadConfig("retention run", args[1:], stdout, stderr, func(fs *flag.FlagSet) {
		fs.BoolVar(&dryRun, "dry-run", false, "show what would be deleted and delete nothing")
		fs.StringVar(&asOfText, "as-of", "", "plan as of this day (YYYY-MM-DD, end of the day in Berlin); default: now")
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
	asOf := db.Now()
	if asOfText != "" {
		day, err := time.ParseInLocation(time.DateOnly, asOfText, i18n.Berlin)
		if err != nil {
			return fail(stderr, fmt.Errorf("--as-of %q: expected a day like 2027-01-31", asOfText))
		}
		asOf = day.AddDate(0, 0, 1).Add(-time.Second).UTC()
	}
	p, err := db.RetentionPolicy(ctx)
	if err != nil {
		return fail(stderr, err)
	}
	var counts retention.Counts
	if dryRun {
		counts, err = db.RetentionPlan(ctx, p, asOf)
	} else {
		counts, err = db.ApplyRetention(ctx, p, asOf)
	}
	if err != nil {
		return fail(stderr, err)
	}
	if !dryRun {
		if _, err := db.RemoveUnreferencedEvidenceFiles(ctx, cfg.DataDir); err != nil {
			return fail(stderr, err)
		}
	}
	printRetention(stdout, p, counts, asOf, dryRun)
	return 0
}

// printRetention prints one line per category: period, cut-off and the rows deleted (or due).
func printRetention(w io.Writer, p retention.Policy, counts retention.Counts, asOf time.Time, dryRun bool) {
	column, summary := "deleted", "deleted"
	if dryRun {
		column, summary = "due", "due for deletion"
		fmt.Fprintf(w, "Dry run as of %s: nothing is deleted.\n\n", asOf.Format(time.RFC3339))
	} else {
		fmt.Fprintf(w, "Retention run as of %s.\n\n", asOf.Format(time.RFC3339))
	}
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "category\tperiod\tdata from before\t%s\n", column)
	for _, d := range retention.Definitions {
		fmt.Fprintf(tw, "%s\t%d %s\t%s\t%d\n", i18n.T("en", "retention."+string(d.Category)+".name"),
			p.Period(d.Category), d.Unit, p.Cutoff(d.Category, asOf).In(i18n.Berlin).Format("2006-01-02 15:04"), counts[d.Category])
	}
	tw.Flush()
	fmt.Fprintf(w, "\nIn all: %d entries %s.\n", counts.Total(), summary)
	if !dryRun && counts.Total() > 0 {
		fmt.Fprintf(w, "The run is recorded in the evidence log (%s).\n", store.EventRetentionApplied)
	}
}
