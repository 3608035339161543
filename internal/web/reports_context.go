package web

import (
	"net/url"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/assign"
	"github.com/ailit/ailit/internal/report"
	"github.com/ailit/ailit/internal/reporting"
	"github.com/ailit/ailit/internal/store"
)

// reportCtx is what every report page needs: the viewer's scope, the settings, the row source and
// the filter from the query string.
type reportCtx struct {
	Scope    store.Scope
	Settings store.ReportSettings
	Level    report.Level
	Source   *reporting.Source
	Filter   reporting.Filter
	Form     reportForm
	Errors   map[string]string
}

// reportForm is the filter form as typed, to show it again.
type reportForm struct {
	Unit, Course, Assignment, Status, From, To, Area string
	Sub                                              bool
	Cols                                             []string // the table's columns (keys); none: the defaults
}

// Query is the filter as a query string (for links to exports and pages).
func (f reportForm) Query() string {
	v := url.Values{}
	for k, s := range map[string]string{"unit": f.Unit, "course": f.Course, "assignment": f.Assignment,
		"status": f.Status, "from": f.From, "to": f.To, "area": f.Area} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if f.Sub {
		v.Set("sub", "1")
	}
	for _, col := range f.Cols {
		v.Add("col", col)
	}
	return v.Encode()
}

// reportSettings are the admin's settings, with AILIT_PRIVACY_LEVEL as the default level.
func (a *App) reportSettings(c *fiber.Ctx) (store.ReportSettings, error) {
	return a.db.ReportSettings(c.UserContext(), a.cfg.PrivacyLevel)
}

// newReportCtx reads the filter; invalid values become field errors and are ignored.
func (a *App) newReportCtx(c *fiber.Ctx) (*reportCtx, error) {
	ctx := c.UserContext()
	rs, err := a.reportSettings(c)
	if err != nil {
		return nil, err
	}
	level, err := report.ParseLevel(rs.Level)
	if err != nil {
		level = report.LevelStatus
	}
	src, err := reporting.New(ctx, a.db, a.lib, a.db.Now())
	if err != nil {
		return nil, err
	}
	rc := &reportCtx{Scope: store.ScopeOf(currentUser(c)), Settings: rs, Level: level, Source: src, Errors: map[string]string{}}
	fm := reportForm{Unit: c.Query("unit"), Course: c.Query("course"), Assignment: c.Query("assignment"),
		Status: c.Query("status"), From: c.Query("from"), To: c.Query("to"), Area: c.Query("area"), Sub: c.Query("sub") == "1",
		Cols: queryValues(c, "col")}
	f := reporting.Filter{CourseID: fm.Course, Area: fm.Area, WithSub: fm.Sub}
	if fm.Unit != "" {
		if f.UnitID, err = strconv.ParseInt(fm.Unit, 10, 64); err != nil {
			rc.Errors["unit"] = "report.error.unit"
		}
	}
	if fm.Assignment != "" {
		if f.AssignmentID, err = strconv.ParseInt(fm.Assignment, 10, 64); err != nil {
			rc.Errors["assignment"] = "report.error.assignment"
		}
	}
	if fm.Status != "" {
		for _, s := range assign.AllStates {
			if string(s) == fm.Status {
				f.Status = fm.Status
			}
		}
		if f.Status == "" {
			rc.Errors["status"] = "report.error.status"
		}
	}
	for _, d := range []struct {
		name, val string
		dst       *time.Time
	}{{"from", fm.From, &f.From}, {"to", fm.To, &f.To}} {
		if d.val == "" {
			continue
		}
		t, err := time.Parse(time.DateOnly, d.val)
		if err != nil {
			rc.Errors[d.name] = "report.error.date"
			continue
		}
		*d.dst = t
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		rc.Errors["to"] = "report.error.period"
		f.To = time.Time{}
	}
	rc.Filter, rc.Form = f, fm
	return rc, nil
}

// queryValues are all values of a repeated query parameter (col=name&col=status).
func queryValues(c *fiber.Ctx, name string) []string {
	var out []string
	for _, v := range c.Context().QueryArgs().PeekMulti(name) {
		out = append(out, string(v))
	}
	return out
}

// translatedErrors turns error keys into messages in the page language.
func translatedErrors(lang string, errs map[string]string) map[string]string {
	if len(errs) == 0 {
		return nil
	}
	out := map[string]string{}
	for k, v := range errs {
		out[k] = tr(lang)(v)
	}
	return out
}

// logReport records a report access by the current user.
func (a *App) logReport(c *fiber.Ctx, kind, format string, rows int64, hash string, filters map[string]string) error {
	u := currentUser(c)
	return a.db.LogReport(c.UserContext(), &store.ReportExport{UserID: &u.ID, Actor: u.Email, Kind: kind,
		Format: format, RowCount: rows, Hash: hash}, filters)
}
