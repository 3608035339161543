package web

import (
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/compliance"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/form"
)

// adminAssignmentPage is one assignment: its form, its members with status, and exemptions.
type adminAssignmentPage struct {
	adminAssignmentsPage
	Assignment *store.Assignment
	MeasureURL string // where people take the measure: a course, a policy, the sessions
	Members    []compliance.Evaluated
	Exemptions exemptionsView
}

// adminAssignmentEdit shows an assignment for editing, with its members and exemptions.
func (a *App) adminAssignmentEdit(c *fiber.Ctx) error {
	as, err := a.assignmentParam(c)
	if err != nil {
		return err
	}
	f, err := a.formOfAssignment(c, as)
	if err != nil {
		return err
	}
	return a.renderAssignment(c, fiber.StatusOK, as, f, exemptionsView{}, nil)
}

// adminAssignmentUpdate saves the due rule, validity and audience, then syncs the members at once:
// people now in the audience are assigned and enrolled, people no longer in it leave.
func (a *App) adminAssignmentUpdate(c *fiber.Ctx) error {
	old, err := a.assignmentParam(c)
	if err != nil {
		return err
	}
	t := tr(lang(c))
	f := form.NewAssignment(formValues(c))
	f.CourseID = old.CourseID // the course of an assignment does not change: records refer to it
	as, errs := a.checkAssignment(c.UserContext(), f, t, old.DueDate)
	if len(errs) > 0 {
		return a.renderAssignment(c, fiber.StatusUnprocessableEntity, old, f, exemptionsView{}, errs)
	}
	as.ID, as.CreatedBy, as.CreatedAt = old.ID, old.CreatedBy, old.CreatedAt
	if err := a.db.SaveAssignment(c.UserContext(), as); err != nil {
		return err
	}
	joined, err := a.db.SyncAssignment(c.UserContext(), as, compliance.Pin(a.lib))
	if err != nil {
		return err
	}
	a.log.Info("assignment updated", "by", currentUser(c).ID, "assignment_id", as.ID, "joined", len(joined))
	webSession(c).flash(t("assign.saved", len(joined), as.Title))
	return c.Redirect(assignmentPath(as.ID), fiber.StatusSeeOther)
}

// adminAssignmentExemption exempts a member of this assignment or ends an exemption.
func (a *App) adminAssignmentExemption(c *fiber.Ctx) error {
	as, err := a.assignmentParam(c)
	if err != nil {
		return err
	}
	errs, msg, err := a.changeExemption(c, store.Scope{All: true}, as.ID)
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		f, err := a.formOfAssignment(c, as)
		if err != nil {
			return err
		}
		ev := exemptionsView{Member: c.FormValue("member"), Reason: c.FormValue("reason")}
		return a.renderAssignment(c, fiber.StatusUnprocessableEntity, as, f, ev, errs)
	}
	webSession(c).flash(msg)
	return c.Redirect(assignmentPath(as.ID)+"#exemptions", fiber.StatusSeeOther)
}

func assignmentPath(id int64) string { return "/admin/assignments/" + strconv.FormatInt(id, 10) }

func (a *App) assignmentParam(c *fiber.Ctx) (*store.Assignment, error) {
	id, _ := strconv.ParseInt(c.Params("id"), 10, 64)
	return a.db.AssignmentByID(c.UserContext(), id)
}

// formOfAssignment fills the form with what is stored.
func (a *App) formOfAssignment(c *fiber.Ctx, as *store.Assignment) (form.Assignment, error) {
	f := form.Assignment{CourseID: as.CourseID, Title: as.Title, DueKind: as.DueKind}
	if as.DueDate != nil {
		f.DueDate = as.DueDate.In(i18n.Berlin).Format(time.DateOnly)
	} else {
		f.DueDays = strconv.Itoa(as.DueDays)
	}
	if as.ValidityMonths > 0 {
		f.ValidityMonths = strconv.Itoa(as.ValidityMonths)
	}
	if as.WindowDays > 0 {
		f.Window = strconv.Itoa(as.WindowDays)
	}
	for _, tg := range as.Targets {
		switch tg.Kind {
		case store.TargetUnit, store.TargetUnitTree:
			f.UnitIDs = append(f.UnitIDs, *tg.OrgUnitID)
			f.WithSub = f.WithSub || tg.Kind == store.TargetUnitTree
		case store.TargetRole:
			f.Roles = append(f.Roles, tg.Role)
		case store.TargetUser:
			u, err := a.db.UserByID(c.UserContext(), *tg.UserID)
			if err != nil {
				return f, err
			}
			if f.Emails != "" {
				f.Emails += "\n"
			}
			f.Emails += u.Email
		}
	}
	return f, nil
}

func (a *App) renderAssignment(c *fiber.Ctx, status int, as *store.Assignment, f form.Assignment, ev exemptionsView, errs map[string]string) error {
	ctx := c.UserContext()
	p := adminAssignmentPage{adminAssignmentsPage: adminAssignmentsPage{Form: f}, Assignment: as, MeasureURL: measureURL(as.Measure())}
	if err := a.fillAssignmentChoices(ctx, lang(c), &p.adminAssignmentsPage); err != nil {
		return err
	}
	recs, err := a.db.MemberRecords(ctx, store.Scope{All: true}, store.RecordFilter{AssignmentID: as.ID})
	if err != nil {
		return err
	}
	if p.Members, err = compliance.Evaluate(ctx, a.db, a.lib, recs, a.db.Now()); err != nil {
		return err
	}
	p.Exemptions = exemptionsOf(p.Members, assignmentPath(as.ID)+"/exemptions", false)
	p.Exemptions.Member, p.Exemptions.Reason = ev.Member, ev.Reason
	return a.render(c, status, "admin_assignment", p, errs)
}
