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

	OrgUnits             map[int64]OrgUnit // the person's own unit and the units they manage, by id
	ManagedUnits         []ManagerUnit
	AssignmentTargets    []AssignmentTarget // assignments addressed to the person by name
	AssignmentMembers    []AssignmentMember
	AssignmentExemptions []AssignmentExemption
	Assignments          map[int64]Assignment // every assignment the rows above refer to, by id
	Emails               []OutboxMessage      // notifications queued or sent to the person
	Identities           []UserIdentity       // links to identity providers (single sign-on)
	ReportAccess         []ReportExport       // reports this person viewed or exported (as a manager)
	LegalHolds           []LegalHold          // holds on this person (not those on their unit)

	// Measures beyond online courses (measure_data.go).
	SessionRegistrations []MySessionRegistration
	EvidenceUploads      []ExternalEvidence
	AISystemRoles        []AISystemRoleOf // roles for AI systems beyond "user" (AI inventory)
	XAPIStatements       []XAPIStatement  // statements about the person for the learning record store
	PackageAttempts      []PackageAttempt // SCORM run-time data of package modules
}

// AISystemRoleOf is a role a person holds for an AI system of the inventory.
type AISystemRoleOf struct {
	SystemName string
	Role       string
	Source     string
}

// personalDataModels are the models PersonalData reads, for the coverage test.
var personalDataModels = []any{&User{}, &UserRole{}, &WebSession{}, &Enrollment{}, &LessonProgress{},
	&QuizAttempt{}, &QuizAnswer{}, &QuizTimeExtension{}, &Completion{}, &EvidenceEvent{},
	&ManagerUnit{}, &AssignmentTarget{}, &AssignmentMember{}, &AssignmentExemption{}, &OutboxMessage{}, &UserIdentity{}, &ReportExport{}, &LegalHold{},
	&SessionRegistration{}, &ExternalEvidence{}, &AISystemHolder{}, &XAPIStatement{}, &PackageAttempt{}}

// PersonalDataOf collects everything stored about the user. It reads only rows that belong to
// the user, so nothing of other people can end up in the download.
func (s *Store) PersonalDataOf(ctx context.Context, userID int64) (*PersonalData, error) {
	db := s.r.WithContext(ctx)
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
	if err := s.organisationDataOf(ctx, d); err != nil {
		return nil, err
	}
	if err := db.Where("user_id = ?", userID).Order("created_at, id").Find(&d.ReportAccess).Error; err != nil {
		return nil, err
	}
	if d.Identities, err = s.IdentitiesOf(ctx, userID); err != nil {
		return nil, err
	}
	if err := s.measureDataOf(ctx, d); err != nil {
		return nil, err
	}
	err = db.Table("ai_system_holders").Select("ai_systems.name AS system_name, ai_system_holders.role, ai_system_holders.source").
		Joins("JOIN ai_systems ON ai_systems.id = ai_system_holders.system_id").
		Where("ai_system_holders.user_id = ?", userID).Order("ai_systems.name, ai_system_holders.role").Scan(&d.AISystemRoles).Error
	if err != nil {
		return nil, err
	}
	if err := db.Where("user_id = ?", userID).Order("event_at, id").Find(&d.XAPIStatements).Error; err != nil {
		return nil, err
	}
	return d, nil
}

// organisationDataOf adds the person's place in the organisation, their assignments and the
// e-mails sent to them.
func (s *Store) organisationDataOf(ctx context.Context, d *PersonalData) error {
	db := s.r.WithContext(ctx)
	id := d.User.ID
	for _, q := range []struct {
		dst   any
		order string
	}{
		{&d.ManagedUnits, "org_unit_id"}, {&d.AssignmentTargets, "id"}, {&d.AssignmentMembers, "assignment_id, joined_at"},
		{&d.AssignmentExemptions, "assignment_id"}, {&d.Emails, "created_at, id"}, {&d.LegalHolds, "id"}, {&d.PackageAttempts, "id"},
	} {
		if err := db.Where("user_id = ?", id).Order(q.order).Find(q.dst).Error; err != nil {
			return err
		}
	}
	unitIDs := []int64{}
	if d.User.OrgUnitID != nil {
		unitIDs = append(unitIDs, *d.User.OrgUnitID)
	}
	for _, m := range d.ManagedUnits {
		unitIDs = append(unitIDs, m.OrgUnitID)
	}
	var units []OrgUnit
	if err := db.Where("id IN ?", append(unitIDs, 0)).Find(&units).Error; err != nil {
		return err
	}
	d.OrgUnits = map[int64]OrgUnit{}
	for _, u := range units {
		d.OrgUnits[u.ID] = u
	}
	assignmentIDs := []int64{0}
	for _, t := range d.AssignmentTargets {
		assignmentIDs = append(assignmentIDs, t.AssignmentID)
	}
	for _, m := range d.AssignmentMembers {
		assignmentIDs = append(assignmentIDs, m.AssignmentID)
	}
	for _, e := range d.AssignmentExemptions {
		assignmentIDs = append(assignmentIDs, e.AssignmentID)
	}
	var as []Assignment
	if err := db.Where("id IN ?", assignmentIDs).Find(&as).Error; err != nil {
		return err
	}
	d.Assignments = map[int64]Assignment{}
	for _, a := range as {
		d.Assignments[a.ID] = a
	}
	return nil
}
