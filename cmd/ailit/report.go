package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/org"
	"github.com/ailit/ailit/internal/report"
	"github.com/ailit/ailit/internal/reporting"
	"github.com/ailit/ailit/internal/store"
)

// cmdReport runs "ailit report export|evidence|verify". Exports run with admin scope at the
// privacy level of the settings and are logged like downloads from the web (actor "cli"),
// including the evidence log.
func cmdReport(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || wantsHelp(args[:1]) {
		return groupHelp("report", args, stdout, stderr)
	}
	switch args[0] {
	case "verify":
		return reportVerify(args[1:], stdout, stderr)
	case "export", "evidence":
		return reportExport(args[0], args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "ailit report: unknown subcommand %q\n\n", args[0])
	return groupHelp("report", nil, stdout, stderr)
}

func reportExport(sub string, args []string, stdout, stderr io.Writer) int {
	var format, out, unit, course, status, from, to, area, lang, table string
	var withSub bool
	cfg, _, err := loadConfig("report "+sub, args, stdout, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&format, "format", "csv", "csv, xlsx, pdf or json")
		fs.StringVar(&out, "out", "", "output file (required)")
		fs.StringVar(&unit, "unit", "", "org unit id or name path (Stadtverwaltung/Dezernat I/…)")
		fs.BoolVar(&withSub, "sub", true, "include the units below --unit")
		fs.StringVar(&course, "course", "", "course id")
		fs.StringVar(&status, "status", "", "status (not_started, in_progress, due_soon, overdue, completed, expired, exempted)")
		fs.StringVar(&from, "from", "", "period start, YYYY-MM-DD")
		fs.StringVar(&to, "to", "", "period end, YYYY-MM-DD")
		fs.StringVar(&area, "area", "", "competence area by code or name, e.g. KA-RECHT or \"Recht und Regeln\"")
		fs.StringVar(&lang, "lang", "de", "de or en")
		fs.StringVar(&table, "table", "", "CSV: the table to write (evidence: units, unit_courses, coverage, measures, versions); default the main one")
	})
	if err != nil {
		return fail(stderr, err)
	}
	if out == "" {
		return fail(stderr, fmt.Errorf("--out FILE is required"))
	}
	if stopProfiles, err := startProfiles(); err != nil {
		return fail(stderr, err)
	} else {
		defer stopProfiles()
	}
	ctx := context.Background()
	log := newLogger(cfg, stderr)
	db, err := openStore(ctx, cfg, log)
	if err != nil {
		return fail(stderr, err)
	}
	defer db.Close()
	lib, err := loadCourses(cfg, db)
	if err != nil {
		return fail(stderr, err)
	}
	src, err := reporting.New(ctx, db, lib, db.Now())
	if err != nil {
		return fail(stderr, err)
	}
	f := reporting.Filter{CourseID: course, Status: status, WithSub: withSub}
	if area != "" {
		var ok bool
		if f.Area, ok = reporting.AreaCode(area, content.CompetenceCodes); !ok {
			return fail(stderr, fmt.Errorf("no competence area %q (codes: %s)", area, strings.Join(content.CompetenceCodes, ", ")))
		}
	}
	if unit != "" {
		if f.UnitID, err = findUnit(ctx, db, src, unit); err != nil {
			return fail(stderr, err)
		}
	}
	for _, d := range []struct {
		s   string
		dst *time.Time
	}{{from, &f.From}, {to, &f.To}} {
		if d.s == "" {
			continue
		}
		if *d.dst, err = time.Parse(time.DateOnly, d.s); err != nil {
			return fail(stderr, fmt.Errorf("dates are YYYY-MM-DD: %w", err))
		}
	}
	rs, err := db.ReportSettings(ctx, cfg.PrivacyLevel)
	if err != nil {
		return fail(stderr, err)
	}
	counter := &reporting.Counter{}
	kind := store.ReportExported
	if sub == "evidence" {
		kind = store.ReportEvidence
	}
	// Limits (an XLSX sheet's rows) are checked before any row is read.
	if err := src.CheckExport(ctx, store.Scope{All: true}, f, rs, kind, format); err != nil {
		return fail(stderr, err)
	}
	var doc report.Document
	if sub == "evidence" {
		if doc, err = src.EvidenceReport(ctx, store.Scope{All: true}, f, rs, lang, counter); err != nil {
			return fail(stderr, err)
		}
	} else if doc, err = src.PersonReport(ctx, store.Scope{All: true}, f, rs, lang, withProgress(counter, stderr)); err != nil {
		return fail(stderr, err)
	}
	file, err := os.Create(out)
	if err != nil {
		return fail(stderr, err)
	}
	w := bufio.NewWriterSize(file, 1<<16)
	written, err := reporting.Write(w, format, doc, filepath.Base(out), table)
	if err == nil {
		err = w.Flush()
	}
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(out)
		return fail(stderr, err)
	}
	e := &store.ReportExport{Actor: "cli", Kind: kind, Format: format, RowCount: counter.N(), Hash: written.Hash,
		IntegrityFor: written.IntegrityFor()}
	if err := db.LogReport(ctx, e, src.Describe(f)); err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "%s: %d rows, SHA-256 %s\n", filepath.Base(out), counter.N(), written.Hash)
	if e.Integrity != "" {
		if err := os.WriteFile(out+report.SidecarSuffix, []byte(e.Integrity), 0o644); err != nil {
			return fail(stderr, err)
		}
		fmt.Fprintf(stdout, "%s: the integrity file; keep it with the CSV\n", filepath.Base(out)+report.SidecarSuffix)
	}
	return 0
}

// withProgress returns counter, printing a line to stderr every 50,000 rows.
func withProgress(c *reporting.Counter, stderr io.Writer) *reporting.Counter {
	go func() {
		last := int64(0)
		for range time.Tick(2 * time.Second) {
			if n := c.N(); n != last {
				fmt.Fprintf(stderr, "report: %d rows …\n", n)
				last = n
			}
		}
	}()
	return c
}

// findUnit accepts a unit id or a name path.
func findUnit(ctx context.Context, db *store.Store, src *reporting.Source, s string) (int64, error) {
	var id int64
	if _, err := fmt.Sscan(s, &id); err == nil && fmt.Sprint(id) == s {
		return id, nil
	}
	units, err := db.OrgUnits(ctx)
	if err != nil {
		return 0, err
	}
	want := strings.Join(org.SplitPath(s), " / ")
	for _, u := range units {
		if strings.EqualFold(src.UnitPath(u.ID), want) {
			return u.ID, nil
		}
	}
	return 0, fmt.Errorf("no org unit %q", s)
}

// reportVerify recomputes a report file's integrity hash and compares it with the stated one. A
// CSV is checked against its integrity file, FILE.csv.integrity.json beside it or --integrity.
func reportVerify(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ailit report verify", flag.ContinueOnError)
	sidecarPath := fs.String("integrity", "", "CSV: the integrity file (default: FILE.csv.integrity.json beside the CSV)")
	withHelp(fs, "report verify", args, stdout, stderr, false)
	if err := fs.Parse(args); err != nil {
		return usageExit(err)
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	path := fs.Arg(0)
	f, err := os.Open(path)
	if err != nil {
		return fail(stderr, err)
	}
	defer f.Close()
	var verify func(io.Reader) error
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		if *sidecarPath == "" {
			*sidecarPath = path + report.SidecarSuffix
		}
		sidecar, err := os.ReadFile(*sidecarPath)
		if err != nil {
			fmt.Fprintf(stdout, "NOT OK: the integrity file %s cannot be read (%v). A CSV export comes with FILE.csv.integrity.json; pass it with --integrity if it lies elsewhere.\n", *sidecarPath, err)
			return 1
		}
		verify = func(r io.Reader) error { return report.VerifyCSV(r, sidecar) }
	case ".xlsx":
		verify = report.VerifyXLSX
	case ".pdf":
		verify = report.VerifyPDF
	case ".json":
		verify = report.VerifyJSON
	default:
		return fail(stderr, fmt.Errorf("unknown file type %q (csv, xlsx, pdf, json)", filepath.Ext(path)))
	}
	if err := verify(bufio.NewReader(f)); err != nil {
		fmt.Fprintf(stdout, "NOT OK: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, "OK: the integrity hash matches the content.")
	return 0
}
