package api

import (
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/compliance"
	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/report"
	"github.com/ailit/ailit/internal/store"
)

type assignmentStatusResponse struct {
	Person      personRef          `json:"person"`
	AsOf        time.Time          `json:"as_of"`
	Assignments []assignmentStatus `json:"assignments"`
}

type personRef struct {
	PersonnelNumber string `json:"personnel_number,omitempty"`
	Email           string `json:"email"`
	Name            string `json:"name"`
	Active          bool   `json:"active"`
}

type assignmentStatus struct {
	AssignmentID int64      `json:"assignment_id"`
	Title        string     `json:"title"`
	CourseID     string     `json:"course_id"`
	State        string     `json:"state"`
	Due          *time.Time `json:"due"`
	ValidUntil   *time.Time `json:"valid_until"`
	CompletedAt  *time.Time `json:"completed_at"`
	Version      string     `json:"completed_version,omitempty"`
	RecordID     string     `json:"record_id,omitempty"`
}

// assignmentStatus answers where one person stands on each of their assignments, computed by the
// one status function. The person is named by personnel_number or email (query parameters, so
// they never appear in the logged path). At the aggregate privacy level the API, like the
// reports, shows nobody's individual status.
func (a *API) assignmentStatus(c *fiber.Ctx, _ *store.APIToken) error {
	ctx := c.UserContext()
	number, email := strings.TrimSpace(c.Query("personnel_number")), strings.TrimSpace(c.Query("email"))
	if (number == "") == (email == "") {
		return invalid("Name the person by personnel_number or by email (one of the two).",
			FieldError{Pointer: "personnel_number", Detail: "give personnel_number or email"})
	}
	rs, err := a.db.ReportSettings(ctx, a.cfg.PrivacyLevel)
	if err != nil {
		return err
	}
	if rs.Level == string(report.LevelAggregate) {
		return forbidden("privacy-level", "The privacy level is set to aggregate figures only: individual statuses are not given out.")
	}
	var u *store.User
	if number != "" {
		u, err = a.db.UserByPersonnelNumber(ctx, number)
	} else {
		u, err = a.db.UserByEmail(ctx, email)
	}
	if domain.ErrorCode(err) == domain.ENOTFOUND || (err == nil && u.DeletedAt != nil) {
		return problem(fiber.StatusNotFound, "person-not-found", "Person not found", "Nobody with this personnel number or email is known.")
	} else if err != nil {
		return err
	}
	recs, err := a.db.AssignmentsOfUser(ctx, u.ID)
	if err != nil {
		return err
	}
	now := a.db.Now()
	es, err := compliance.Evaluate(ctx, a.db, a.lib, recs, now)
	if err != nil {
		return err
	}
	out := assignmentStatusResponse{AsOf: now, Assignments: []assignmentStatus{},
		Person: personRef{Email: u.Email, Name: u.DisplayName, Active: u.Active}}
	if u.PersonnelNumber != nil {
		out.Person.PersonnelNumber = *u.PersonnelNumber
	}
	for _, e := range es {
		s := assignmentStatus{AssignmentID: e.Assignment.ID, Title: e.Assignment.Title, CourseID: e.Assignment.CourseID,
			State: string(e.State), ValidUntil: e.ValidUntil}
		if !e.Due.IsZero() {
			due := e.Due
			s.Due = &due
		}
		if e.Completed != nil {
			at := e.Completed.CompletedAt
			s.CompletedAt, s.Version, s.RecordID = &at, e.Completed.Version, e.Completed.RecordID
		}
		out.Assignments = append(out.Assignments, s)
	}
	return sendJSON(c, out)
}
