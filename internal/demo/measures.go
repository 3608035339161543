package demo

import (
	"context"
	"math/rand/v2"
	"time"

	"github.com/ailit/ailit/internal/assign"
	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/measure"
	"github.com/ailit/ailit/internal/store"
)

// WorkshopKey is the measure id of the demo workshop series.
const WorkshopKey = "workshop-ki-buergerservice"

// seedMeasures adds the measures beyond online courses: the AI policy assigned to the first Amt
// with most of its people having confirmed it, and a workshop series with a past date (attended),
// a full date with a waiting list and an open one, assigned to the first team.
func seedMeasures(ctx context.Context, db *store.Store, lib *content.Library, rng *rand.Rand, now time.Time, res *Result) error {
	if len(res.Amts) == 0 || len(res.Leaves) == 0 || len(res.Managers) == 0 {
		return nil
	}
	creator := res.Managers[0]
	if err := seedPolicy(ctx, db, lib, rng, now, res, creator); err != nil {
		return err
	}
	return seedWorkshop(ctx, db, now, res, creator)
}

func seedPolicy(ctx context.Context, db *store.Store, lib *content.Library, rng *rand.Rand, now time.Time, res *Result, creator int64) error {
	p := lib.Catalog().Policy("dienstanweisung-ki")
	if p == nil || p.Latest() == nil {
		return nil
	}
	a := &store.Assignment{Title: "Dienstanweisung KI lesen und bestätigen", DueKind: assign.DueAfterJoining, DueDays: 30, CreatedBy: creator,
		Targets: []store.AssignmentTarget{{Kind: store.TargetUnitTree, OrgUnitID: &res.Amts[0]}}}
	a.SetMeasure(measure.Ref{Kind: measure.Policy, ID: p.ID})
	if err := db.SaveAssignment(ctx, a); err != nil {
		return err
	}
	res.Assignments = append(res.Assignments, a.ID)
	joined, err := db.SyncAssignment(ctx, a, nil)
	if err != nil {
		return err
	}
	res.Members += len(joined)
	v := p.Latest()
	for i, uid := range joined {
		if i >= 60 || rng.IntN(10) < 3 { // about seven in ten have confirmed
			continue
		}
		at := now.Add(-time.Duration(1+rng.IntN(40*24)) * time.Hour)
		if _, _, err := db.CompleteMeasureNow(ctx, store.MeasureCompletion{UserID: uid, Measure: a.Measure(),
			Version: v.Version, ContentHash: v.Hash, CompletedAt: at}); err != nil {
			return err
		}
		res.Completions++
	}
	return nil
}

func seedWorkshop(ctx context.Context, db *store.Store, now time.Time, res *Result, trainer int64) error {
	if u, err := db.UserByEmail(ctx, "trainer@example.org"); err == nil {
		trainer = u.ID // the demo trainer runs it when `serve --demo` made the demo accounts
	}
	sr := &store.SessionSeries{Key: WorkshopKey, Title: "Workshop: KI im Bürgerservice sicher einsetzen",
		Description: "Drei Stunden mit Übungen: Antworten des Chatbots prüfen, Grenzen erkennen, Datenschutz im Gespräch mit Bürgerinnen und Bürgern.",
		Mode:        store.ModeOnsite, Place: "Rathaus, Raum 2.14", Capacity: 8, CancelHours: 48, TrainerID: trainer}
	if err := db.SaveSeries(ctx, sr); err != nil {
		return err
	}
	day := func(days, hour int) time.Time {
		d := now.In(i18n.Berlin).AddDate(0, 0, days)
		return time.Date(d.Year(), d.Month(), d.Day(), hour, 0, 0, 0, i18n.Berlin)
	}
	past := &store.SessionDate{SeriesID: sr.ID, StartsAt: day(-20, 9), EndsAt: day(-20, 12)}
	full := &store.SessionDate{SeriesID: sr.ID, StartsAt: day(14, 9), EndsAt: day(14, 12)}
	open := &store.SessionDate{SeriesID: sr.ID, StartsAt: day(28, 13), EndsAt: day(28, 16)}
	for _, d := range []*store.SessionDate{past, full, open} {
		if err := db.AddSessionDate(ctx, d); err != nil {
			return err
		}
	}
	a := &store.Assignment{Title: "Workshop KI im Bürgerservice", DueKind: assign.DueAfterAssignment, DueDays: 60, CreatedBy: trainer,
		Targets: []store.AssignmentTarget{{Kind: store.TargetUnitTree, OrgUnitID: &res.Amts[0]}}}
	a.SetMeasure(sr.Measure())
	if err := db.SaveAssignment(ctx, a); err != nil {
		return err
	}
	res.Assignments = append(res.Assignments, a.ID)
	people, err := db.SyncAssignment(ctx, a, nil)
	if err != nil {
		return err
	}
	res.Members += len(people)
	// The past date: six were there (registered then, so written directly), attendance marked.
	attended := map[int64]bool{}
	err = db.InTx(ctx, func(tx *store.Tx) error {
		for i, uid := range people[:min(6, len(people))] {
			r := store.SessionRegistration{DateID: past.ID, UserID: uid, Status: measure.Registered,
				RegisteredAt: past.StartsAt.AddDate(0, 0, -10).Add(time.Duration(i) * time.Minute)}
			if err := tx.InsertRows(&r); err != nil {
				return err
			}
			attended[uid] = true
		}
		return nil
	})
	if err != nil {
		return err
	}
	n, err := db.MarkAttendance(ctx, past.ID, attended)
	res.Completions += n
	if err != nil {
		return err
	}
	// The next date fills up and has a waiting list.
	for _, uid := range people[min(6, len(people)):min(6+sr.Capacity+2, len(people))] {
		if _, err := db.RegisterForSession(ctx, full.ID, uid); err != nil {
			return err
		}
	}
	return nil
}
