// Package demo builds a synthetic but realistic organisation for demos, manual testing and
// benchmarks: the administration of a mid-sized German city (org.go), people with names from many
// languages, some of whom work in English, managers, one assignment per course family titled by
// course and purpose, and progress spread over the weeks since each assignment (assignments.go),
// with a few people overdue. It writes in large batches, so 100,000 people take well under a
// minute on SQLite. Each part of the demo lives in its own file and is called from Seed.
package demo

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/store"
)

// Options say how large the organisation is.
type Options struct {
	Users    int
	Units    int // at least 4: the administration, a Dezernat, an Amt and a Sachgebiet
	Courses  int // how many of the loaded course families are mandatory; 0: all
	Seed     uint64
	Progress io.Writer // progress lines (stderr); nil: silent
	// PasswordHash is given to every seeded person (empty: nobody can log in). The demo accounts
	// are made separately.
	PasswordHash string
	Domain       string // e-mail domain; default demo.example
}

// Result is what was made.
type Result struct {
	Units       []int64 // every unit, root first
	Leaves      []int64 // Sachgebiete, where people work
	Amts        []int64 // the Ämter, each with a manager
	Managers    []int64 // one manager per Amt
	Users       int
	Assignments []int64
	Members     int
	Completions int
}

const batch = 500

// Seed adds the organisation to the database. It does not clear anything; run it on an empty
// database (or one with only demo accounts). Completions are written without evidence events:
// they are synthetic, and the hash chain stays intact.
func Seed(ctx context.Context, db *store.Store, lib *content.Library, o Options) (*Result, error) {
	if o.Units < 4 {
		o.Units = 4
	}
	if o.Domain == "" {
		o.Domain = "demo.example"
	}
	rng := rand.New(rand.NewPCG(o.Seed, 0x5eed))
	now := db.Now().UTC()
	res := &Result{}
	amts, err := seedUnits(ctx, db, o.Units, res)
	if err != nil {
		return nil, err
	}
	for _, a := range amts {
		res.Amts = append(res.Amts, a.id)
	}
	o.progress("%d units\n", len(res.Units))
	courses := pickCourses(lib, o.Courses)
	if len(courses) == 0 {
		return nil, fmt.Errorf("demo: no published courses loaded")
	}
	err = db.InTx(ctx, func(tx *store.Tx) error {
		base, err := tx.MaxUserID()
		if err != nil {
			return err
		}
		langs := make([]string, 0, o.Users) // by person, for the course in their language
		var users []store.User
		var roles []store.UserRole
		for i := range o.Users {
			first, last := firstNames[rng.IntN(len(firstNames))], lastNames[rng.IntN(len(lastNames))]
			lang := ""
			if rng.IntN(100) < englishPercent {
				lang = "en"
			}
			langs = append(langs, lang)
			unit := res.Leaves[i%len(res.Leaves)]
			pn := fmt.Sprintf("%07d", base+int64(i)+1)
			created := now.AddDate(0, 0, -30-rng.IntN(900))
			users = append(users, store.User{ID: base + int64(i) + 1, Email: fmt.Sprintf("%s.%s.%d@%s", ascii(first), ascii(last), base+int64(i)+1, o.Domain),
				DisplayName: first + " " + last, Language: lang, PasswordHash: o.PasswordHash, Active: true, OrgUnitID: &unit, PersonnelNumber: &pn,
				CreatedAt: created, UpdatedAt: created})
			roles = append(roles, store.UserRole{UserID: base + int64(i) + 1, Role: store.RoleLearner})
			if len(users) == batch || i == o.Users-1 {
				if err := tx.InsertRows(&users); err != nil {
					return err
				}
				if err := tx.InsertRows(&roles); err != nil {
					return err
				}
				users, roles = users[:0], roles[:0]
				if (i+1)%20000 < batch {
					o.progress("%d of %d people\n", i+1, o.Users)
				}
			}
		}
		res.Users = o.Users
		// One manager per Amt: the first person of its first Sachgebiet.
		firstOf := map[int64]int64{}
		for i := range min(o.Users, len(res.Leaves)) {
			firstOf[res.Leaves[i]] = base + int64(i) + 1
		}
		for _, amt := range amts {
			for _, leaf := range amt.teams {
				if uid, ok := firstOf[leaf]; ok {
					if err := tx.InsertRows(&store.UserRole{UserID: uid, Role: store.RoleManager}); err != nil {
						return err
					}
					if err := tx.InsertRows(&store.ManagerUnit{UserID: uid, OrgUnitID: amt.id}); err != nil {
						return err
					}
					res.Managers = append(res.Managers, uid)
					break
				}
			}
		}
		// The parts of the demo that build on the people, each in its own file.
		if err := seedAssignments(tx, rng, now, courses, res, base, langs, o); err != nil {
			return err
		}
		return tx.AfterInsertedUsers()
	})
	if err == nil {
		err = seedMeasures(ctx, db, lib, rng, now, res) // policies and workshops (measures.go)
		if err == nil {
			err = seedInventory(ctx, db, lib, res) // the AI inventory with its rules (inventory.go)
		}
	}
	return res, err
}

func (o Options) progress(format string, args ...any) {
	if o.Progress != nil {
		fmt.Fprintf(o.Progress, "demo seed: "+format, args...)
	}
}
