package web

import (
	"context"
	"slices"
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

// assignmentForm is the create and edit form of an assignment, as typed.
type assignmentForm struct {
	CourseID, Title, DueKind, DueDate string
	DueDays, ValidityMonths, Window   string
	UnitIDs                           []int64
	WithSub                           bool
	Roles                             []string
	Emails                            string // individual people, one email address per line
}

// HasUnit and HasRole keep boxes ticked in the template.
func (f assignmentForm) HasUnit(id int64) bool { return slices.Contains(f.UnitIDs, id) }
func (f assignmentForm) HasRole(r string) bool { return slices.Contains(f.Roles, r) }

type adminAssignmentsPage struct {
	Assignments  []store.Assignment
	Courses      []courseOption    // the course dropdown: titles, not ids
	CourseTitles map[string]string // course id → title, for the lists
	Units        []orgOption
	AllRoles     []string
	Form         assignmentForm
	Kinds        []string
}

// adminAssignmentsShow lists the assignments and the form for a new one (plain HTML, no JS).
func (a *App) adminAssignmentsShow(c *fiber.Ctx) error {
	return a.renderAssignments(c, fiber.StatusOK, assignmentForm{DueKind: assign.DueFixed, WithSub: true}, nil)
}

func (a *App) renderAssignments(c *fiber.Ctx, status int, f assignmentForm, errs map[string]string) error {
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

// readAssignmentForm reads the form; unit_id and role may be given several times.
func readAssignmentForm(c *fiber.Ctx) assignmentForm {
	f := assignmentForm{CourseID: c.FormValue("course_id"), Title: strings.TrimSpace(c.FormValue("title")),
		DueKind: c.FormValue("due_kind"), DueDate: c.FormValue("due_date"), DueDays: strings.TrimSpace(c.FormValue("due_days")),
		ValidityMonths: strings.TrimSpace(c.FormValue("validity_months")), Window: strings.TrimSpace(c.FormValue("window_days")),
		WithSub: c.FormValue("with_sub") == "1", Emails: strings.TrimSpace(c.FormValue("emails"))}
	args := c.Request().PostArgs()
	for _, v := range args.PeekMulti("unit_id") {
		if id, err := strconv.ParseInt(string(v), 10, 64); err == nil && id > 0 && !f.HasUnit(id) {
			f.UnitIDs = append(f.UnitIDs, id)
		}
	}
	for _, v := range args.PeekMulti("role") {
		f.Roles = append(f.Roles, string(v))
	}
	return f
}

// checkAssignment validates the form into an assignment; errs maps field names to messages.
// keepDate is the stored due date when editing: an unchanged date may lie in the past by now.
func (a *App) checkAssignment(ctx context.Context, f assignmentForm, t func(string, ...any) string, keepDate *time.Time) (*store.Assignment, map[string]string) {
	errs := map[string]string{}
	as := &store.Assignment{CourseID: f.CourseID, Title: f.Title, DueKind: f.DueKind}
	if ok, err := a.measureExists(ctx, f.CourseID); !ok || err != nil {
		errs["course_id"] = t("assign.err.course")
	}
	if f.Title == "" || len(f.Title) > 200 {
		errs["title"] = t("assign.err.title")
	}
	switch f.DueKind {
	case assign.DueFixed:
		d, err := time.ParseInLocation(time.DateOnly, f.DueDate, i18n.Berlin)
		unchanged := err == nil && keepDate != nil && d.Equal(*keepDate)
		switch {
		case err != nil:
			errs["due_date"] = t("assign.err.date")
		case !d.After(a.db.Now()) && !unchanged:
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
	if as.WindowDays > 0 && as.ValidityMonths == 0 && errs["window_days"] == "" {
		errs["window_days"] = t("assign.err.window")
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
func (a *App) audienceTargets(ctx context.Context, f assignmentForm, t func(string, ...any) string, errs map[string]string) []store.AssignmentTarget {
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
	for _, line := range strings.FieldsFunc(f.Emails, func(r rune) bool { return r == '\n' || r == ',' || r == ';' || r == ' ' || r == '\r' }) {
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
	f := readAssignmentForm(c)
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
