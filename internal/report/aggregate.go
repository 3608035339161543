package report

import (
	"cmp"
	"slices"
	"time"
)

// DefaultK is the smallest group shown in aggregate reports (the staff-council default).
const DefaultK = 5

// GroupKey identifies an aggregate group. Unused parts stay empty: per unit only Unit is set, per
// unit and course also CourseID and Version, for coverage also Area and Level.
type GroupKey struct {
	Unit, CourseID, Version, Area, Level string
}

// Group is the counts of one group. People counts distinct persons (by pseudonym).
type Group struct {
	Key         GroupKey
	People      int
	Assignments int
	Completed   int // for coverage: people who completed a course of this area and level
	Open        int // not started, in progress, due soon, overdue or expired
	Overdue     int
	Exempted    int
	Suppressed  bool   // hidden because it is small or would let a small group be derived
	Reason      string // "small" or "complementary" when Suppressed
}

// Rate is the completion rate in percent: completed of assignments that are not exempted (for
// coverage groups: covered people of people).
func (g Group) Rate() float64 {
	base := g.Assignments - g.Exempted
	if g.Key.Area != "" {
		base = g.People
	}
	if base <= 0 {
		return 0
	}
	return 100 * float64(g.Completed) / float64(base)
}

// Aggregates are the groups a single pass over the rows yields, each list sorted by key.
type Aggregates struct {
	Units       []Group
	UnitCourses []Group
	Coverage    []Group
	Total       Group
}

// groupAcc counts one group. People are told apart by a small number each (Aggregator.person),
// not by their pseudonym: a set of int32 takes a third of the memory of a set of strings, and the
// evidence report of 100,000 people keeps millions of entries across its groups.
type groupAcc struct {
	Group
	people      map[int32]struct{} // nil when the rows come person by person (Aggregator.contiguous)
	covered     map[int32]struct{}
	nPeople     int   // people counted as their first row came, when the rows come person by person
	nCovered    int   //
	last        int32 // the person added last: a person's rows come one after another
	lastCovered int32
}

// Aggregate reads the rows once and counts per unit, per unit and course version, and competence
// coverage per unit, area and level. Memory grows with the number of groups and distinct people,
// not with the number of rows.
func Aggregate(rows Rows) (*Aggregates, error) { return aggregate(rows, true) }

// aggregate counts per unit and in total; with detail also per course and competence.
//
// The rows of a report come person by person (ordered by name and person), so each group counts a
// person when their first row reaches it, and keeps no set of people: for the evidence report of
// 100,000 people those sets held millions of entries. Should a person come back after another one
// (rows in another order), the count starts again over a fresh pass of the rows (Rows may be read
// more than once), with a set of people per group.
func aggregate(rows Rows, detail bool) (*Aggregates, error) {
	a := NewAggregator(detail)
	a.contiguous = true
	for r, err := range rows {
		if err != nil {
			return nil, err
		}
		if a.Add(&r); a.interleaved {
			break
		}
	}
	if !a.interleaved {
		return a.Result(), nil
	}
	a = NewAggregator(detail)
	for r, err := range rows {
		if err != nil {
			return nil, err
		}
		a.Add(&r)
	}
	return a.Result(), nil
}

// Aggregator counts rows as they pass, so one pass over the rows can write them and count them.
type Aggregator struct {
	detail                   bool
	units, courses, coverage map[GroupKey]*groupAcc
	total                    *groupAcc
	ids                      map[string]int32 // person → its number
	lastPerson               string
	lastID                   int32
	// contiguous: the rows are taken to come person by person, and groups count people without
	// sets; interleaved is set when a person comes back after another, and the counts are void.
	contiguous, interleaved bool
}

// NewAggregator counts per unit and in total; with detail also per unit and course version, and
// competence coverage per unit, area and level.
func NewAggregator(detail bool) *Aggregator {
	return &Aggregator{detail: detail, units: map[GroupKey]*groupAcc{}, courses: map[GroupKey]*groupAcc{},
		coverage: map[GroupKey]*groupAcc{}, total: newGroupAcc(GroupKey{}, true), ids: map[string]int32{}, lastID: -1}
}

// person is the number of a person, counted from 0 in the order they first appear.
func (a *Aggregator) person(p string) int32 {
	if p == a.lastPerson && a.lastID >= 0 {
		return a.lastID
	}
	id, ok := a.ids[p]
	if !ok {
		id = int32(len(a.ids))
		a.ids[p] = id
	} else if a.contiguous {
		a.interleaved = true
	}
	a.lastPerson, a.lastID = p, id
	return id
}

// Add counts one row.
func (a *Aggregator) Add(r *Row) {
	person := a.person(cmp.Or(r.Pseudonym, r.PersonnelNumber, r.Email, r.Name))
	count(a.acc(nil, GroupKey{}), person, r.Status)
	count(a.acc(a.units, GroupKey{Unit: r.OrgUnitPath}), person, r.Status)
	if !a.detail {
		return
	}
	count(a.acc(a.courses, GroupKey{Unit: r.OrgUnitPath, CourseID: r.CourseID, Version: r.CourseVersion}), person, r.Status)
	if r.Status == StatusExempted {
		return
	}
	for _, area := range r.CompetenceAreas {
		g := a.acc(a.coverage, GroupKey{Unit: r.OrgUnitPath, Area: area, Level: r.CompetenceLevel})
		if person != g.last {
			g.addPerson(person)
		}
		if r.Status == StatusCompleted && person != g.lastCovered {
			g.lastCovered = person
			g.nCovered++
			if g.covered != nil {
				g.covered[person] = struct{}{}
			}
		}
	}
}

// Result is the groups counted so far, each list sorted by key.
func (a *Aggregator) Result() *Aggregates {
	out := &Aggregates{Units: finish(a.units), UnitCourses: finish(a.courses), Coverage: finish(a.coverage)}
	out.Total = a.total.done()
	return out
}

// acc is the group of key k in m; nil m is the total.
func (a *Aggregator) acc(m map[GroupKey]*groupAcc, k GroupKey) *groupAcc {
	if m == nil {
		return a.total
	}
	g, ok := m[k]
	if !ok {
		g = newGroupAcc(k, !a.contiguous)
		m[k] = g
	}
	return g
}

func newGroupAcc(k GroupKey, sets bool) *groupAcc {
	g := &groupAcc{Group: Group{Key: k}, last: -1, lastCovered: -1}
	if sets {
		g.people, g.covered = map[int32]struct{}{}, map[int32]struct{}{}
	}
	return g
}

func (g *groupAcc) addPerson(person int32) {
	g.last = person
	g.nPeople++
	if g.people != nil {
		g.people[person] = struct{}{}
	}
}

func count(g *groupAcc, person int32, s Status) {
	if person != g.last {
		g.addPerson(person)
	}
	g.Assignments++
	switch s {
	case StatusCompleted:
		g.Completed++
	case StatusExempted:
		g.Exempted++
	case StatusOverdue:
		g.Overdue++
		g.Open++
	default:
		g.Open++
	}
}

func (g *groupAcc) done() Group {
	out := g.Group
	out.People, out.Completed = g.nPeople, g.nCovered
	if g.people != nil {
		out.People, out.Completed = len(g.people), len(g.covered)
	}
	if g.Key.Area == "" {
		out.Completed = g.Group.Completed
	}
	return out
}

func finish(m map[GroupKey]*groupAcc) []Group {
	out := make([]Group, 0, len(m))
	for _, g := range m {
		out = append(out, g.done())
	}
	slices.SortFunc(out, func(a, b Group) int {
		return cmp.Or(cmp.Compare(a.Key.Unit, b.Key.Unit), cmp.Compare(a.Key.CourseID, b.Key.CourseID),
			cmp.Compare(a.Key.Version, b.Key.Version), cmp.Compare(a.Key.Area, b.Key.Area), cmp.Compare(a.Key.Level, b.Key.Level))
	})
	return out
}

// Suppress hides groups with fewer than k people, for one table whose total is shown. Hiding only
// the small groups is not enough: total minus the visible groups would reveal them. So it also
// hides the next smallest groups ("complementary") until at least two groups are hidden and the
// hidden groups together have at least k people. If that is impossible (fewer than k people in
// all), totalShown is false and the caller must hide the total too. k < 1 means DefaultK.
func Suppress(groups []Group, k int) (out []Group, totalShown bool) {
	if k < 1 {
		k = DefaultK
	}
	out = slices.Clone(groups)
	hidden, hiddenPeople, all := 0, 0, 0
	for i := range out {
		all += out[i].People
		if out[i].People < k {
			out[i].Suppressed, out[i].Reason = true, "small"
			hidden++
			hiddenPeople += out[i].People
		}
	}
	if hidden == 0 {
		return out, all >= k
	}
	bySize := make([]int, len(out))
	for i := range bySize {
		bySize[i] = i
	}
	slices.SortStableFunc(bySize, func(a, b int) int { return cmp.Compare(out[a].People, out[b].People) })
	for _, i := range bySize {
		if hidden >= 2 && hiddenPeople >= k {
			break
		}
		if !out[i].Suppressed {
			out[i].Suppressed, out[i].Reason = true, "complementary"
			hidden++
			hiddenPeople += out[i].People
		}
	}
	return out, hiddenPeople >= k && all >= k
}

// SuppressBy applies Suppress within each partition (e.g. per course, so each course's column of
// units is protected like a table of its own). Partitions are never shown with totals, so their
// totals are not reported back.
func SuppressBy(groups []Group, k int, partition func(GroupKey) GroupKey) []Group {
	parts := map[GroupKey][]int{}
	for i, g := range groups {
		p := partition(g.Key)
		parts[p] = append(parts[p], i)
	}
	out := slices.Clone(groups)
	for _, idx := range parts {
		part := make([]Group, len(idx))
		for j, i := range idx {
			part[j] = groups[i]
		}
		part, _ = Suppress(part, k)
		for j, i := range idx {
			out[i] = part[j]
		}
	}
	return out
}

// MonthCount is the number of completions in one calendar month (UTC).
type MonthCount struct {
	Month      time.Time // first day of the month
	Completed  int
	Cumulative int
}

// TrendByMonth counts completions per month from the month of from through the month of to,
// including months without completions, for the trend chart.
func TrendByMonth(rows Rows, from, to time.Time) ([]MonthCount, error) {
	t := NewTrend(from, to)
	for r, err := range rows {
		if err != nil {
			return nil, err
		}
		t.Add(&r)
	}
	return t.Months(), nil
}

// Trend counts completions per month as rows pass (see TrendByMonth).
type Trend struct {
	months []MonthCount
	index  map[time.Time]int
}

// NewTrend counts the months from the month of from through the month of to.
func NewTrend(from, to time.Time) *Trend {
	t := &Trend{index: map[time.Time]int{}}
	for m, last := monthOf(from), monthOf(to); !m.After(last); m = m.AddDate(0, 1, 0) {
		t.index[m] = len(t.months)
		t.months = append(t.months, MonthCount{Month: m})
	}
	return t
}

// Add counts the row if it is a completion (still valid or expired) in one of the months.
func (t *Trend) Add(r *Row) {
	if r.CompletedAt.IsZero() || (r.Status != StatusCompleted && r.Status != StatusExpired) {
		return
	}
	if i, ok := t.index[monthOf(r.CompletedAt)]; ok {
		t.months[i].Completed++
	}
}

// AddCount counts n completions at instant at, if it falls in one of the months.
func (t *Trend) AddCount(at time.Time, n int) {
	if i, ok := t.index[monthOf(at)]; ok {
		t.months[i].Completed += n
	}
}

// Months is the count per month with the running total.
func (t *Trend) Months() []MonthCount {
	out := slices.Clone(t.months)
	sum := 0
	for i := range out {
		sum += out[i].Completed
		out[i].Cumulative = sum
	}
	return out
}

func monthOf(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}
