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
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/importer"
)

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
	cfg, _, err := loadConfig("users import", rest, stderr, func(fs *flag.FlagSet) {
		fs.BoolVar(&dryRun, "dry-run", false, "show what would change, change nothing")
	})
	if err != nil {
		return fail(stderr, err)
	}
	if file == "" {
		return fail(stderr, errors.New("usage: ailit users import FILE.csv [--dry-run]"))
	}
	f, err := os.Open(file)
	if err != nil {
		return fail(stderr, err)
	}
	defer f.Close()
	rows, rowErrs, err := importer.Parse(f)
	var fe *importer.FileError
	if errors.As(err, &fe) {
		return fail(stderr, errors.New(i18n.T("de", fe.Key, fe.Args...)))
	} else if err != nil {
		return fail(stderr, err)
	}
	ctx := context.Background()
	db, err := openStore(ctx, cfg, newLogger(cfg, stderr))
	if err != nil {
		return fail(stderr, err)
	}
	defer db.Close()
	plan, err := db.PlanImport(ctx, rows, rowErrs)
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
		fmt.Fprintln(stdout, "Dry run: nothing was changed.")
		return 0
	}
	_, err = db.ApplyImport(ctx, rows, rowErrs, func(done, total int) {
		fmt.Fprintf(stderr, "\rimporting: %d/%d", done, total)
		if done == total {
			fmt.Fprintln(stderr)
		}
	})
	if err != nil {
		return fail(stderr, err)
	}
	// The same sync as the web import: newcomers join their assignments and are enrolled in the
	// newest published version of the course at once.
	lib, err := loadCourses(cfg, db)
	if err != nil {
		return fail(stderr, err)
	}
	n, err := db.SyncAllAssignments(ctx, compliance.Pin(lib))
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "Import applied. %d people joined assignments and are enrolled.\n", n)
	return 0
}

func printPlan(w io.Writer, p *importer.Plan) {
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
