package web

import (
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/assign"
	"github.com/ailit/ailit/internal/compliance"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/org"
	"github.com/ailit/ailit/internal/store"
)

type assignmentForm struct {
	CourseID, Title, DueKind, DueDate string
	DueDays, ValidityMonths, Window   string
	UnitID                            int64
	WithSub                           bool
}

type adminAssignmentsPage struct {
	Assignments []store.Assignment
	CourseIDs   []string
	Units       []orgOption
	Form        assignmentForm
	Kinds       []string
}

// adminAssignmentsShow lists the assignments and the form for a new one (plain HTML, no JS).
func (a *App) adminAssignmentsShow(c *fiber.Ctx) error {
	return a.renderAssignments(c, fiber.StatusOK, assignmentForm{DueKind: assign.DueFixed, WithSub: true}, nil)
}

func (a *App) renderAssignments(c *fiber.Ctx, status int, f assignmentForm, errs map[string]string) error {
	ctx := c.UserContext()
	as, err := a.db.Assignments(ctx)
	if err != nil {
		return err
	}
	tree, units, err := a.db.OrgTree(ctx)
	if err != nil {
		return err
	}
	p := adminAssignmentsPage{Assignments: as, Form: f, Kinds: []string{assign.DueFixed, assign.DueAfterAssignment, assign.DueAfterJoining}}
	for _, u := range units {
		p.Units = append(p.Units, orgOption{ID: u.ID, Label: org.JoinPath(tree.NamePath(u.ID))})
	}
	for _, course := range a.lib.Catalog().Courses() {
		p.CourseIDs = append(p.CourseIDs, course.ID)
	}
	return a.render(c, status, "admin_assignments", p, errs)
}

// adminAssignmentCreate stores a new assignment for a unit and assigns its people at once.
func (a *App) adminAssignmentCreate(c *fiber.Ctx) error {
	t := tr(lang(c))
	f := assignmentForm{CourseID: c.FormValue("course_id"), Title: strings.TrimSpace(c.FormValue("title")),
		DueKind: c.FormValue("due_kind"), DueDate: c.FormValue("due_date"), DueDays: c.FormValue("due_days"),
		ValidityMonths: c.FormValue("validity_months"), Window: c.FormValue("window_days"), WithSub: c.FormValue("with_sub") == "1"}
	f.UnitID, _ = strconv.ParseInt(c.FormValue("unit_id"), 10, 64)
	errs := map[string]string{}
	now := a.db.Now()
	as := &store.Assignment{CourseID: f.CourseID, Title: f.Title, DueKind: f.DueKind, CreatedBy: currentUser(c).ID}
	if a.lib.Catalog().Course(f.CourseID) == nil {
		errs["course_id"] = t("assign.err.course")
	}
	if f.Title == "" || len(f.Title) > 200 {
		errs["title"] = t("assign.err.title")
	}
	switch f.DueKind {
	case assign.DueFixed:
		d, err := time.ParseInLocation(time.DateOnly, f.DueDate, i18n.Berlin)
		switch {
		case err != nil:
			errs["due_date"] = t("assign.err.date")
		case !d.After(now):
			errs["due_date"] = t("assign.err.past")
		default:
			d = d.UTC()
			as.DueDate = &d
		}
	case assign.DueAfterAssignment, assign.DueAfterJoining:
		n, err := strconv.Atoi(f.DueDays)
		if err != nil || n < 1 || n > 3650 {
			errs["due_days"] = t("assign.err.days")
		}
		as.DueDays = n
	default:
		errs["due_kind"] = t("assign.err.kind")
	}
	for _, num := range []struct {
		field, value string
		dst          *int
		max          int
	}{{"validity_months", f.ValidityMonths, &as.ValidityMonths, 120}, {"window_days", f.Window, &as.WindowDays, 365}} {
		if num.value == "" {
			continue
		}
		n, err := strconv.Atoi(num.value)
		if err != nil || n < 0 || n > num.max {
			errs[num.field] = t("assign.err.number")
		}
		*num.dst = n
	}
	if _, err := a.db.OrgUnitByID(c.UserContext(), f.UnitID); err != nil {
		errs["unit_id"] = t("assign.err.unit")
	}
	if len(errs) > 0 {
		return a.renderAssignments(c, fiber.StatusUnprocessableEntity, f, errs)
	}
	kind := store.TargetUnit
	if f.WithSub {
		kind = store.TargetUnitTree
	}
	as.Targets = []store.AssignmentTarget{{Kind: kind, OrgUnitID: &f.UnitID}}
	if err := a.db.SaveAssignment(c.UserContext(), as); err != nil {
		return err
	}
	joined, err := a.db.SyncAssignment(c.UserContext(), as, compliance.Pin(a.lib))
	if err != nil {
		return err
	}
	webSession(c).flash(t("assign.created", as.Title, len(joined)))
	return c.Redirect("/admin/assignments", fiber.StatusSeeOther)
}
