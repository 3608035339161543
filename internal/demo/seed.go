// Package demo builds a synthetic but realistic organisation for demos, manual testing and
// benchmarks: a tree of units with German names, people with names from many languages, managers,
// assignments of the loaded courses with due dates, and enrollments and completions at every stage
// (some overdue). It writes in large batches, so 100,000 people take well under a minute on SQLite.
package demo

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"time"

	"gorm.io/gorm"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/org"
	"github.com/ailit/ailit/internal/store"
)

// Options say how large the organisation is.
type Options struct {
	Users    int
	Units    int // at least 4: the administration, a Dezernat, an Amt and a team
	Courses  int // how many of the loaded courses are mandatory; 0: all
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
	Leaves      []int64 // teams, where people work
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
	err = db.Tx(ctx, func(tx *gorm.DB) error {
		var base int64
		if err := tx.Model(&store.User{}).Select("COALESCE(MAX(id), 0)").Scan(&base).Error; err != nil {
			return err
		}
		var users []store.User
		var roles []store.UserRole
		for i := range o.Users {
			first, last := firstNames[rng.IntN(len(firstNames))], lastNames[rng.IntN(len(lastNames))]
			unit := res.Leaves[i%len(res.Leaves)]
			pn := fmt.Sprintf("%07d", base+int64(i)+1)
			created := now.AddDate(0, 0, -30-rng.IntN(900))
			users = append(users, store.User{ID: base + int64(i) + 1, Email: fmt.Sprintf("%s.%s.%d@%s", ascii(first), ascii(last), base+int64(i)+1, o.Domain),
				DisplayName: first + " " + last, PasswordHash: o.PasswordHash, Active: true, OrgUnitID: &unit, PersonnelNumber: &pn,
				CreatedAt: created, UpdatedAt: created})
			roles = append(roles, store.UserRole{UserID: base + int64(i) + 1, Role: store.RoleLearner})
			if len(users) == batch || i == o.Users-1 {
				if err := tx.Omit("Roles").Create(&users).Error; err != nil {
					return err
				}
				if err := tx.Create(&roles).Error; err != nil {
					return err
				}
				users, roles = users[:0], roles[:0]
				if (i+1)%20000 < batch {
					o.progress("%d of %d people\n", i+1, o.Users)
				}
			}
		}
		res.Users = o.Users
		// One manager per Amt: the first person of its first team.
		firstOf := map[int64]int64{}
		for i := range min(o.Users, len(res.Leaves)) {
			firstOf[res.Leaves[i]] = base + int64(i) + 1
		}
		for _, amt := range amts {
			for _, leaf := range amt.teams {
				if uid, ok := firstOf[leaf]; ok {
					if err := tx.Create(&store.UserRole{UserID: uid, Role: store.RoleManager}).Error; err != nil {
						return err
					}
					if err := tx.Create(&store.ManagerUnit{UserID: uid, OrgUnitID: amt.id}).Error; err != nil {
						return err
					}
					res.Managers = append(res.Managers, uid)
					break
				}
			}
		}
		if err := seedAssignments(tx, rng, now, courses, res, base, o); err != nil {
			return err
		}
		if db.Dialect == store.Postgres {
			// People were written with their ids: move the id sequence past them, or the next user
			// created the ordinary way would get a taken id.
			return tx.Exec(`SELECT setval(pg_get_serial_sequence('users', 'id'), (SELECT MAX(id) FROM users))`).Error
		}
		return nil
	})
	if err == nil {
		err = seedInventory(ctx, db, lib, res) // the AI inventory with its rules (inventory.go)
	}
	return res, err
}

func (o Options) progress(format string, args ...any) {
	if o.Progress != nil {
		fmt.Fprintf(o.Progress, "demo seed: "+format, args...)
	}
}

type amt struct {
	id    int64
	teams []int64
}

// seedUnits builds Stadtverwaltung → Dezernate → Ämter → Teams with about n units in all.
func seedUnits(ctx context.Context, db *store.Store, n int, res *Result) ([]amt, error) {
	root, err := db.CreateOrgUnit(ctx, nil, "Stadtverwaltung Musterstadt")
	if err != nil {
		return nil, err
	}
	res.Units = append(res.Units, root.ID)
	rest := n - 1
	dezernate := max(1, rest/40)
	amtsPerDez := max(1, (rest-dezernate)/dezernate/5)
	var amts []amt
	err = db.Tx(ctx, func(tx *gorm.DB) error {
		create := func(parent *store.OrgUnit, name string) (*store.OrgUnit, error) {
			u := &store.OrgUnit{ParentID: &parent.ID, Name: name, Path: "/", CreatedAt: db.Now()}
			if err := tx.Create(u).Error; err != nil {
				return nil, err
			}
			u.Path = parent.Path + org.Path([]int64{u.ID})[1:]
			res.Units = append(res.Units, u.ID)
			return u, tx.Model(u).Update("path", u.Path).Error
		}
		made := 1
		var dez []*store.OrgUnit
		for d := range dezernate {
			u, err := create(root, fmt.Sprintf("Dezernat %s – %s", roman(d+1), dezernatNames[d%len(dezernatNames)]))
			if err != nil {
				return err
			}
			dez = append(dez, u)
			made++
		}
		var amtUnits []*store.OrgUnit
		for d, du := range dez {
			for a := range amtsPerDez {
				name := amtNames[(d*amtsPerDez+a)%len(amtNames)]
				u, err := create(du, fmt.Sprintf("%s (%d.%d)", name, d+1, a+1))
				if err != nil {
					return err
				}
				amtUnits = append(amtUnits, u)
				amts = append(amts, amt{id: u.ID})
				made++
			}
		}
		for i := 0; made < n || i < len(amtUnits); i++ {
			a := i % len(amtUnits)
			u, err := create(amtUnits[a], fmt.Sprintf("Team %s %d", teamNames[i%len(teamNames)], i/len(amtUnits)+1))
			if err != nil {
				return err
			}
			amts[a].teams = append(amts[a].teams, u.ID)
			res.Leaves = append(res.Leaves, u.ID)
			made++
		}
		return nil
	})
	return amts, err
}

type courseRef struct{ id, version, hash string }

func pickCourses(lib *content.Library, n int) []courseRef {
	var out []courseRef
	if lib == nil {
		return nil
	}
	for _, c := range lib.Catalog().Courses() {
		if v := c.Latest(); v != nil {
			out = append(out, courseRef{c.ID, v.Version, v.Hash})
		}
	}
	if n > 0 && n < len(out) {
		out = out[:n]
	}
	return out
}

// seedAssignments makes every course mandatory for the whole administration with varied due
// rules, and gives each person a stage per course: not started, in progress, completed (some
// long ago, so they expire), exempted; open ones are overdue when their due date passed.
func seedAssignments(tx *gorm.DB, rng *rand.Rand, now time.Time, courses []courseRef, res *Result, base int64, o Options) error {
	root := res.Units[0]
	var creator int64 = base + 1
	if len(res.Managers) > 0 {
		creator = res.Managers[0]
	}
	for i, c := range courses {
		a := store.Assignment{CourseID: c.id, Title: "Pflichtschulung: " + c.id, CreatedBy: creator,
			CreatedAt: now.AddDate(0, 0, -120+i*25), UpdatedAt: now}
		switch i % 3 {
		case 0:
			a.DueKind, a.DueDays, a.ValidityMonths = "after_assignment", 180, 24
		case 1:
			due := now.AddDate(0, 0, 60-i*20) // the later courses are overdue for some
			a.DueKind, a.DueDate = "fixed", &due
		default:
			a.DueKind, a.DueDays = "after_joining", 120
		}
		if err := tx.Omit("Targets").Create(&a).Error; err != nil {
			return err
		}
		if err := tx.Create(&store.AssignmentTarget{AssignmentID: a.ID, Kind: store.TargetUnitTree, OrgUnitID: &root}).Error; err != nil {
			return err
		}
		res.Assignments = append(res.Assignments, a.ID)
		var members []store.AssignmentMember
		var enrolls []store.Enrollment
		var dones []store.Completion
		var exempt []store.AssignmentExemption
		flush := func() error {
			for _, rows := range []any{&members, &enrolls, &dones, &exempt} {
				if err := tx.CreateInBatches(rows, batch).Error; err != nil {
					return err
				}
			}
			res.Members += len(members)
			res.Completions += len(dones)
			members, enrolls, dones, exempt = members[:0], enrolls[:0], dones[:0], exempt[:0]
			return nil
		}
		for u := range o.Users {
			uid := base + int64(u) + 1
			joined := a.CreatedAt.Add(time.Duration(rng.IntN(72)) * time.Hour)
			// The member row carries the facts of its exemption, enrollment and completion (what
			// the store keeps on it on every write), set here as the rows are made.
			m := store.AssignmentMember{AssignmentID: a.ID, UserID: uid, JoinedAt: joined}
			stage := rng.IntN(100)
			enrolled := joined.Add(time.Duration(rng.IntN(30*24)) * time.Hour)
			if enrolled.After(now) {
				enrolled = now
			}
			switch {
			case stage < 2:
				exempt = append(exempt, store.AssignmentExemption{AssignmentID: a.ID, UserID: uid, Reason: "Elternzeit", CreatedBy: creator, CreatedAt: joined})
				m.Exempted, m.ExemptionReason = true, "Elternzeit"
			case stage < 45: // not started
			case stage < 65: // in progress
				enrolls = append(enrolls, store.Enrollment{UserID: uid, CourseID: c.id, Version: c.version, ContentHash: c.hash,
					Source: store.SourceAssignment, EnrolledAt: enrolled, LastActivityAt: enrolled.Add(time.Hour)})
				m.EnrolledVersion, m.EnrolledHash, m.Started = c.version, c.hash, true
			default: // completed, at some time since joining
				doneAt := enrolled.Add(time.Duration(rng.IntN(60*24)) * time.Hour)
				if doneAt.After(now) {
					doneAt = now.Add(-time.Hour)
				}
				enrolls = append(enrolls, store.Enrollment{UserID: uid, CourseID: c.id, Version: c.version, ContentHash: c.hash,
					Source: store.SourceAssignment, EnrolledAt: enrolled, LastActivityAt: doneAt})
				var valid *time.Time
				if a.ValidityMonths > 0 {
					v := doneAt.AddDate(0, a.ValidityMonths, 0)
					valid = &v
				}
				dones = append(dones, store.Completion{RecordID: "demo" + strconv.FormatInt(a.ID, 36) + "x" + strconv.FormatInt(uid, 36),
					UserID: uid, CourseID: c.id, Version: c.version, ContentHash: c.hash, CompletedAt: doneAt, ValidUntil: valid})
				m.EnrolledVersion, m.EnrolledHash, m.Started = c.version, c.hash, doneAt.After(enrolled)
				m.CompletedVersion, m.CompletedHash, m.CompletedAt, m.ValidUntil, m.ExpiresAt = c.version, c.hash, &doneAt, valid, valid
			}
			members = append(members, m)
			if len(members) == batch*4 {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		if err := flush(); err != nil {
			return err
		}
		o.progress("assignment %d of %d (%s)\n", i+1, len(courses), c.id)
	}
	return nil
}
