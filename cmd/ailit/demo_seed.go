package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/ailit/ailit/internal/compliance"
	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/demo"
	"github.com/ailit/ailit/internal/store"
)

// cmdDemo runs "ailit demo seed --users N --units M": a synthetic organisation for demos and load
// tests, with progress on stderr.
func cmdDemo(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "seed" {
		return groupHelp("demo", args[:min(len(args), 1)], stdout, stderr)
	}
	var users, units, courses int
	var seed uint64
	cfg, _, err := loadConfig("demo seed", args[1:], stdout, stderr, func(fs *flag.FlagSet) {
		fs.IntVar(&users, "users", 1000, "number of people")
		fs.IntVar(&units, "units", 50, "number of org units")
		fs.IntVar(&courses, "courses", 0, "number of loaded courses to make mandatory (0: all)")
		fs.Uint64Var(&seed, "seed", 1, "random seed (the same seed gives the same organisation)")
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
	lib, err := loadCourses(cfg, db)
	if err != nil {
		return fail(stderr, err)
	}
	start := time.Now()
	res, err := demo.Seed(ctx, db, lib, demo.Options{Users: users, Units: units, Courses: courses, Seed: seed, Progress: stderr})
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "Seeded %d units, %d people, %d managers, %d assignments, %d memberships, %d completions in %s.\n",
		len(res.Units), res.Users, len(res.Managers), len(res.Assignments), res.Members, res.Completions, time.Since(start).Round(time.Millisecond))
	return 0
}

// seedDemoOrganisation gives `serve --demo` on a database without org units a small city
// administration, so every page shows something real: 240 people in 40 units (Dezernate, Ämter,
// Sachgebiete) at various stages, the demo manager managing an Amt with people in it, and the demo
// learner in a Sachgebiet with assignments, due dates and one course done. A database with org units
// (a real organisation, or an earlier demo) is left alone.
func seedDemoOrganisation(ctx context.Context, db *store.Store, lib *content.Library, out io.Writer) error {
	existing, err := db.OrgUnits(ctx)
	if err != nil {
		return err
	}
	if len(existing) > 0 {
		fmt.Fprintf(out, "The database has %d org units already: no demo organisation is added.\n", len(existing))
		return nil
	}
	res, err := demo.Seed(ctx, db, lib, demo.Options{Users: 240, Units: 40, Seed: 1})
	if err != nil {
		return err
	}
	manager, err := db.UserByEmail(ctx, "manager@example.org")
	if err != nil {
		return err
	}
	learner, err := db.UserByEmail(ctx, "learner@example.org")
	if err != nil {
		return err
	}
	if err := db.AddManagerUnit(ctx, manager.ID, res.Amts[0]); err != nil {
		return err
	}
	if err := db.SetUserOrgUnit(ctx, manager.ID, &res.Amts[0]); err != nil {
		return err
	}
	if err := db.SetUserOrgUnit(ctx, learner.ID, &res.Leaves[0]); err != nil {
		return err
	}
	if _, err := db.SyncAllAssignments(ctx, store.PinFunc(compliance.Pin(lib))); err != nil {
		return err
	}
	es, err := db.EnrollmentsOfUser(ctx, learner.ID)
	if err != nil {
		return err
	}
	for i, e := range es {
		err := db.InTx(ctx, func(tx *store.Tx) error {
			if i == 0 { // one course done, the others started
				_, err := tx.RecordCompletion(&store.Completion{UserID: learner.ID, CourseID: e.CourseID, Version: e.Version, ContentHash: e.ContentHash})
				return err
			}
			return tx.TouchEnrollment(&e)
		})
		if err != nil {
			return err
		}
	}
	fmt.Fprintf(out, "Demo organisation: %d units, %d people; manager@example.org manages an Amt.\n", len(res.Units), res.Users)
	return nil
}
