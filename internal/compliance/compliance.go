// Package compliance joins the stored assignment records with the course catalog and the pure
// status rules: where each person stands on each assignment at a given time. The team page, the
// dashboard and the reminders all read statuses through it.
package compliance

import (
	"context"
	"time"

	"github.com/ailit/ailit/internal/assign"
	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/store"
)

// Evaluated is one member record with its status.
type Evaluated struct {
	store.MemberRecord
	State      assign.State
	Due        time.Time
	ValidUntil *time.Time
	Completed  *store.Completion // the latest completion that is not revoked, if any
}

// Evaluate computes the status of every record at now. Releases (for recertification after a
// major release) come from the library and the dates the store first saw each version.
func Evaluate(ctx context.Context, db *store.Store, lib *content.Library, recs []store.MemberRecord, now time.Time) ([]Evaluated, error) {
	releases := map[string][]assign.Release{}
	out := make([]Evaluated, 0, len(recs))
	for _, r := range recs {
		course := r.Assignment.CourseID
		rel, ok := releases[course]
		if !ok && lib != nil {
			seen, err := db.VersionsFirstSeen(ctx, course)
			if err != nil {
				return nil, err
			}
			rel = assign.MeasureReleases(lib.Catalog(), course, seen)
			releases[course] = rel
		}
		rule, member, records := r.Inputs(rel)
		st, due, valid := assign.Status(rule, member, records, now)
		e := Evaluated{MemberRecord: r, State: st, Due: due, ValidUntil: valid}
		for i := range r.Completions {
			c := &r.Completions[i]
			if c.RevokedAt == nil && (e.Completed == nil || c.CompletedAt.After(e.Completed.CompletedAt)) {
				e.Completed = c
			}
		}
		out = append(out, e)
	}
	return out, nil
}

// Counts tallies records by state.
func Counts(es []Evaluated) map[assign.State]int {
	out := map[assign.State]int{}
	for _, e := range es {
		out[e.State]++
	}
	return out
}

// Pin names the version new members are enrolled in (assign.Pin), here so callers need one import.
var Pin = assign.Pin
