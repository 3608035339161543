package web

import (
	"context"
	"slices"
	"time"

	"github.com/ailit/ailit/internal/assign"
	"github.com/ailit/ailit/internal/compliance"
	"github.com/ailit/ailit/internal/measure"
)

// assignedCourse is one mandatory training on the learner's dashboard.
type assignedCourse struct {
	Title     string
	CourseURL string
	State     assign.State
	Due       time.Time
	Kind      measure.Kind // the kind of measure (course, policy, session, external)
}

// urgency orders the dashboard: what needs doing now first, what is done or exempted last.
var urgency = map[assign.State]int{assign.Overdue: 0, assign.Expired: 1, assign.DueSoon: 2,
	assign.InProgress: 3, assign.NotStarted: 4, assign.Completed: 5, assign.Exempted: 6}

// assignedCourses evaluates the learner's own assignments with the one status function.
func (a *App) assignedCourses(ctx context.Context, userID int64, lang string) ([]assignedCourse, error) {
	recs, err := a.db.AssignmentsOfUser(ctx, userID)
	if err != nil {
		return nil, err
	}
	es, err := compliance.Evaluate(ctx, a.db, a.lib, recs, a.db.Now())
	if err != nil {
		return nil, err
	}
	out := make([]assignedCourse, 0, len(es))
	cat := a.lib.Catalog()
	for _, e := range es {
		// The course in the learner's language: a translation counts for the assignment.
		m := e.Assignment.Measure()
		if m.Kind == measure.Course {
			if own := cat.InLanguage(m.ID, lang); own != nil {
				m.ID = own.ID
			}
		}
		out = append(out, assignedCourse{Title: e.Assignment.Title, CourseURL: measureURL(m), State: e.State, Due: e.Due, Kind: m.Kind})
	}
	slices.SortStableFunc(out, func(x, y assignedCourse) int {
		if d := urgency[x.State] - urgency[y.State]; d != 0 {
			return d
		}
		return x.Due.Compare(y.Due)
	})
	return out, nil
}
