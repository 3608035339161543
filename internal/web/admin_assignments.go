package web

import (
	"context"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/assign"
	"github.com/ailit/ailit/internal/compliance"
	"github.com/ailit/ailit/internal/org"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/form"
)

type adminAssignmentsPage struct {
	Assignments  []store.Assignment
	Courses      []courseOption    // the course dropdown: titles, not ids
	CourseTitles map[string]string // course id → title, for the lists
	Units        []orgOption
	AllRoles     []string
	Form         form.Assignment
	Kinds        []string
}

// adminAssignmentsShow lists the assignments and the form for a new one (plain HTML, no JS).
func (a *App) adminAssignmentsShow(c *fiber.Ctx) error {
	return a.renderAssignments(c, fiber.StatusOK, form.Assignment{DueKind: assign.DueFixed, WithSub: true}, nil)
}

func (a *App) renderAssignments(c *fiber.Ctx, status int, f form.Assignment, errs map[string]string) error {
	as, err := a.db.Assignments(c.UserContext())
	if err != nil {
		return err
	}
	p := adminAssignmentsPage{Assignments: as, Form: f}
	if err := a.fillAssignmentChoices(c.UserContext(), lang(c), &p); err != nil {
		return err
	}
	return a.render(c, status, "admin_assignments", p, errs)
}

// fillAssignmentChoices loads what the form offers: courses, units, roles, due kinds.
func (a *App) fillAssignmentChoices(ctx context.Context, lang string, p *adminAssignmentsPage) error {
	tree, units, err := a.db.OrgTree(ctx)
	if err != nil {
		return err
	}
	p.Kinds, p.AllRoles = []string{assign.DueFixed, assign.DueAfterAssignment, assign.DueAfterJoining}, store.AllRoles
	for _, u := range units {
		p.Units = append(p.Units, orgOption{ID: u.ID, Label: org.JoinPath(tree.NamePath(u.ID))})
	}
	p.CourseTitles = map[string]string{}
	for _, course := range a.lib.Catalog().Courses() {
		title := a.courseTitle(course.ID, "")
		p.Courses = append(p.Courses, courseOption{ID: course.ID, Title: title})
		p.CourseTitles[course.ID] = title
	}
	more, err := a.measureKeys(ctx) // policies, session series, external evidence (admin_assignment_measures.go)
	if err != nil {
		return err
	}
	titles := a.measureTitles(ctx, lang)
	for _, key := range more {
		title := titles.Of(key)
		p.Courses = append(p.Courses, courseOption{ID: key, Title: title})
		p.CourseTitles[key] = title
	}
	return nil
}

// checkAssignment validates the form into an assignment; errs maps field names to messages.
// keepDate is the stored due date when editing: an unchanged date may lie in the past by now.
func (a *App) checkAssignment(ctx context.Context, f form.Assignment, t func(string, ...any) string, keepDate *time.Time) (*store.Assignment, map[string]string) {
	rule, ferrs := f.Validate(a.db.Now(), keepDate)
	errs := map[string]string{}
	for field, msg := range ferrs.Translate(t) {
		errs[field] = msg
	}
	as := &store.Assignment{CourseID: f.CourseID, Title: f.Title, DueKind: f.DueKind, DueDate: rule.DueDate,
		DueDays: rule.DueDays, ValidityMonths: rule.ValidityMonths, WindowDays: rule.Window}
	if ok, err := a.measureExists(ctx, f.CourseID); !ok || err != nil {
		errs["course_id"] = t("assign.err.course")
	}
	targets := a.audienceTargets(ctx, f, t, errs)
	if len(targets) == 0 && errs["unit_id"] == "" && errs["emails"] == "" && errs["role"] == "" {
		errs["unit_id"] = t("assign.err.audience")
	}
	as.Targets = targets
	return as, errs
}

// audienceTargets turns the ticked units and roles and the typed email addresses into targets.
// Unknown units, roles and addresses are reported in errs.
func (a *App) audienceTargets(ctx context.Context, f form.Assignment, t func(string, ...any) string, errs map[string]string) []store.AssignmentTarget {
	var out []store.AssignmentTarget
	kind := store.TargetUnit
	if f.WithSub {
		kind = store.TargetUnitTree
	}
	for _, id := range f.UnitIDs {
		if _, err := a.db.OrgUnitByID(ctx, id); err != nil {
			errs["unit_id"] = t("assign.err.unit")
			continue
		}
		out = append(out, store.AssignmentTarget{Kind: kind, OrgUnitID: &id})
	}
	for _, r := range f.Roles {
		if !store.ValidRole(r) {
			errs["role"] = t("form.roles.invalid")
			continue
		}
		out = append(out, store.AssignmentTarget{Kind: store.TargetRole, Role: r})
	}
	var unknown []string
	for _, line := range f.EmailList() {
		u, err := a.db.UserByEmail(ctx, line)
		if err != nil {
			unknown = append(unknown, line)
			continue
		}
		out = append(out, store.AssignmentTarget{Kind: store.TargetUser, UserID: &u.ID})
	}
	if len(unknown) > 0 {
		errs["emails"] = t("assign.err.emails", strings.Join(unknown, ", "))
	}
	return out
}

// adminAssignmentCreate stores a new assignment and assigns its audience at once.
func (a *App) adminAssignmentCreate(c *fiber.Ctx) error {
	t := tr(lang(c))
	f := form.NewAssignment(formValues(c))
	as, errs := a.checkAssignment(c.UserContext(), f, t, nil)
	if len(errs) > 0 {
		return a.renderAssignments(c, fiber.StatusUnprocessableEntity, f, errs)
	}
	as.CreatedBy = currentUser(c).ID
	if err := a.db.SaveAssignment(c.UserContext(), as); err != nil {
		return err
	}
	joined, err := a.db.SyncAssignment(c.UserContext(), as, compliance.Pin(a.lib))
	if err != nil {
		return err
	}
	webSession(c).flash(t("assign.created", len(joined), as.Title))
	return c.Redirect("/admin/assignments", fiber.StatusSeeOther)
}
