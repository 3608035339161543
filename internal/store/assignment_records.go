package store

import (
	"context"

	"gorm.io/gorm"

	"github.com/ailit/ailit/internal/assign"
)

// MemberRecord is one person on one assignment with what the status rules need. It carries no
// scores, attempts or answers: what a manager may see is decided before anything is loaded.
type MemberRecord struct {
	Assignment  *Assignment
	User        User
	Member      AssignmentMember
	Exemption   *AssignmentExemption
	Completions []Completion
	Started     bool
}

// Inputs returns the record as the pure status rules see it; releases come from the catalog.
func (r MemberRecord) Inputs(releases []assign.Release) (assign.Rule, assign.Member, assign.Records) {
	rec := assign.Records{Started: r.Started, Releases: releases}
	for _, c := range r.Completions {
		rec.Completions = append(rec.Completions, assign.Completion{Course: c.CourseID, Version: c.Version, CompletedAt: c.CompletedAt,
			ValidUntil: c.ValidUntil, Revoked: c.RevokedAt != nil})
	}
	return r.Assignment.Rule(), assign.Member{JoinedAt: r.Member.JoinedAt, Exempted: r.Exemption != nil}, rec
}

// RecordFilter narrows MemberRecords.
type RecordFilter struct {
	AssignmentID int64 // 0: all
	UnitID       int64 // 0: every unit of the scope
	WithSubUnits bool
	UserID       int64 // 0: everybody in scope
}

// MemberRecords returns the current members (not those who left) of assignments, limited to the
// people a scope may see, ordered by assignment and name.
func (s *Store) MemberRecords(ctx context.Context, sc Scope, f RecordFilter) ([]MemberRecord, error) {
	db := s.r.WithContext(ctx)
	q := db.Model(&AssignmentMember{}).Joins("JOIN users ON users.id = assignment_members.user_id").
		Where("assignment_members.left_at IS NULL AND users.active = ?", true)
	q = s.scopeUsers(q, sc, "users.")
	if f.AssignmentID != 0 {
		q = q.Where("assignment_members.assignment_id = ?", f.AssignmentID)
	}
	if f.UnitID != 0 {
		q = s.inUnit(q, f.UnitID, f.WithSubUnits, "users.")
	}
	if f.UserID != 0 {
		q = q.Where("users.id = ?", f.UserID)
	}
	var members []AssignmentMember
	if err := q.Order("assignment_members.assignment_id, lower(users.display_name), users.id").Find(&members).Error; err != nil {
		return nil, err
	}
	if len(members) == 0 {
		return nil, nil
	}
	return s.recordsOf(db, members)
}

// recordsOf loads users, assignments, exemptions, completions and enrollments of members in a few
// queries (not one per person).
func (s *Store) recordsOf(db *gorm.DB, members []AssignmentMember) ([]MemberRecord, error) {
	userIDs, assignmentIDs := []int64{}, []int64{}
	for _, m := range members {
		userIDs = append(userIDs, m.UserID)
		assignmentIDs = append(assignmentIDs, m.AssignmentID)
	}
	var users []User
	if err := db.Where("id IN ?", userIDs).Find(&users).Error; err != nil {
		return nil, err
	}
	var as []Assignment
	if err := db.Preload("Targets").Where("id IN ?", assignmentIDs).Find(&as).Error; err != nil {
		return nil, err
	}
	var exemptions []AssignmentExemption
	if err := db.Where("assignment_id IN ? AND user_id IN ?", assignmentIDs, userIDs).Find(&exemptions).Error; err != nil {
		return nil, err
	}
	var completions []Completion
	if err := db.Where("user_id IN ?", userIDs).Order("completed_at").Find(&completions).Error; err != nil {
		return nil, err
	}
	var enrollments []Enrollment
	if err := db.Where("user_id IN ?", userIDs).Find(&enrollments).Error; err != nil {
		return nil, err
	}
	userByID := map[int64]User{}
	for _, u := range users {
		userByID[u.ID] = u
	}
	assignmentByID := map[int64]*Assignment{}
	for i := range as {
		assignmentByID[as[i].ID] = &as[i]
	}
	type key struct {
		id     int64
		course string
	}
	exempt := map[[2]int64]*AssignmentExemption{}
	for i := range exemptions {
		exempt[[2]int64{exemptions[i].AssignmentID, exemptions[i].UserID}] = &exemptions[i]
	}
	// Completions and enrollments count for the whole course family: keyed by the family's root.
	fam, err := families(db)
	if err != nil {
		return nil, err
	}
	done := map[key][]Completion{}
	for _, c := range completions {
		k := key{c.UserID, fam.Root(c.CourseID)}
		done[k] = append(done[k], c)
	}
	started := map[key]bool{}
	for _, e := range enrollments {
		k := key{e.UserID, fam.Root(e.CourseID)}
		started[k] = started[k] || e.LastActivityAt.After(e.EnrolledAt)
	}
	out := make([]MemberRecord, 0, len(members))
	for _, m := range members {
		a := assignmentByID[m.AssignmentID]
		k := key{m.UserID, fam.Root(a.CourseID)}
		out = append(out, MemberRecord{Assignment: a, User: userByID[m.UserID], Member: m,
			Exemption: exempt[[2]int64{m.AssignmentID, m.UserID}], Completions: done[k], Started: started[k]})
	}
	return out, nil
}

// AssignmentsOfUser returns a learner's own assignments, for the dashboard.
func (s *Store) AssignmentsOfUser(ctx context.Context, userID int64) ([]MemberRecord, error) {
	return s.MemberRecords(ctx, Scope{All: true}, RecordFilter{UserID: userID})
}
