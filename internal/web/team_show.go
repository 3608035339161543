package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/assign"
	"github.com/ailit/ailit/internal/compliance"
	"github.com/ailit/ailit/internal/config"
	"github.com/ailit/ailit/internal/org"
	"github.com/ailit/ailit/internal/store"
)

// minGroupSize hides groups smaller than this under the aggregate privacy level.
const minGroupSize = 5

type teamUnitOption struct {
	ID    int64
	Label string
}

type teamPage struct {
	Level        string
	Units        []teamUnitOption
	Assignments  []store.Assignment
	States       []assign.State
	UnitID       int64
	WithSub      bool
	AssignmentID int64
	State        string
	Rows         []compliance.Evaluated
	Counts       map[assign.State]int
	Total        int
	Hidden       bool // aggregate level and fewer than minGroupSize people
}

// teamShow is "Mein Team": the people of the viewer's units with their status per assignment, as
// much as the privacy level allows. Admins see everybody.
func (a *App) teamShow(c *fiber.Ctx) error {
	ctx := c.UserContext()
	u := currentUser(c)
	sc := store.ScopeOf(u)
	tree, units, err := a.db.OrgTree(ctx)
	if err != nil {
		return err
	}
	visible := map[int64]bool{}
	if !sc.All {
		ids, err := a.db.VisibleUnitIDs(ctx, u.ID)
		if err != nil {
			return err
		}
		for _, id := range ids {
			visible[id] = true
		}
	}
	rs, err := a.reportSettings(c) // the level an admin set in /admin/settings, as in the reports
	if err != nil {
		return err
	}
	p := teamPage{Level: rs.Level, States: assign.AllStates, State: c.Query("status"), WithSub: c.Query("sub") == "1"}
	for _, ou := range units {
		if sc.All || visible[ou.ID] {
			p.Units = append(p.Units, teamUnitOption{ID: ou.ID, Label: org.JoinPath(tree.NamePath(ou.ID))})
		}
	}
	p.UnitID, _ = strconv.ParseInt(c.Query("unit"), 10, 64)
	if p.UnitID != 0 && !sc.All && !visible[p.UnitID] {
		p.UnitID = 0 // a unit outside the scope is ignored, never shown
	}
	p.AssignmentID, _ = strconv.ParseInt(c.Query("assignment"), 10, 64)
	if p.Assignments, err = a.db.Assignments(ctx); err != nil {
		return err
	}
	recs, err := a.db.MemberRecords(ctx, sc, store.RecordFilter{AssignmentID: p.AssignmentID, UnitID: p.UnitID, WithSubUnits: p.WithSub})
	if err != nil {
		return err
	}
	all, err := compliance.Evaluate(ctx, a.db, a.lib, recs, a.db.Now())
	if err != nil {
		return err
	}
	p.Counts, p.Total = compliance.Counts(all), len(all)
	for _, e := range all {
		if p.State == "" || string(e.State) == p.State {
			p.Rows = append(p.Rows, e)
		}
	}
	if p.Level == config.PrivacyAggregate {
		p.Rows = nil
		p.Hidden = p.Total < minGroupSize
		if p.Hidden {
			p.Counts = nil
		}
	}
	if err := a.logTeamView(c, u, p); err != nil {
		return err
	}
	return a.render(c, fiber.StatusOK, "team", p, nil)
}

// logTeamView records who looked at whose status with which filters, in the report access log
// (the staff council may ask for it). What was shown is described by the filters and row count.
func (a *App) logTeamView(c *fiber.Ctx, u *store.User, p teamPage) error {
	filters := map[string]string{"page": "team", "privacy_level": p.Level}
	for k, v := range map[string]int64{"unit": p.UnitID, "assignment": p.AssignmentID} {
		if v != 0 {
			filters[k] = strconv.FormatInt(v, 10)
		}
	}
	if p.WithSub {
		filters["sub"] = "1"
	}
	if p.State != "" {
		filters["status"] = p.State
	}
	return a.db.LogReport(c.UserContext(), &store.ReportExport{UserID: &u.ID, Actor: u.Email, Kind: store.ReportView,
		Format: "html", RowCount: int64(len(p.Rows))}, filters)
}
