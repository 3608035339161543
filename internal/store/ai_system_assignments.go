package store

import (
	"context"

	"github.com/ailit/ailit/internal/assign"
	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/inventory"
	"github.com/ailit/ailit/internal/measure"
)

// assignable says whether an assignment can require a measure: every kind can (the measure core
// stores its key in Assignment.CourseID; see measure_completions.go).
func assignable(r measure.Ref) bool { return r.Kind.Valid() && r.ID != "" }

// SyncAISystem re-derives the assignments of one system from its units, role holders and rules
// through the ordinary assignment engine: each rule has one assignment (created on first sync)
// whose targets are the rule's audience, due N days after joining, recertified every M months;
// then the assignment's members are synced (newcomers enrolled as pin says). by is who made the
// change (0: InventoryActor, for the CLI). title names a measure by its key for the assignment's
// title; with nil, an existing assignment keeps its title. It returns how many people joined.
func (s *Store) SyncAISystem(ctx context.Context, by, systemID int64, pin PinFunc, title func(key string) string) (int, error) {
	sys, err := s.AISystemByID(ctx, systemID)
	if err != nil {
		return 0, err
	}
	if by == 0 {
		if by, err = s.InventoryActor(ctx); err != nil {
			return 0, err
		}
	}
	reqs := inventory.Derive(inventory.Status(sys.Status), sys.UnitIDs(), sys.PureHolders(), sys.PureRules())
	joined := 0
	for _, req := range reqs {
		row := ruleRow(sys, req.Rule)
		if row == nil || !assignable(req.Rule.Measure) {
			continue
		}
		measureTitle := ""
		if title != nil {
			if k := req.Rule.Measure.Key(); title(k) != k { // a lookup that found nothing gives the key back
				measureTitle = title(k)
			}
		}
		a := &Assignment{Title: inventory.AssignmentTitle(sys.Name, req.Rule, measureTitle),
			DueKind: assign.DueAfterJoining, DueDays: req.Rule.DueDays, ValidityMonths: req.Rule.ValidityMonths, CreatedBy: by}
		a.SetMeasure(req.Rule.Measure)
		if row.AssignmentID != nil {
			a.ID = *row.AssignmentID
			if title == nil {
				var old Assignment
				if err := s.r.WithContext(ctx).Select("title").Where("id = ?", a.ID).First(&old).Error; err == nil {
					a.Title = old.Title
				}
			}
		}
		for _, u := range req.Audience.UnitIDs {
			a.Targets = append(a.Targets, AssignmentTarget{Kind: TargetUnit, OrgUnitID: &u})
		}
		for _, u := range req.Audience.UserIDs {
			a.Targets = append(a.Targets, AssignmentTarget{Kind: TargetUser, UserID: &u})
		}
		if err := s.SaveAssignment(ctx, a); err != nil {
			return joined, err
		}
		if row.AssignmentID == nil {
			if err := s.w.WithContext(ctx).Model(&AISystemRule{}).Where("id = ?", row.ID).Update("assignment_id", a.ID).Error; err != nil {
				return joined, err
			}
		}
		ids, err := s.SyncAssignment(ctx, a, pin)
		if err != nil {
			return joined, err
		}
		joined += len(ids)
	}
	return joined, nil
}

// SyncAllAISystems re-derives every system (after an import and with the daily assignment sync).
func (s *Store) SyncAllAISystems(ctx context.Context, by int64, pin PinFunc, title func(key string) string) (int, error) {
	var ids []int64
	if err := s.r.WithContext(ctx).Model(&AISystem{}).Order("id").Pluck("id", &ids).Error; err != nil {
		return 0, err
	}
	n := 0
	for _, id := range ids {
		j, err := s.SyncAISystem(ctx, by, id, pin, title)
		if err != nil {
			return n, err
		}
		n += j
	}
	return n, nil
}

func ruleRow(sys *AISystem, r inventory.Rule) *AISystemRule {
	for i := range sys.Rules {
		if sys.Rules[i].Role == r.Role && sys.Rules[i].Measure == r.Measure.String() {
			return &sys.Rules[i]
		}
	}
	return nil
}

// InventoryActor is who the command line acts as when it derives assignments (they record their
// creator): the first administrator, else the first person at all (a demo without admins).
func (s *Store) InventoryActor(ctx context.Context) (int64, error) {
	var ids []int64
	err := s.r.WithContext(ctx).Model(&UserRole{}).Where("role = ?", RoleAdmin).Order("user_id").Limit(1).Pluck("user_id", &ids).Error
	if err == nil && len(ids) == 0 {
		err = s.r.WithContext(ctx).Model(&User{}).Order("id").Limit(1).Pluck("id", &ids).Error
	}
	if err != nil {
		return 0, err
	}
	if len(ids) == 0 {
		return 0, domain.Errorf(domain.EINVALID, "nobody has an account yet: create an administrator with \"ailit users create\" first")
	}
	return ids[0], nil
}
