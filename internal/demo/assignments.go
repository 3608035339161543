package demo

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/store"
)

// englishPercent is the share of people who work in English (international staff): they take a
// course's English translation where there is one.
const englishPercent = 6

// courseVersion is the newest published version of a course.
type courseVersion struct{ id, version, hash string }

// courseRef is a course family as the demo assigns it: the original, with the course people of
// another language take instead.
type courseRef struct {
	courseVersion
	title      string
	audiences  []string
	inLanguage map[string]courseVersion // language → a translation
}

// pickCourses returns the originals of the first n course families (0: all) below L3 that are meant
// for staff at large, basic courses first.
// Translations are not assigned on their own: one assignment per family, the translation counts.
func pickCourses(lib *content.Library, n int) []courseRef {
	if lib == nil {
		return nil
	}
	cat := lib.Catalog()
	var out []courseRef
	var levels []string
	for _, c := range cat.Courses() {
		if cat.FamilyRoot(c.ID) != c.ID || c.Latest() == nil || c.Latest().Manifest.Level == "L3" {
			continue // L3 courses are for people in a role (oversight, procurement), not for everybody
		}
		if !forStaffAtLarge(c.Latest().Manifest.Audiences) {
			continue // e.g. ki-mitbestimmen: for the staff council and the DPO, not for everybody
		}
		v := c.Latest()
		ref := courseRef{courseVersion: courseVersion{c.ID, v.Version, v.Hash}, title: v.Manifest.Title,
			audiences: v.Manifest.Audiences, inLanguage: map[string]courseVersion{}}
		for _, t := range cat.Family(c.ID)[1:] {
			tv := t.Latest()
			ref.inLanguage[tv.Manifest.Language] = courseVersion{t.ID, tv.Version, tv.Hash}
		}
		out = append(out, ref)
		levels = append(levels, v.Manifest.Level+" "+c.ID)
	}
	order := make([]int, len(out))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(levels[a], levels[b]) })
	sorted := make([]courseRef, len(out))
	for i, j := range order {
		sorted[i] = out[j]
	}
	if n > 0 && n < len(sorted) {
		sorted = sorted[:n]
	}
	return sorted
}

// forStaffAtLarge tells a course meant for all staff or for everybody who uses AI tools from one
// meant only for people in a role (staff council, data protection officer, IT).
func forStaffAtLarge(audiences []string) bool {
	return slices.Contains(audiences, "alle") || slices.Contains(audiences, "anwendende")
}

// purpose says why an assignment exists, from the course's audiences, as an administration would
// name it.
func purpose(audiences []string) string {
	switch {
	case slices.Contains(audiences, "alle"):
		return "Pflichtschulung nach Art. 4 KI-Verordnung"
	case slices.Contains(audiences, "fuehrung"), slices.Contains(audiences, "aufsicht"):
		return "für Führungskräfte und Fachverantwortliche"
	case slices.Contains(audiences, "anwendende"):
		return "vor der Freischaltung von KI-Werkzeugen"
	}
	return "Pflichtschulung"
}

// schedule is when an assignment was made and when it is due: the first one months ago with a
// fixed date that has passed (its stragglers are overdue), later ones more recent.
type schedule struct {
	ageDays        int
	dueKind        string
	dueDays        int // after_assignment, after_joining; for fixed: days after creation
	validityMonths int
}

var schedules = []schedule{
	{120, "fixed", 90, 24},
	{84, "after_assignment", 120, 24},
	{42, "after_joining", 90, 0},
	{14, "fixed", 75, 12},
}

// pace is how quickly a person gets round to mandatory training, the same for all their
// assignments: the range of days from joining to completion, or never.
type pace struct{ minDays, maxDays int }

func pickPace(rng *rand.Rand) pace {
	switch p := rng.IntN(100); {
	case p < 6:
		return pace{-1, -1} // never starts: overdue once the due date passes
	case p < 22:
		return pace{42, 112} // slow: six to sixteen weeks
	case p < 72:
		return pace{10, 56} // typical: two to eight weeks
	}
	return pace{1, 20} // keen: within three weeks
}

// seedAssignments makes each course family mandatory for the whole administration and gives each
// person progress by their pace: completed (in the course of their language), in progress or not
// started, a few exempted; open ones are overdue when their due date passed.
func seedAssignments(tx *store.Tx, rng *rand.Rand, now time.Time, courses []courseRef, res *Result, base int64, langs []string, o Options) error {
	root := res.Units[0]
	var creator int64 = base + 1
	if len(res.Managers) > 0 {
		creator = res.Managers[0]
	}
	paces := make([]pace, o.Users)
	for i := range paces {
		paces[i] = pickPace(rng)
	}
	for i, c := range courses {
		sch := schedules[i%len(schedules)]
		created := now.AddDate(0, 0, -sch.ageDays-7*(i/len(schedules))).Truncate(time.Hour)
		a := store.Assignment{CourseID: c.id, Title: c.title + " – " + purpose(c.audiences), CreatedBy: creator,
			CreatedAt: created, UpdatedAt: created, DueKind: sch.dueKind, ValidityMonths: sch.validityMonths}
		if sch.dueKind == "fixed" {
			due := created.AddDate(0, 0, sch.dueDays)
			due = time.Date(due.Year(), due.Month(), due.Day(), 0, 0, 0, 0, time.UTC)
			a.DueDate = &due
		} else {
			a.DueDays = sch.dueDays
		}
		if err := tx.InsertRows(&a); err != nil {
			return err
		}
		if err := tx.InsertRows(&store.AssignmentTarget{AssignmentID: a.ID, Kind: store.TargetUnitTree, OrgUnitID: &root}); err != nil {
			return err
		}
		res.Assignments = append(res.Assignments, a.ID)
		var b memberBatch
		for u := range o.Users {
			uid := base + int64(u) + 1
			taken := c.courseVersion
			if u < len(langs) {
				if t, ok := c.inLanguage[langs[u]]; ok {
					taken = t
				}
			}
			b.add(rng, now, &a, uid, taken, paces[u], creator)
			if len(b.members) == batch*4 {
				if err := b.flush(tx, res); err != nil {
					return err
				}
			}
		}
		if err := b.flush(tx, res); err != nil {
			return err
		}
		o.progress("assignment %d of %d (%s)\n", i+1, len(courses), c.title)
	}
	return nil
}

// memberBatch collects the rows of members of an assignment for one batch write.
type memberBatch struct {
	members []store.AssignmentMember
	enrolls []store.Enrollment
	dones   []store.Completion
	exempt  []store.AssignmentExemption
}

func (b *memberBatch) flush(tx *store.Tx, res *Result) error {
	for _, rows := range []any{&b.members, &b.enrolls, &b.dones, &b.exempt} {
		if err := tx.InsertRows(rows); err != nil {
			return err
		}
	}
	res.Members += len(b.members)
	res.Completions += len(b.dones)
	b.members, b.enrolls, b.dones, b.exempt = b.members[:0], b.enrolls[:0], b.dones[:0], b.exempt[:0]
	return nil
}

// add makes one member with the enrollment and completion their pace gives by now. The member row
// carries the facts of its exemption, enrollment and completion (what the store keeps on it on
// every write), set here as the rows are made.
func (b *memberBatch) add(rng *rand.Rand, now time.Time, a *store.Assignment, uid int64, c courseVersion, p pace, creator int64) {
	joined := a.CreatedAt.Add(time.Duration(rng.IntN(72)) * time.Hour)
	m := store.AssignmentMember{AssignmentID: a.ID, UserID: uid, JoinedAt: joined}
	// Everybody is enrolled on joining, as the assignment sync does (in the course of their
	// language); the pace decides whether and when they start and finish.
	e := store.Enrollment{UserID: uid, CourseID: c.id, Version: c.version, ContentHash: c.hash,
		Source: store.SourceAssignment, EnrolledAt: joined, LastActivityAt: joined}
	defer func() {
		b.members = append(b.members, m)
		b.enrolls = append(b.enrolls, e)
	}()
	m.EnrolledVersion, m.EnrolledHash = c.version, c.hash
	if rng.IntN(100) < 2 {
		b.exempt = append(b.exempt, store.AssignmentExemption{AssignmentID: a.ID, UserID: uid, Reason: "Elternzeit", CreatedBy: creator, CreatedAt: joined})
		m.Exempted, m.ExemptionReason = true, "Elternzeit"
		return
	}
	if p.minDays < 0 {
		return // never starts
	}
	doneAt := joined.Add(time.Duration(p.minDays*24+rng.IntN((p.maxDays-p.minDays+1)*24)) * time.Hour)
	started := joined.Add(doneAt.Sub(joined) * time.Duration(rng.IntN(60)) / 100) // some way before finishing
	if !started.Before(now) {
		return // not started yet
	}
	e.EnrolledAt, e.LastActivityAt = started, started.Add(time.Hour)
	if doneAt.Before(now) {
		e.LastActivityAt = doneAt
		var valid *time.Time
		if a.ValidityMonths > 0 {
			v := doneAt.AddDate(0, a.ValidityMonths, 0)
			valid = &v
		}
		b.dones = append(b.dones, store.Completion{RecordID: "demo" + strconv.FormatInt(a.ID, 36) + "x" + strconv.FormatInt(uid, 36),
			UserID: uid, CourseID: c.id, Version: c.version, ContentHash: c.hash, CompletedAt: doneAt, ValidUntil: valid})
		m.CompletedCourse, m.CompletedVersion, m.CompletedHash, m.CompletedAt, m.ValidUntil, m.ExpiresAt = c.id, c.version, c.hash, &doneAt, valid, valid
	} else if e.LastActivityAt.After(now) {
		e.LastActivityAt = now
	}
	m.Started = e.LastActivityAt.After(e.EnrolledAt)
}
