package web

import (
	"strconv"

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
	Query       string
	Units       []reporting.UnitOption
	Courses     []courseOption
	Assignments []store.Assignment
	States      []assign.State
	Areas       []string
	Formats     []string
	Headers     []string
	Rows        [][]string
	Total       int
	Page, Pages int
	PrevQuery   string
	NextQuery   string
}

type courseOption struct{ ID, Title string }

// reportsShow is the report view: people × assignment with the columns the privacy level allows,
// or at the aggregate level the counts per unit with small groups hidden. Managers see their units.
func (a *App) reportsShow(c *fiber.Ctx) error {
	ctx := c.UserContext()
	l := lang(c)
	rc, err := a.newReportCtx(c)
	if err != nil {
		return err
	}
	p := reportPage{Level: string(rc.Level), K: rc.Settings.K, Form: rc.Form, Query: rc.Form.Query(),
		States: assign.AllStates, Formats: reporting.Formats}
	if err := a.fillReportChoices(c, rc, &p); err != nil {
		return err
	}
	p.Page, _ = strconv.Atoi(c.Query("page"))
	p.Page = max(p.Page, 1)
	var section report.Section
	counter := &reporting.Counter{}
	doc := rc.Source.PersonReport(ctx, rc.Scope, rc.Filter, rc.Settings, l, counter)
	section = doc.Sections[0] // persons, or at the aggregate level the units
	for _, col := range section.Columns {
		p.Headers = append(p.Headers, col.Label(l))
	}
	first := (p.Page - 1) * reportPageSize
	for vals, err := range section.Rows {
		if err != nil {
			return err
		}
		if p.Total >= first && p.Total < first+reportPageSize {
			p.Rows = append(p.Rows, displayCells(l, section.Columns, vals))
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

func pageQuery(q string, page int) string {
	if q != "" {
		q += "&"
	}
	return q + "page=" + strconv.Itoa(page)
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
					p.Areas = append(p.Areas, area)
				}
			}
		}
		if err := a.addMeasureOptions(c, &p.Courses); err != nil { // policies, sessions, evidence (admin_assignment_measures.go)
			return err
		}
	}
	return nil
}

// displayCells formats a row for the page: translated statuses, dates in the page language.
func displayCells(l string, cols []report.Column, vals []report.Value) []string {
	out := make([]string, len(vals))
	for i, v := range vals {
		switch {
		case v.Text == "":
			out[i] = "–"
		case cols[i].Kind == report.KindStatus:
			out[i] = i18n.T(l, "status."+v.Text)
		case cols[i].Kind == report.KindDate:
			out[i] = i18n.FormatDate(l, v.Time)
		case cols[i].Kind == report.KindBool:
			out[i] = i18n.T(l, "report.bool."+v.Text)
		default:
			out[i] = v.Text
		}
	}
	return out
}
