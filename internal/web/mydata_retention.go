package web

import (
	"time"

	"github.com/ailit/ailit/internal/retention"
	"github.com/ailit/ailit/internal/store"
)

// myRetention is one category of "My data" with its deletion period and, where the person has
// data of it, when the oldest of it will be deleted.
type myRetention struct {
	Category     retention.Category `json:"category"`
	Period       int                `json:"period"`
	Unit         retention.Unit     `json:"unit"`
	NextDeletion *time.Time         `json:"next_deletion"` // nil: nothing of this category stored about the person
}

// myLegalHold is a legal hold on the person: while it is not released, nothing of theirs is deleted.
type myLegalHold struct {
	Reason     string     `json:"reason"`
	CreatedAt  time.Time  `json:"created_at"`
	ReleasedAt *time.Time `json:"released_at"`
}

// retentionOf says, per category, when the person's oldest data of it is deleted under policy p.
func retentionOf(p retention.Policy, d *store.PersonalData) []myRetention {
	starts := retentionStarts(d)
	out := make([]myRetention, 0, len(retention.Definitions))
	for _, def := range retention.Definitions {
		r := myRetention{Category: def.Category, Period: p.Period(def.Category), Unit: def.Unit}
		if s, ok := starts[def.Category]; ok {
			at := p.DeletionDate(def.Category, s)
			r.NextDeletion = &at
		}
		out = append(out, r)
	}
	return out
}

// retentionStarts is, per category, the oldest moment from which a period runs for this person's
// data: the same starts as the store's deletion conditions (store/retention.go).
func retentionStarts(d *store.PersonalData) map[retention.Category]time.Time {
	starts := map[retention.Category]time.Time{}
	earliest := func(c retention.Category, t time.Time) {
		if s, ok := starts[c]; !ok || t.Before(s) {
			starts[c] = t
		}
	}
	for _, s := range d.Sessions {
		earliest(retention.Sessions, s.ExpiresAt)
	}
	for _, a := range d.QuizAttempts {
		if a.SubmittedAt == nil {
			continue
		}
		earliest(retention.AttemptResults, *a.SubmittedAt)
		if len(a.Answers) > 0 {
			earliest(retention.QuizAnswers, *a.SubmittedAt)
		}
	}
	for _, e := range d.Enrollments {
		if len(d.Progress[e.ID]) > 0 {
			earliest(retention.LessonProgress, e.LastActivityAt)
		}
	}
	for i, c := range d.Completions {
		if c.RevokedAt != nil {
			earliest(retention.Completions, *c.RevokedAt)
			continue
		}
		for j, n := range d.Completions { // superseded: the period runs from the newer completion
			if j != i && n.CourseID == c.CourseID && n.RevokedAt == nil && n.CompletedAt.After(c.CompletedAt) {
				earliest(retention.Completions, n.CompletedAt)
			}
		}
	}
	for _, p := range d.PackageAttempts {
		earliest(retention.Packages, p.UpdatedAt)
	}
	for _, r := range d.ReportAccess {
		earliest(retention.ExportLog, r.CreatedAt)
	}
	for _, m := range d.Emails {
		if m.SentAt != nil {
			earliest(retention.Outbox, *m.SentAt)
		} else {
			earliest(retention.Outbox, m.CreatedAt)
		}
	}
	return starts
}
