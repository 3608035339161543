package form

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ailit/ailit/internal/assign"
	"github.com/ailit/ailit/internal/i18n"
)

// Assignment is the create and edit form of an assignment, as typed.
type Assignment struct {
	CourseID, Title, DueKind, DueDate string
	DueDays, ValidityMonths, Window   string
	UnitIDs                           []int64
	WithSub                           bool
	Roles                             []string
	Emails                            string // individual people, one email address per line
}

// NewAssignment reads the form; unit_id and role may be given several times.
func NewAssignment(form url.Values) Assignment {
	f := Assignment{CourseID: form.Get("course_id"), Title: trimmed(form, "title"), DueKind: form.Get("due_kind"),
		DueDate: form.Get("due_date"), DueDays: trimmed(form, "due_days"), ValidityMonths: trimmed(form, "validity_months"),
		Window: trimmed(form, "window_days"), WithSub: form.Get("with_sub") == "1", Emails: trimmed(form, "emails")}
	for _, v := range form["unit_id"] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil && id > 0 && !f.HasUnit(id) {
			f.UnitIDs = append(f.UnitIDs, id)
		}
	}
	f.Roles = append(f.Roles, form["role"]...)
	return f
}

// HasUnit and HasRole keep boxes ticked in the template.
func (f Assignment) HasUnit(id int64) bool { return slices.Contains(f.UnitIDs, id) }
func (f Assignment) HasRole(r string) bool { return slices.Contains(f.Roles, r) }

// EmailList splits the typed addresses (one a line, or separated by commas, semicolons, spaces).
func (f Assignment) EmailList() []string {
	return strings.FieldsFunc(f.Emails, func(r rune) bool { return r == '\n' || r == ',' || r == ';' || r == ' ' || r == '\r' })
}

// AssignmentRule is the due rule and validity the form gives.
type AssignmentRule struct {
	DueDate                *time.Time // UTC; for a fixed due date
	DueDays                int        // for a due date after assignment or joining
	ValidityMonths, Window int
}

// Validate checks what the form alone can tell: the title, the due rule (a fixed date must lie
// after now, unless it is keepDate, the stored date of an assignment being edited, which may be in
// the past by now), the validity and the recertification window. Whether the course, units and
// people exist is for the caller to check.
func (f Assignment) Validate(now time.Time, keepDate *time.Time) (AssignmentRule, Errors) {
	errs := Errors{}
	var r AssignmentRule
	if f.Title == "" || len(f.Title) > 200 {
		errs["title"] = "assign.err.title"
	}
	switch f.DueKind {
	case assign.DueFixed:
		d, err := time.ParseInLocation(time.DateOnly, f.DueDate, i18n.Berlin)
		unchanged := err == nil && keepDate != nil && d.Equal(*keepDate)
		switch {
		case err != nil:
			errs["due_date"] = "assign.err.date"
		case !d.After(now) && !unchanged:
			errs["due_date"] = "assign.err.past"
		default:
			d = d.UTC()
			r.DueDate = &d
		}
	case assign.DueAfterAssignment, assign.DueAfterJoining:
		n, err := strconv.Atoi(f.DueDays)
		if err != nil || n < 1 || n > 3650 {
			errs["due_days"] = "assign.err.days"
		}
		r.DueDays = n
	default:
		errs["due_kind"] = "assign.err.kind"
	}
	for _, num := range []struct {
		field, value string
		dst          *int
		max          int
	}{{"validity_months", f.ValidityMonths, &r.ValidityMonths, 120}, {"window_days", f.Window, &r.Window, 365}} {
		if num.value == "" {
			continue
		}
		n, err := strconv.Atoi(num.value)
		if err != nil || n < 0 || n > num.max {
			errs[num.field] = "assign.err.number"
		}
		*num.dst = n
	}
	if r.Window > 0 && r.ValidityMonths == 0 && errs["window_days"] == "" {
		errs["window_days"] = "assign.err.window"
	}
	return r, errs
}
