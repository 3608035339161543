package store

import "context"

// PersonalData is everything stored about one person, for the "My data" page and download
// (GDPR Art. 15). When a new table keeps data about a person, add it here:
// TestPersonalDataCoversEveryTableWithAPerson fails until then. Failed-login counters are left
// out: they are keyed by address, last 15 minutes and only protect the account.
type PersonalData struct {
	User              *User
	Sessions          []WebSession
	Enrollments       []Enrollment
	Progress          map[int64][]LessonProgress // by enrollment id
	QuizAttempts      []QuizAttempt              // with answers, oldest first
	QuizTimeExtension *QuizTimeExtension         // nil when none was granted
	Completions       []Completion
	Evidence          []EvidenceEvent
}

// personalDataModels are the models PersonalData reads, for the coverage test.
var personalDataModels = []any{&User{}, &UserRole{}, &WebSession{}, &Enrollment{}, &LessonProgress{},
	&QuizAttempt{}, &QuizAnswer{}, &QuizTimeExtension{}, &Completion{}, &EvidenceEvent{}}

// PersonalDataOf collects everything stored about the user. It reads only rows that belong to
// the user, so nothing of other people can end up in the download.
func (s *Store) PersonalDataOf(ctx context.Context, userID int64) (*PersonalData, error) {
	db := s.R.WithContext(ctx)
	u, err := s.UserByID(ctx, userID)
	if err != nil {
		return nil, err
	}
	d := &PersonalData{User: u}
	if d.Sessions, err = s.SessionsOfUser(ctx, userID); err != nil {
		return nil, err
	}
	if d.Enrollments, err = s.EnrollmentsOfUser(ctx, userID); err != nil {
		return nil, err
	}
	ids := make([]int64, len(d.Enrollments))
	for i, e := range d.Enrollments {
		ids[i] = e.ID
	}
	if d.Progress, err = s.ProgressOfEnrollments(ctx, ids); err != nil {
		return nil, err
	}
	err = db.Preload("Answers").Where("user_id = ?", userID).Order("started_at, id").Find(&d.QuizAttempts).Error
	if err != nil {
		return nil, err
	}
	var ext []QuizTimeExtension
	if err := db.Where("user_id = ?", userID).Limit(1).Find(&ext).Error; err != nil {
		return nil, err
	}
	if len(ext) == 1 {
		d.QuizTimeExtension = &ext[0]
	}
	if d.Completions, err = s.CompletionsOfUser(ctx, userID); err != nil {
		return nil, err
	}
	if d.Evidence, err = s.EvidenceOfUser(ctx, userID); err != nil {
		return nil, err
	}
	return d, nil
}
