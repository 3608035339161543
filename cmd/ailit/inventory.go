package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/ailit/ailit/internal/compliance"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/inventory"
)

// cmdInventory runs "ailit inventory export|import": the AI inventory as a file, for review
// outside ailit and for bringing an existing register in.
func cmdInventory(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "export":
			return inventoryExport(args[1:], stdout, stderr)
		case "import":
			return inventoryImport(args[1:], stdout, stderr)
		}
	}
	return groupHelp("inventory", args[:min(len(args), 1)], stdout, stderr)
}

func inventoryExport(args []string, stdout, stderr io.Writer) int {
	var format, out string
	cfg, _, err := loadConfig("inventory export", args, stdout, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&format, "format", "json", "json or csv")
		fs.StringVar(&out, "out", "", "output file (default: standard output)")
	})
	if err != nil {
		return fail(stderr, err)
	}
	write := map[string]func(io.Writer, []inventory.Entry) error{"json": inventory.WriteJSON, "csv": inventory.WriteCSV}[format]
	if write == nil {
		return fail(stderr, fmt.Errorf("--format must be json or csv, not %q", format))
	}
	ctx := context.Background()
	db, err := openStore(ctx, cfg, newLogger(cfg, stderr))
	if err != nil {
		return fail(stderr, err)
	}
	defer db.Close()
	entries, err := db.InventoryEntries(ctx)
	if err != nil {
		return fail(stderr, err)
	}
	w := stdout
	var file *os.File
	if out != "" {
		if file, err = os.Create(out); err != nil {
			return fail(stderr, err)
		}
		w = file
	}
	bw := bufio.NewWriter(w)
	err = write(bw, entries)
	if err == nil {
		err = bw.Flush()
	}
	if file != nil {
		if cerr := file.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return fail(stderr, err)
	}
	if out != "" {
		fmt.Fprintf(stdout, "%s: %d AI systems\n", filepath.Base(out), len(entries))
	}
	return 0
}

// inventoryImport follows the HR import's rules: the whole file is checked and the plan shown
// first; with any error nothing is imported; otherwise everything is applied in one transaction
// and the assignments are derived again.
func inventoryImport(args []string, stdout, stderr io.Writer) int {
	file, rest := fileArgument(args)
	var dryRun bool
	cfg, _, err := loadConfig("inventory import", rest, stdout, stderr, func(fs *flag.FlagSet) {
		fs.BoolVar(&dryRun, "dry-run", false, "show what would change, change nothing")
	})
	if err != nil {
		return fail(stderr, err)
	}
	if file == "" {
		return fail(stderr, errors.New("usage: ailit inventory import FILE.json|FILE.csv [--dry-run]"))
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return fail(stderr, err)
	}
	parse := inventory.ParseJSON
	if strings.EqualFold(filepath.Ext(file), ".csv") {
		parse = inventory.ParseCSV
	}
	entries, parseErrs := parse(data)
	ctx := context.Background()
	db, err := openStore(ctx, cfg, newLogger(cfg, stderr))
	if err != nil {
		return fail(stderr, err)
	}
	defer db.Close()
	lib, err := loadCourses(cfg, db)
	if err != nil {
		return fail(stderr, err)
	}
	exists, unitID, err := db.InventoryImportContext(ctx)
	if err != nil {
		return fail(stderr, err)
	}
	plan := inventory.PlanImport(entries, parseErrs, inventory.ImportContext{Exists: exists, UnitID: unitID,
		Known: compliance.KnownMeasure(lib), Translate: func(k string) string { return i18n.T("de", k) }})
	fmt.Fprintf(stdout, "%d systems read: %d to create, %d to update, %d errors.\n", plan.Entries, len(plan.Creates), len(plan.Updates), len(plan.Errors))
	for _, e := range plan.Creates {
		fmt.Fprintf(stdout, "  create  %s (%s)\n", e.System.Key, e.System.Name)
	}
	for _, e := range plan.Updates {
		fmt.Fprintf(stdout, "  update  %s (%s)\n", e.System.Key, e.System.Name)
	}
	if !plan.Ok() {
		for _, e := range plan.Errors {
			fmt.Fprintf(stderr, "%s: %s\n", file, e.Error())
		}
		return fail(stderr, fmt.Errorf("%d errors: nothing was imported", len(plan.Errors)))
	}
	if dryRun {
		fmt.Fprintln(stdout, "Dry run: nothing was changed.")
		return 0
	}
	by, err := db.InventoryActor(ctx) // checked before anything changes
	if err != nil {
		return fail(stderr, err)
	}
	if err := db.ApplyInventoryImport(ctx, by, plan); err != nil {
		return fail(stderr, err)
	}
	n, err := db.SyncAllAISystems(ctx, by, compliance.Pin(lib), compliance.MeasureTitles(ctx, db, lib, "de", nil).Of)
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "Import applied. %d people joined assignments and are enrolled.\n", n)
	return 0
}
