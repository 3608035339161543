package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/ailit/ailit/internal/compliance"
	"github.com/ailit/ailit/internal/config"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/importer"
	"github.com/ailit/ailit/internal/store"
)

// exitImportedButNotSynced is the exit code when the import was written but enrolling the
// newcomers afterwards failed: different from 1 ("nothing was imported"), so scripts can tell.
const exitImportedButNotSynced = 3

// fileArgument takes the first argument that is not a flag as the file; the rest are flags, so
// "FILE --dry-run" and "--dry-run FILE" both work.
func fileArgument(args []string) (file string, rest []string) {
	for _, a := range args {
		if file == "" && !strings.HasPrefix(a, "-") {
			file = a
		} else {
			rest = append(rest, a)
		}
	}
	return file, rest
}

// cmdUsersImport reads an HR export and shows (--dry-run) or applies what changes.
func cmdUsersImport(args []string, stdout, stderr io.Writer) int {
	file, rest := fileArgument(args)
	var dryRun bool
	var modeName string
	var confirmed int
	cfg, _, err := loadConfig("users import", rest, stdout, stderr, func(fs *flag.FlagSet) {
		fs.BoolVar(&dryRun, "dry-run", false, "show what would change, change nothing")
		fs.StringVar(&modeName, "mode", string(importer.ModeFullList),
			"full: the file lists everybody, people missing from it are deactivated; add-update: only add and update, deactivate nobody")
		fs.IntVar(&confirmed, "confirm-deactivations", 0, "the number of people the import deactivates (required when it deactivates more than 5 or more than a tenth of the active people)")
	})
	if err != nil {
		return fail(stderr, err)
	}
	mode, ok := importer.ParseMode(modeName)
	if !ok {
		return fail(stderr, fmt.Errorf("--mode %q: expected full or add-update", modeName))
	}
	if file == "" {
		return fail(stderr, errors.New("usage: ailit users import FILE.csv [--dry-run] [--mode full|add-update] [--confirm-deactivations N]"))
	}
	rows, rowErrs, err := readHRFile(file)
	if err != nil {
		return fail(stderr, err)
	}
	ctx := context.Background()
	db, err := openStore(ctx, cfg, newLogger(cfg, stderr))
	if err != nil {
		return fail(stderr, err)
	}
	defer db.Close()
	plan, err := db.PlanImport(ctx, rows, rowErrs, mode)
	if err != nil {
		return fail(stderr, err)
	}
	printPlan(stdout, plan)
	if !plan.Ok() {
		for _, e := range plan.Errors {
			fmt.Fprintln(stderr, i18n.T("de", e.Key, e.Args...))
		}
		return fail(stderr, fmt.Errorf("%d errors: nothing was imported", len(plan.Errors)))
	}
	if dryRun {
		if plan.NeedsConfirmation() {
			fmt.Fprintf(stdout, "Applying needs --confirm-deactivations %d (%d of %d active people are deactivated).\n",
				len(plan.Deactivations), len(plan.Deactivations), plan.Active)
		}
		fmt.Fprintln(stdout, "Dry run: nothing was changed.")
		return 0
	}
	if !plan.Confirmed(confirmed) {
		return fail(stderr, fmt.Errorf("nothing was imported: the import deactivates %d of %d active people (listed above). "+
			"If that is right, run again with --confirm-deactivations %d; if the file lists only some people, use --mode add-update",
			len(plan.Deactivations), plan.Active, len(plan.Deactivations)))
	}
	return applyAndEnroll(ctx, cfg, db, rows, rowErrs, store.ImportOptions{Mode: mode, ConfirmedDeactivations: confirmed}, stdout, stderr)
}

// readHRFile parses the file; a problem that stops reading it comes back in German, like the page.
func readHRFile(file string) ([]importer.Row, []importer.LineError, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	rows, rowErrs, err := importer.Parse(f)
	var fe *importer.FileError
	if errors.As(err, &fe) {
		return nil, nil, errors.New(i18n.T("de", fe.Key, fe.Args...))
	}
	return rows, rowErrs, err
}

// applyAndEnroll writes the import, then enrols newcomers; its exit code says which of the two
// happened.
func applyAndEnroll(ctx context.Context, cfg config.Config, db *store.Store, rows []importer.Row, rowErrs []importer.LineError,
	opts store.ImportOptions, stdout, stderr io.Writer) int {
	// Newcomers are enrolled right after the import, which needs the courses: read them first, so
	// that a missing course folder stops the command before anything is written.
	lib, err := loadCourses(cfg, db)
	if err != nil {
		return fail(stderr, fmt.Errorf("nothing was imported: %w", err))
	}
	opts.Progress = func(done, total int) {
		fmt.Fprintf(stderr, "\rimporting: %d/%d", done, total)
		if done == total {
			fmt.Fprintln(stderr)
		}
	}
	plan, err := db.ApplyImport(ctx, rows, rowErrs, opts)
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "Import applied: %d created, %d updated, %d moved, %d deactivated.\n",
		len(plan.Creates), len(plan.Updates), len(plan.Moves), len(plan.Deactivations))
	// The same sync as the web import: newcomers join their assignments and are enrolled in the
	// newest published version of the course at once.
	n, err := db.SyncAllAssignments(ctx, compliance.Pin(lib))
	if err != nil {
		fmt.Fprintf(stderr, "ailit: the import was applied, but enrolling people in their assignments failed: %v\n"+
			"Run the same import again to retry: it changes nothing else.\n", err)
		return exitImportedButNotSynced
	}
	fmt.Fprintf(stdout, "%d people joined assignments and are enrolled.\n", n)
	return 0
}

func printPlan(w io.Writer, p *importer.Plan) {
	if p.Mode == importer.ModeAddAndUpdate {
		fmt.Fprintln(w, "Mode add-update: people missing from the file stay as they are.")
	}
	fmt.Fprintf(w, "%d lines read: %d to create, %d to update, %d to move, %d to deactivate, %d new org units, %d errors.\n",
		p.Rows, len(p.Creates), len(p.Updates), len(p.Moves), len(p.Deactivations), len(p.NewUnits), len(p.Errors))
	for _, u := range p.NewUnits {
		fmt.Fprintf(w, "  new unit   %s\n", u)
	}
	for _, c := range p.Creates {
		fmt.Fprintf(w, "  create     %s %s <%s> %s\n", c.Row.PersonnelNumber, c.Row.DisplayName(), c.Row.Email, c.NewPath)
	}
	for _, c := range p.Updates {
		fmt.Fprintf(w, "  update     %s %s <%s>\n", c.Row.PersonnelNumber, c.Row.DisplayName(), c.Row.Email)
	}
	for _, c := range p.Moves {
		fmt.Fprintf(w, "  move       %s %s: %s → %s\n", c.Row.PersonnelNumber, c.Row.DisplayName(), c.Before.OrgPath, c.NewPath)
	}
	for _, c := range p.Deactivations {
		fmt.Fprintf(w, "  deactivate %s %s <%s>\n", c.Before.PersonnelNumber, c.Before.DisplayName, c.Before.Email)
	}
}
