// Package reporting builds manager reports from the database: it resolves what a viewer may see,
// streams the assignment records, computes each person's status with the pure rules of package
// assign, and hands report.Row values to package report. The web pages and the command line share
// it, so a report looks the same wherever it is made.
package reporting

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/ailit/ailit/internal/assign"
	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/measure"
	"github.com/ailit/ailit/internal/org"
	"github.com/ailit/ailit/internal/report"
	"github.com/ailit/ailit/internal/store"
)

// Filter is what the reader chose. The zero value is everything in scope.
type Filter struct {
	UnitID       int64 // 0: every unit of the scope
	WithSub      bool  // with the units below UnitID
	CourseID     string
	AssignmentID int64
	Status       string    // an assign.State; "" all
	From, To     time.Time // a row is in the period when its due or completion date is
	Area         string    // competence area code, e.g. KA-SICHER
}

// Source makes report rows for one viewer at one moment.
type Source struct {
	Store   *store.Store
	Library *content.Library
	Key     []byte    // pseudonym key (store.PseudonymKey)
	Now     time.Time // statuses are computed at this instant

	tree    *org.Tree
	paths   map[int64]string
	courses map[string]*courseInfo

	// The rows of one person come one after another: their pseudonym is computed once.
	pseudonyms    *report.Pseudonyms
	lastUser      int64
	lastPseudonym string
}

// New prepares a source: it loads the org tree and the pseudonym key once.
func New(ctx context.Context, db *store.Store, lib *content.Library, now time.Time) (*Source, error) {
	key, err := db.PseudonymKey(ctx)
	if err != nil {
		return nil, err
	}
	tree, _, err := db.OrgTree(ctx)
	if err != nil {
		return nil, err
	}
	return &Source{Store: db, Library: lib, Key: key, Now: now, tree: tree,
		paths: map[int64]string{}, courses: map[string]*courseInfo{}}, nil
}

// UnitPath is a unit's name path, "Stadtverwaltung / Dezernat 1 / Bauamt".
func (s *Source) UnitPath(id int64) string {
	if id == 0 {
		return ""
	}
	p, ok := s.paths[id]
	if !ok {
		p = strings.Join(s.tree.NamePath(id), " / ")
		s.paths[id] = p
	}
	return p
}

// Units resolves the org units a report covers: the filter's unit (with or without sub-units)
// intersected with what the scope may see. all means every person (an admin without unit filter).
// A unit outside a manager's scope yields no units, never someone else's people.
func (s *Source) Units(ctx context.Context, sc store.Scope, f Filter) (units []int64, all bool, err error) {
	if sc.All && f.UnitID == 0 {
		return nil, true, nil
	}
	var visible []int64
	if !sc.All {
		if visible, err = s.Store.VisibleUnitIDs(ctx, sc.ManagerID); err != nil {
			return nil, false, err
		}
		if f.UnitID == 0 {
			return visible, false, nil
		}
	}
	chosen := []int64{f.UnitID}
	if f.WithSub {
		chosen = s.tree.Subtree(f.UnitID)
	}
	if sc.All {
		return chosen, false, nil
	}
	for _, id := range chosen {
		if _, ok := slices.BinarySearch(visible, id); ok {
			units = append(units, id)
		}
	}
	return units, false, nil
}

// VisibleUnits lists the units a scope may pick in a filter, with their paths, in tree order.
func (s *Source) VisibleUnits(ctx context.Context, sc store.Scope) ([]UnitOption, error) {
	all, err := s.Store.OrgUnits(ctx)
	if err != nil {
		return nil, err
	}
	var visible []int64
	if !sc.All {
		if visible, err = s.Store.VisibleUnitIDs(ctx, sc.ManagerID); err != nil {
			return nil, err
		}
	}
	var out []UnitOption
	for _, u := range all {
		if _, ok := slices.BinarySearch(visible, u.ID); sc.All || ok {
			out = append(out, UnitOption{ID: u.ID, Label: s.UnitPath(u.ID)})
		}
	}
	slices.SortFunc(out, func(a, b UnitOption) int { return strings.Compare(a.Label, b.Label) })
	return out, nil
}

// UnitOption is one unit in a filter list.
type UnitOption struct {
	ID    int64
	Label string
}

// courseInfo is what the catalog says about a course, looked up once per report.
type courseInfo struct {
	title, level, lang string
	areas              []string
	latest, latestHash string
	releases           []assign.Release
	legalDate          map[string]time.Time // version → legal status date
	titleByVersion     map[string]string
}

func (s *Source) course(ctx context.Context, id string) (*courseInfo, error) {
	if ci, ok := s.courses[id]; ok {
		return ci, nil
	}
	ci := &courseInfo{title: id, legalDate: map[string]time.Time{}, titleByVersion: map[string]string{}}
	if !measure.IsCourseKey(id) {
		if err := s.measureInfo(ctx, id, ci); err != nil {
			return nil, err
		}
	} else if s.Library != nil {
		if c := s.Library.Catalog().Course(id); c != nil {
			releases, err := assign.FamilyReleasesOf(s.Library.Catalog(), id, func(id string) (map[string]time.Time, error) {
				return s.Store.VersionsFirstSeen(ctx, id)
			})
			if err != nil {
				return nil, err
			}
			ci.releases = releases
			for _, v := range c.Versions() {
				ci.legalDate[v.Version] = v.Manifest.LegalStatusAsOf
				ci.titleByVersion[v.Version] = v.Manifest.Title
			}
			if v := c.Latest(); v != nil {
				ci.title, ci.level, ci.areas, ci.lang = v.Manifest.Title, v.Manifest.Level, v.Manifest.Competences, v.Manifest.Language
				ci.latest, ci.latestHash = v.Version, v.Hash
			}
		}
	}
	s.courses[id] = ci
	return ci, nil
}

// Rows streams the report rows a scope may see under the filter. Each iteration runs the query
// afresh, as report.Rows requires. Scores are loaded only at report.LevelResults.
func (s *Source) Rows(ctx context.Context, sc store.Scope, f Filter, level report.Level) report.Rows {
	return func(yield func(report.Row, error) bool) {
		units, all, err := s.Units(ctx, sc, f)
		if err != nil {
			yield(report.Row{}, err)
			return
		}
		s.stream(ctx, store.ReportFilter{Units: units, AllUnits: all, CourseID: f.CourseID,
			AssignmentID: f.AssignmentID, WithResults: level == report.LevelResults}, f, yield)
	}
}

// stopErr ends a stream early when the consumer stops reading.
type stopErr struct{}

func (stopErr) Error() string { return "stopped" }

func (s *Source) stream(ctx context.Context, rf store.ReportFilter, f Filter, yield func(report.Row, error) bool) {
	err := s.Store.StreamReportRecords(ctx, rf, func(rec *store.ReportRecord) error {
		ci, err := s.course(ctx, rec.CourseID)
		if err != nil {
			return err
		}
		row := s.row(rec, ci)
		if rec.CompletedCourse != "" && rec.CompletedCourse != rec.CourseID {
			ti, err := s.course(ctx, rec.CompletedCourse)
			if err != nil {
				return err
			}
			takenInTranslation(&row, ci, ti, rec.CompletedVersion)
		}
		if !f.keeps(&row) {
			return nil
		}
		if !yield(row, nil) {
			return stopErr{}
		}
		return nil
	})
	if err != nil && err != (stopErr{}) {
		yield(report.Row{}, err)
	}
}

func (s *Source) pseudonym(userID int64) string {
	if userID != s.lastUser || s.lastPseudonym == "" {
		if s.pseudonyms == nil {
			s.pseudonyms = report.NewPseudonyms(s.Key)
		}
		s.lastUser, s.lastPseudonym = userID, s.pseudonyms.Of(userID)
	}
	return s.lastPseudonym
}

// status computes where the person of one record stands, by the rules of package assign.
func (s *Source) status(rec *store.ReportRecord, ci *courseInfo) (state assign.State, due time.Time, validUntil *time.Time) {
	records := assign.Records{Started: rec.Started, Releases: ci.releases}
	if rec.CompletedVersion != "" {
		records.Completions = []assign.Completion{{Course: rec.CompletedCourse, Version: rec.CompletedVersion, CompletedAt: rec.CompletedAt, ValidUntil: rec.ValidUntil}}
	}
	return assign.Status(rec.Rule(), assign.Member{JoinedAt: rec.JoinedAt, Exempted: rec.Exempted}, records, s.Now)
}

// row computes the status of one record and fills the report row.
func (s *Source) row(rec *store.ReportRecord, ci *courseInfo) report.Row {
	state, due, validUntil := s.status(rec, ci)
	version, hash := rec.CompletedVersion, rec.CompletedHash
	if version == "" {
		version, hash = rec.EnrolledVersion, rec.EnrolledHash
	}
	if version == "" {
		version, hash = ci.latest, ci.latestHash
	}
	r := report.Row{
		Pseudonym:       s.pseudonym(rec.UserID),
		PersonnelNumber: rec.PersonnelNumber,
		Name:            rec.Name,
		Email:           rec.Email,
		OrgUnitPath:     s.UnitPath(rec.OrgUnitID),
		CourseID:        rec.CourseID,
		CourseTitle:     ci.title,
		CourseVersion:   version,
		ContentHash:     hash,
		Status:          report.Status(state),
		ExemptionReason: rec.ExemptionReason,
		AssignedAt:      rec.JoinedAt,
		DueAt:           due,
		CompletedAt:     rec.CompletedAt,
		CompetenceAreas: ci.areas,
		CompetenceLevel: ci.level,
		Passed:          rec.Passed,
		ScorePercent:    rec.BestPercent,
	}
	if validUntil != nil {
		r.ValidUntil = *validUntil
	}
	return r
}

// takenInTranslation marks a row whose completion is of a translation of the assigned course: the
// course stays the assigned one (a family is reported once, also in the Art. 4 record), the title
// adds the language and title of the version taken; version and hash are the translation's.
func takenInTranslation(row *report.Row, assigned, taken *courseInfo, version string) {
	title := taken.titleByVersion[version]
	if title == "" {
		title = taken.title
	}
	if title != assigned.title {
		row.CourseTitle = assigned.title + " (" + taken.lang + ": " + title + ")"
	}
	// The version is the translation's own numbering: marked with its language, so "1.1.0" of the
	// English course is never read as version 1.1.0 of the German one.
	row.CourseVersion = version + " (" + taken.lang + ")"
}

// keeps applies the filters the database cannot: status, period and competence area.
func (f Filter) keeps(r *report.Row) bool {
	if f.Status != "" && string(r.Status) != f.Status {
		return false
	}
	if f.Area != "" && !slices.Contains(r.CompetenceAreas, f.Area) {
		return false
	}
	if f.From.IsZero() && f.To.IsZero() {
		return true
	}
	return inPeriod(r.DueAt, f.From, f.To) || inPeriod(r.CompletedAt, f.From, f.To)
}

// inPeriod reports whether the day of t lies in [from, to] (either bound may be zero).
func inPeriod(t, from, to time.Time) bool {
	if t.IsZero() {
		return false
	}
	return (from.IsZero() || !t.Before(from)) && (to.IsZero() || t.Before(to.AddDate(0, 0, 1)))
}
