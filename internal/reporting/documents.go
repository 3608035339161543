package reporting

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/ailit/ailit/internal/report"
	"github.com/ailit/ailit/internal/store"
)

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

// Counter counts the rows of a report.Rows as they are read. Should rows be read more than once,
// N is the largest pass. Safe to read while rows are written.
type Counter struct{ n, last atomic.Int64 }

// Wrap returns rows that count as they are read.
func (c *Counter) Wrap(rows report.Rows) report.Rows {
	return func(yield func(report.Row, error) bool) {
		c.n.Store(0)
		defer func() { c.last.Store(max(c.last.Load(), c.n.Load())) }()
		for r, err := range rows {
			if err == nil {
				c.n.Add(1)
			}
			if !yield(r, err) {
				return
			}
		}
	}
}

// N is the number of rows of the largest pass so far.
func (c *Counter) N() int64 { return max(c.last.Load(), c.n.Load()) }

// Describe turns a filter into stable keys and readable values, for the export log and the
// report's metadata. Unit ids become their paths.
func (s *Source) Describe(f Filter) map[string]string {
	m := map[string]string{}
	if f.UnitID != 0 {
		m["org_unit"] = s.UnitPath(f.UnitID)
		if f.WithSub {
			m["org_unit"] += " (+)"
		}
	}
	if f.CourseID != "" {
		m["course"] = f.CourseID
	}
	if f.AssignmentID != 0 {
		m["assignment"] = itoa(f.AssignmentID)
	}
	if f.Status != "" {
		m["status"] = f.Status
	}
	if !f.From.IsZero() {
		m["from"] = f.From.Format(time.DateOnly)
	}
	if !f.To.IsZero() {
		m["to"] = f.To.Format(time.DateOnly)
	}
	if f.Area != "" {
		m["competence_area"] = f.Area
	}
	return m
}

var filterLabels = map[string][2]string{
	"org_unit":        {"Organisationseinheit", "Org unit"},
	"course":          {"Kurs", "Course"},
	"assignment":      {"Pflichtschulung", "Assignment"},
	"status":          {"Status", "Status"},
	"from":            {"Von", "From"},
	"to":              {"Bis", "To"},
	"competence_area": {"Kompetenzbereich", "Competence area"},
}

// filterFields are the filter metadata of a report document, in a fixed order.
func (s *Source) filterFields(f Filter, lang string) []report.Field {
	d := s.Describe(f)
	var out []report.Field
	for _, k := range []string{"org_unit", "course", "assignment", "status", "from", "to", "competence_area"} {
		if v, ok := d[k]; ok {
			if k == "competence_area" {
				v = AreaName(v, lang)
			}
			l := filterLabels[k][0]
			if lang == "en" {
				l = filterLabels[k][1]
			}
			out = append(out, report.Filter(k, l, v))
		}
	}
	return out
}

// PersonReport is the manager report document for a viewer, with rows counted by c.
func (s *Source) PersonReport(ctx context.Context, sc store.Scope, f Filter, rs store.ReportSettings, lang string, c *Counter) (report.Document, error) {
	level, _ := report.ParseLevel(rs.Level)
	title := "Bericht KI-Kompetenz"
	if lang == "en" {
		title = "AI literacy report"
	}
	head, err := s.Store.EvidenceHead(ctx)
	if err != nil {
		return report.Document{}, err
	}
	o := report.Options{Title: title, Lang: lang, GeneratedAt: s.Now, Level: level, K: rs.K, Filters: s.filterFields(f, lang),
		EvidenceLog: &head}
	return report.PersonReport(o, c.Wrap(namedAreas(s.Rows(ctx, sc, f, level), lang))), nil
}

// EvidenceReport is the Art. 4 record ("Nachweis KI-Kompetenz") for the units a scope covers and a
// period: statuses as of the end of the period (completions after it do not count), the measures
// with members in those units, and the course versions completed in the period.
func (s *Source) EvidenceReport(ctx context.Context, sc store.Scope, f Filter, rs store.ReportSettings, lang string, c *Counter) (report.Document, error) {
	if f.To.IsZero() || f.To.After(s.Now) {
		f.To = s.Now
	}
	asOf := f.To
	if asOf.Before(s.Now) {
		asOf = f.To.AddDate(0, 0, 1).Add(-time.Nanosecond) // the whole last day
	}
	units, all, err := s.Units(ctx, sc, f)
	if err != nil {
		return report.Document{}, err
	}
	assignments, err := s.Store.AssignmentsWithMembersIn(ctx, units, all)
	if err != nil {
		return report.Document{}, err
	}
	used, err := s.Store.VersionsCompletedIn(ctx, units, all, f.From, asOf)
	if err != nil {
		return report.Document{}, err
	}
	e := report.Evidence{Scope: s.scopeName(sc, f, lang), PeriodFrom: f.From, PeriodTo: f.To, LegalStatus: rs.LegalWording}
	e.Title = "Nachweis KI-Kompetenz (Art. 4 KI-Verordnung)"
	if lang == "en" {
		e.Title = "AI literacy record (Art. 4 AI Act)"
	}
	head, err := s.Store.EvidenceHead(ctx)
	if err != nil {
		return report.Document{}, err
	}
	e.Lang, e.GeneratedAt, e.K, e.Filters, e.EvidenceLog = lang, s.Now, rs.K, s.filterFields(f, lang), &head
	for i := range assignments {
		m := s.measure(&assignments[i], lang)
		ci, err := s.course(ctx, assignments[i].CourseID)
		if err != nil {
			return report.Document{}, err
		}
		m.Courses = []string{ci.title} // people read titles; the versions table has the ids
		e.Measures = append(e.Measures, m)
	}
	// The AI inventory: per system, roles, measures and coverage today (ai_systems.go).
	if e.AISystems, err = s.AISystemSummaries(ctx, sc, rs); err != nil {
		return report.Document{}, err
	}
	seen := map[string]bool{}
	addVersion := func(courseID, version, hash string) error {
		if version == "" || seen[courseID+"@"+version] {
			return nil
		}
		seen[courseID+"@"+version] = true
		ci, err := s.course(ctx, courseID)
		if err != nil {
			return err
		}
		title := ci.titleByVersion[version]
		if title == "" {
			title = ci.title
		}
		e.Versions = append(e.Versions, report.CourseVersion{CourseID: courseID, Title: title, Version: version,
			ContentHash: hash, LegalStatusDate: ci.legalDate[version]})
		return nil
	}
	for _, v := range used {
		if err := addVersion(v.CourseID, v.Version, v.ContentHash); err != nil {
			return report.Document{}, err
		}
	}
	for _, a := range assignments { // the version people are taking now, even if nobody finished it yet
		ci, err := s.course(ctx, a.CourseID)
		if err != nil {
			return report.Document{}, err
		}
		if err := addVersion(a.CourseID, ci.latest, ci.latestHash); err != nil {
			return report.Document{}, err
		}
	}
	at := *s
	at.Now = asOf
	rows := func(yield func(report.Row, error) bool) {
		at.stream(ctx, store.ReportFilter{Units: units, AllUnits: all, CourseID: f.CourseID, AssignmentID: f.AssignmentID, AsOf: asOf},
			Filter{Status: f.Status, Area: f.Area}, yield)
	}
	return report.EvidenceReport(e, c.Wrap(namedAreas(rows, lang))), nil
}

func (s *Source) scopeName(sc store.Scope, f Filter, lang string) string {
	switch {
	case f.UnitID != 0:
		name := s.UnitPath(f.UnitID)
		if f.WithSub {
			if lang == "en" {
				return name + " (with sub-units)"
			}
			return name + " (mit Untereinheiten)"
		}
		return name
	case sc.All:
		if lang == "en" {
			return "whole organisation"
		}
		return "Gesamte Organisation"
	}
	if lang == "en" {
		return "units managed by the viewer"
	}
	return "Eigene Organisationseinheiten"
}

// measure describes an assignment as a literacy measure: audiences, course and due rule in words.
// A single-person audience is named by count only, so the evidence report stays aggregated.
func (s *Source) measure(a *store.Assignment, lang string) report.Measure {
	en := lang == "en"
	var aud []string
	people := 0
	for _, t := range a.Targets {
		switch t.Kind {
		case store.TargetUnit, store.TargetUnitTree:
			name := ""
			if t.OrgUnitID != nil {
				name = s.UnitPath(*t.OrgUnitID)
			}
			if t.Kind == store.TargetUnitTree {
				name += map[bool]string{false: " (mit Untereinheiten)", true: " (with sub-units)"}[en]
			}
			aud = append(aud, name)
		case store.TargetRole:
			aud = append(aud, map[bool]string{false: "Rolle: ", true: "Role: "}[en]+t.Role)
		case store.TargetUser:
			people++
		}
	}
	if people > 0 {
		aud = append(aud, fmt.Sprintf(map[bool]string{false: "%d Einzelpersonen", true: "%d individuals"}[en], people))
	}
	return report.Measure{ID: itoa(a.ID), Title: a.Title, Audiences: aud, Courses: []string{a.CourseID}, DueRule: dueRule(a, en)}
}

func dueRule(a *store.Assignment, en bool) string {
	var rule string
	switch a.DueKind {
	case "fixed":
		d := ""
		if a.DueDate != nil {
			d = a.DueDate.Format(time.DateOnly)
		}
		rule = map[bool]string{false: "fällig am ", true: "due on "}[en] + d
	case "after_assignment":
		rule = fmt.Sprintf(map[bool]string{false: "%d Tage nach Zuweisung", true: "%d days after assignment"}[en], a.DueDays)
	case "after_joining":
		rule = fmt.Sprintf(map[bool]string{false: "%d Tage nach Eintritt in die Zielgruppe", true: "%d days after joining the audience"}[en], a.DueDays)
	default:
		rule = a.DueKind
	}
	if a.ValidityMonths > 0 {
		rule += fmt.Sprintf(map[bool]string{false: ", Auffrischung alle %d Monate", true: ", refresh every %d months"}[en], a.ValidityMonths)
	}
	return strings.TrimSpace(rule)
}
