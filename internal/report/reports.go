package report

import (
	"errors"
	"iter"
	"strconv"
	"strings"
	"time"

	"github.com/ailit/ailit/internal/evidence"
)

// Options are the common settings of a report.
type Options struct {
	Title       string
	Lang        string // "de" (default) or "en"
	GeneratedAt time.Time
	Level       Level   // privacy level; "" means LevelStatus
	K           int     // smallest group shown in aggregates; 0 means DefaultK
	Filters     []Field // what the reader chose, from Filter(...)
	// EvidenceLog is the evidence log's head when the report was made. Every report publishes it,
	// so that entries removed from the log later can be shown against any filed report.
	EvidenceLog *evidence.Head
}

// headFields are the metadata lines that publish the evidence log's head.
func (o Options) headFields(lang string) []Field {
	if o.EvidenceLog == nil {
		return nil
	}
	return []Field{
		MetaField("evidence_count", strconv.FormatInt(o.EvidenceLog.Count, 10), lang),
		MetaField("evidence_head", o.EvidenceLog.Hash, lang),
	}
}

func (o Options) k() int {
	if o.K < 1 {
		return DefaultK
	}
	return o.K
}

func (o Options) level() Level {
	if o.Level == "" {
		return LevelStatus
	}
	return o.Level
}

// PersonReport is the manager report. At LevelStatus and LevelResults it has one row per person
// and assignment with the columns of Columns(level), then an overview per org unit counted while
// those rows were written: rows is read once, so the database is queried once. At LevelAggregate
// there are no person rows, only the overview, and groups smaller than k are hidden.
func PersonReport(o Options, rows Rows) Document {
	level := o.level()
	meta := StandardMeta("persons", o.GeneratedAt, level, o.Lang)
	if level == LevelAggregate {
		meta = append(meta, MetaField("k", strconv.Itoa(o.k()), o.Lang))
	}
	doc := Document{Lang: o.Lang, Title: o.Title, Meta: append(append(meta, o.Filters...), o.headFields(o.Lang)...)}
	if level == LevelAggregate {
		doc.Sections = []Section{{Key: "units", Columns: unitColumns, Rows: unitRows(lazyAggregate(rows, false), true, o.k(), o.Lang)}}
		return doc
	}
	cols := Columns(level)
	counted := NewAggregator(false)
	var readErr error
	persons := Section{Key: "persons", Columns: cols, Landscape: true,
		Rows: func(yield func([]Value, error) bool) {
			cells := newCellMaker(cols)
			for r, err := range rows {
				if err != nil {
					readErr = err
					yield(nil, err)
					return
				}
				counted.Add(&r)
				if !yield(cells.cells(&r), nil) {
					readErr = errStopped
					return
				}
			}
		}}
	overview := func() (*Aggregates, error) {
		if readErr != nil {
			return nil, readErr
		}
		return counted.Result(), nil
	}
	doc.Sections = []Section{persons, {Key: "units", Columns: unitColumns, Rows: unitRows(overview, false, o.k(), o.Lang)}}
	return doc
}

// errStopped is the overview's answer when the person rows were not read to the end.
var errStopped = errors.New("report: the overview follows the person rows, which were not read to the end")

// Measure is one literacy measure: an assignment with its target groups, courses and due rule.
type Measure struct {
	ID        string
	Title     string
	Audiences []string
	Courses   []string // course ids
	DueRule   string   // "within 90 days of joining, refresh every 24 months"
}

// CourseVersion is a course content version used in the period.
type CourseVersion struct {
	CourseID        string
	Title           string
	Version         string
	ContentHash     string
	LegalStatusDate time.Time // "Rechtsstand"
}

// Evidence is the input of the Art. 4 evidence report ("Nachweis KI-Kompetenz").
type Evidence struct {
	Options
	Scope       string // the org unit (or organisation) the report covers
	PeriodFrom  time.Time
	PeriodTo    time.Time
	LegalStatus string // the maintained legal-status wording; the law changed in 2026
	Measures    []Measure
	Versions    []CourseVersion
	AISystems   []AISystem // the AI inventory: per system, roles, measures and coverage
}

// EvidenceReport is the organisation-level record for Art. 4 AI Act: completion per unit, per
// unit and course version, competence coverage by area and level, the measures and the content
// versions used. It is aggregated only, with small groups hidden, at every privacy level.
func EvidenceReport(e Evidence, rows Rows) Document {
	lang := e.Lang
	meta := StandardMeta("evidence", e.GeneratedAt, LevelAggregate, lang)
	meta = append(meta,
		MetaField("k", strconv.Itoa(e.k()), lang),
		MetaField("scope", e.Scope, lang),
		MetaField("period", Date(e.PeriodFrom).Text+"/"+Date(e.PeriodTo).Text, lang),
		MetaField("legal_status", e.LegalStatus, lang))
	doc := Document{Lang: lang, Title: e.Title, Meta: append(append(meta, e.Filters...), e.headFields(lang)...)}
	agg := lazyAggregate(rows, true)
	k := e.k()
	var measures, versions [][]Value
	for _, m := range e.Measures {
		measures = append(measures, []Value{Text(m.ID), Text(m.Title), Text(strings.Join(m.Audiences, ", ")),
			Text(strings.Join(m.Courses, ", ")), Text(m.DueRule)})
	}
	for _, v := range e.Versions {
		versions = append(versions, []Value{Text(v.CourseID), Text(v.Title), Text(v.Version),
			Text(v.ContentHash), Date(v.LegalStatusDate)})
	}
	doc.Sections = []Section{
		{Key: "units", Columns: unitColumns, Rows: unitRows(agg, true, k, lang)},
		{Key: "unit_courses", Columns: unitCourseCols, Rows: groupRows(agg, func(a *Aggregates) []Group {
			return SuppressBy(a.UnitCourses, k, func(g GroupKey) GroupKey { return GroupKey{CourseID: g.CourseID, Version: g.Version} })
		}, unitCourseValues, k, lang)},
		{Key: "coverage", Columns: coverageColumns, Rows: groupRows(agg, func(a *Aggregates) []Group {
			return SuppressBy(a.Coverage, k, func(g GroupKey) GroupKey { return GroupKey{Area: g.Area, Level: g.Level} })
		}, coverageValues, k, lang)},
		{Key: "measures", Columns: measureColumns, Rows: sliceRows(measures)},
		{Key: "versions", Columns: versionColumns, Rows: sliceRows(versions)},
		aiSystemSection(e.AISystems, k, lang),
	}
	doc.AISystems = append([]AISystem{}, e.AISystems...)
	return doc
}

// lazyAggregate aggregates once, when the first section needs it.
func lazyAggregate(rows Rows, detail bool) func() (*Aggregates, error) {
	var a *Aggregates
	var err error
	return func() (*Aggregates, error) {
		if a == nil && err == nil {
			a, err = aggregate(rows, detail)
		}
		return a, err
	}
}

// unitRows yields the overview per unit and a total line; with suppress, small groups are hidden.
func unitRows(agg func() (*Aggregates, error), suppress bool, k int, lang string) iter.Seq2[[]Value, error] {
	return func(yield func([]Value, error) bool) {
		a, err := agg()
		if err != nil {
			yield(nil, err)
			return
		}
		groups, totalShown := a.Units, true
		if suppress {
			groups, totalShown = Suppress(groups, k)
		}
		for _, g := range groups {
			if !yield(unitValues(g, k, lang), nil) {
				return
			}
		}
		total := a.Total
		total.Key.Unit = label(totalLabel, "total", lang)
		if !totalShown {
			total.Suppressed, total.Reason = true, "small"
		}
		yield(unitValues(total, k, lang), nil)
	}
}

var totalLabel = map[string][2]string{"total": {"Gesamt", "Total"}}

func groupRows(agg func() (*Aggregates, error), pick func(*Aggregates) []Group, vals func(Group, int, string) []Value, k int, lang string) iter.Seq2[[]Value, error] {
	return func(yield func([]Value, error) bool) {
		a, err := agg()
		if err != nil {
			yield(nil, err)
			return
		}
		for _, g := range pick(a) {
			if !yield(vals(g, k, lang), nil) {
				return
			}
		}
	}
}

// counts are the number cells of a group, or empty cells and a note when it is hidden.
func counts(g Group, k int, lang string, n ...int) (cells []Value, rate, note Value) {
	if g.Suppressed {
		return make([]Value, len(n)), Value{}, Text(suppressionNote(g.Reason, k, lang))
	}
	for _, v := range n {
		cells = append(cells, Int(v))
	}
	return cells, Percent(g.Rate()), Value{}
}

func suppressionNote(reason string, k int, lang string) string {
	ks := strconv.Itoa(k)
	if reason == "complementary" {
		if lang == "en" {
			return "hidden so that a group of fewer than " + ks + " people cannot be worked out"
		}
		return "ausgeblendet, damit keine Gruppe unter " + ks + " Personen errechenbar ist"
	}
	if lang == "en" {
		return "fewer than " + ks + " people: hidden"
	}
	return "weniger als " + ks + " Personen: ausgeblendet"
}

func unitValues(g Group, k int, lang string) []Value {
	c, rate, note := counts(g, k, lang, g.People, g.Assignments, g.Completed, g.Open, g.Overdue, g.Exempted)
	// unitColumns: unit, people, assignments, completed, rate, open, overdue, exempted, note
	return []Value{Text(g.Key.Unit), c[0], c[1], c[2], rate, c[3], c[4], c[5], note}
}

func unitCourseValues(g Group, k int, lang string) []Value {
	c, rate, note := counts(g, k, lang, g.People, g.Completed, g.Open, g.Overdue)
	return []Value{Text(g.Key.Unit), Text(g.Key.CourseID), Text(g.Key.Version), c[0], c[1], rate, c[2], c[3], note}
}

func coverageValues(g Group, k int, lang string) []Value {
	c, rate, note := counts(g, k, lang, g.People, g.Completed)
	return []Value{Text(g.Key.Unit), Text(g.Key.Area), Text(g.Key.Level), c[0], c[1], rate, note}
}
