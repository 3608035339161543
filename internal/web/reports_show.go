package web

import (
	"html/template"
	"slices"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/assign"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/report"
	"github.com/ailit/ailit/internal/reporting"
	"github.com/ailit/ailit/internal/store"
)

// reportPageSize is how many rows the report view shows per page.
const reportPageSize = 50

type reportPage struct {
	Level       string
	K           int
	Form        reportForm
	Query       template.URL // the filter as a query string, url-encoded already (see reportForm.Query)
	Units       []reporting.UnitOption
	Courses     []courseOption
	Assignments []store.Assignment
	States      []assign.State
	Areas       []areaOption
	Columns     []columnChoice // the columns the viewer may show (none at the aggregate level)
	Formats     []string
	Headers     []string
	Rows        [][]string
	Total       int
	Page, Pages int
	PrevQuery   template.URL
	NextQuery   template.URL
	Tables      []reportTable   // the evidence report's tables, one CSV each
	Files       []integrityFile // the viewer's latest CSV exports with their integrity files
}

type reportTable struct{ Key, Title string }

type integrityFile struct {
	ID   int64
	Name string // FILE.csv.integrity.json
	When time.Time
}

type courseOption struct{ ID, Title string }

type areaOption struct{ Code, Name string }

type columnChoice struct {
	Key, Label string
	Shown      bool
}

// reportsShow is the report view: people × assignment with the columns the privacy level allows,
// or at the aggregate level the counts per unit with small groups hidden. Managers see their units.
func (a *App) reportsShow(c *fiber.Ctx) error {
	ctx := c.UserContext()
	l := lang(c)
	rc, err := a.newReportCtx(c)
	if err != nil {
		return err
	}
	p := reportPage{Level: string(rc.Level), K: rc.Settings.K, Form: rc.Form, Query: template.URL(rc.Form.Query()),
		States: assign.AllStates, Formats: reporting.Formats}
	if err := a.fillReportChoices(c, rc, &p); err != nil {
		return err
	}
	for _, key := range report.EvidenceTables {
		p.Tables = append(p.Tables, reportTable{Key: key, Title: report.SectionTitle(key, l)})
	}
	if p.Files, err = a.integrityFiles(c); err != nil {
		return err
	}
	p.Page, _ = strconv.Atoi(c.Query("page"))
	p.Page = max(p.Page, 1)
	var section report.Section
	counter := &reporting.Counter{}
	doc, err := rc.Source.PersonReport(ctx, rc.Scope, rc.Filter, rc.Settings, l, counter)
	if err != nil {
		return err
	}
	section = doc.Sections[0] // persons, or at the aggregate level the units
	shown := report.PickColumns(section.Columns, rc.Form.Cols)
	if rc.Level != report.LevelAggregate {
		for i, col := range section.Columns {
			p.Columns = append(p.Columns, columnChoice{Key: col.Key, Label: col.Label(l), Shown: slices.Contains(shown, i)})
		}
	}
	for _, i := range shown {
		p.Headers = append(p.Headers, section.Columns[i].Label(l))
	}
	first := (p.Page - 1) * reportPageSize
	for vals, err := range section.Rows {
		if err != nil {
			return err
		}
		if p.Total >= first && p.Total < first+reportPageSize {
			p.Rows = append(p.Rows, displayCells(l, section.Columns, vals, shown))
		}
		p.Total++
	}
	if rc.Level == report.LevelAggregate {
		p.Total-- // the last line is the total, not a unit
	}
	p.Pages = max(1, (p.Total+reportPageSize-1)/reportPageSize)
	if p.Page > 1 {
		p.PrevQuery = pageQuery(p.Query, p.Page-1)
	}
	if p.Page < p.Pages {
		p.NextQuery = pageQuery(p.Query, p.Page+1)
	}
	if err := a.logReport(c, store.ReportView, "html", counter.N(), "", rc.Source.Describe(rc.Filter)); err != nil {
		return err
	}
	return a.render(c, fiber.StatusOK, "reports", p, translatedErrors(l, rc.Errors))
}

// integrityFiles are the viewer's five latest CSV exports, for downloading their integrity files.
func (a *App) integrityFiles(c *fiber.Ctx) ([]integrityFile, error) {
	exports, err := a.db.ReportFilesWithIntegrity(c.UserContext(), currentUser(c).ID, 5)
	if err != nil {
		return nil, err
	}
	var out []integrityFile
	for _, e := range exports {
		if sc, err := report.ParseSidecar([]byte(e.Integrity)); err == nil {
			out = append(out, integrityFile{ID: e.ID, Name: sc.File + report.SidecarSuffix, When: e.CreatedAt})
		}
	}
	return out, nil
}

func pageQuery(q template.URL, page int) template.URL {
	if q != "" {
		q += "&"
	}
	return q + template.URL("page="+strconv.Itoa(page))
}

// fillReportChoices lists what the filter form offers: the viewer's units, courses, assignments
// and competence areas.
func (a *App) fillReportChoices(c *fiber.Ctx, rc *reportCtx, p *reportPage) error {
	var err error
	if p.Units, err = rc.Source.VisibleUnits(c.UserContext(), rc.Scope); err != nil {
		return err
	}
	if p.Assignments, err = a.db.Assignments(c.UserContext()); err != nil {
		return err
	}
	seenArea := map[string]bool{}
	if a.lib != nil {
		for _, course := range a.lib.Catalog().Courses() {
			v := course.Latest()
			if v == nil {
				continue
			}
			p.Courses = append(p.Courses, courseOption{ID: course.ID, Title: v.Manifest.Title})
			for _, area := range v.Manifest.Competences {
				if !seenArea[area] {
					seenArea[area] = true
					p.Areas = append(p.Areas, areaOption{Code: area, Name: reporting.AreaName(area, lang(c))})
				}
			}
		}
		if err := a.addMeasureOptions(c, &p.Courses); err != nil { // policies, sessions, evidence (admin_assignment_measures.go)
			return err
		}
	}
	return nil
}

// displayCells formats the shown cells of a row for the page: translated statuses, dates in the
// page language.
func displayCells(l string, cols []report.Column, vals []report.Value, shown []int) []string {
	out := make([]string, len(shown))
	for j, i := range shown {
		v := vals[i]
		switch {
		case v.Text == "":
			out[j] = "–"
		case cols[i].Kind == report.KindStatus:
			out[j] = i18n.T(l, "status."+v.Text)
		case cols[i].Kind == report.KindDate:
			out[j] = i18n.FormatDate(l, v.Time)
		case cols[i].Kind == report.KindBool:
			out[j] = i18n.T(l, "report.bool."+v.Text)
		default:
			out[j] = v.Text
		}
	}
	return out
}
