package learning

import (
	"context"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/progress"
	"github.com/ailit/ailit/internal/store"
)

// MovePatchReleases moves every learner in progress whose version has a newer patch release to the
// newest of them, keeping their progress (the change policy's automatic part). It runs after every
// reload of the courses, in one transaction per learner, and returns how many moved.
func (s *Service) MovePatchReleases(ctx context.Context) (int, error) {
	moved := 0
	for _, course := range s.lib.Catalog().Courses() {
		releases := progress.ReleasesOf(course)
		for _, r := range releases {
			to := progress.Decide(releases, r.Version, false).MoveTo
			if to == "" {
				continue
			}
			es, err := s.db.EnrollmentsInProgressAt(ctx, course.ID, r.Version)
			if err != nil {
				return moved, err
			}
			for i := range es {
				if _, err := s.Move(ctx, &es[i], course, to, true); err != nil {
					return moved, err
				}
				moved++
			}
		}
	}
	return moved, nil
}

// Move pins e to version to of its course. With keepProgress, progress on modules the change
// policy carries over is kept (progress.Carry); without, the learner starts afresh (a
// recertification). It returns how many modules kept their progress.
func (s *Service) Move(ctx context.Context, e *store.Enrollment, course *content.Course, to string, keepProgress bool) (int, error) {
	target := course.Version(to)
	if target == nil {
		return 0, nil
	}
	kept := 0
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		current, err := tx.EnrollmentForUpdate(e.UserID, e.CourseID)
		if err != nil {
			return err
		}
		if current.Version != e.Version { // moved meanwhile by another request
			*e = *current
			return nil
		}
		carry := map[string]string{}
		if keepProgress {
			rows, err := tx.ProgressOf(e.ID)
			if err != nil {
				return err
			}
			recorded := map[string]string{}
			for _, r := range rows {
				recorded[r.ModuleID] = r.ModuleHash
			}
			carry = progress.Carry(progress.ReleasesOf(course), e.Version, to, recorded)
		}
		kept = len(carry)
		return tx.MoveEnrollment(e, target.Version, target.Hash, carry)
	})
	return kept, err
}

// enrollmentForWrite loads the enrollment a learner's write acts on. A learner in progress whose
// version got a patch release since the last reload's batch is moved to it first, as the batch
// would have done.
func (s *Service) enrollmentForWrite(ctx context.Context, userID int64, course *content.Course) (*store.Enrollment, error) {
	e, completed, err := s.Enrollment(ctx, userID, course)
	if err != nil || e == nil {
		return e, err
	}
	if d := progress.Decide(progress.ReleasesOf(course), e.Version, completed); d.MoveTo != "" {
		if _, err := s.Move(ctx, e, course, d.MoveTo, true); err != nil {
			return nil, err
		}
	}
	return e, nil
}
