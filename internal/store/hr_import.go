package store

import (
	"context"

	"gorm.io/gorm"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/importer"
	"github.com/ailit/ailit/internal/org"
)

// Evidence event for an applied HR import.
const EventHRImported = "hr.imported"

// ImportOptions say how a file is applied.
type ImportOptions struct {
	Mode importer.Mode // "" is importer.ModeFullList
	// ConfirmedDeactivations is the number of deactivations the operator typed; a plan that
	// NeedsConfirmation is applied only when it matches.
	ConfirmedDeactivations int
	Progress               func(done, total int) // when set, hears how far it got
}

// PlanImport compares parsed rows with the people and units in the database (the dry run).
func (s *Store) PlanImport(ctx context.Context, rows []importer.Row, rowErrs []importer.LineError, mode importer.Mode) (*importer.Plan, error) {
	people, paths, _, err := s.importSnapshot(s.r.WithContext(ctx))
	if err != nil {
		return nil, err
	}
	return importer.MakePlan(rows, rowErrs, people, paths, mode), nil
}

// importSnapshot reads everybody with their unit path, and every unit's name path.
func (s *Store) importSnapshot(db *gorm.DB) ([]importer.Person, []string, map[string]int64, error) {
	var units []OrgUnit
	if err := db.Find(&units).Error; err != nil {
		return nil, nil, nil, err
	}
	tree := org.NewTree(toOrgUnits(units))
	unitByPath := map[string]int64{}
	pathOf := map[int64]string{}
	var paths []string
	for _, u := range units {
		p := org.JoinPath(tree.NamePath(u.ID))
		unitByPath[p], pathOf[u.ID] = u.ID, p
		paths = append(paths, p)
	}
	var users []User
	if err := db.Preload("Roles").Order("id").Find(&users).Error; err != nil {
		return nil, nil, nil, err
	}
	people := make([]importer.Person, 0, len(users))
	for _, u := range users {
		p := importer.Person{ID: u.ID, Email: u.Email, DisplayName: u.DisplayName, Roles: u.RoleNames(), Active: u.Active}
		if u.PersonnelNumber != nil {
			p.PersonnelNumber = *u.PersonnelNumber
		}
		if u.OrgUnitID != nil {
			p.OrgPath = pathOf[*u.OrgUnitID]
		}
		people = append(people, p)
	}
	return people, paths, unitByPath, nil
}

// ApplyImport plans the rows again against the current database and applies the plan in one
// transaction: all or nothing. A plan with errors changes nothing (EINVALID), nor does a mass
// deactivation whose number was not confirmed (*importer.UnconfirmedError). Applying the same file
// twice changes nothing the second time.
func (s *Store) ApplyImport(ctx context.Context, rows []importer.Row, rowErrs []importer.LineError, opts ImportOptions) (*importer.Plan, error) {
	var plan *importer.Plan
	err := s.inTx(ctx, func(tx *gorm.DB) error {
		people, paths, unitByPath, err := s.importSnapshot(tx)
		if err != nil {
			return err
		}
		plan = importer.MakePlan(rows, rowErrs, people, paths, opts.Mode)
		if !plan.Ok() {
			return domain.Errorf(domain.EINVALID, "the file has %d errors; nothing was imported", len(plan.Errors))
		}
		if !plan.Confirmed(opts.ConfirmedDeactivations) {
			return &importer.UnconfirmedError{Deactivations: len(plan.Deactivations), Typed: opts.ConfirmedDeactivations}
		}
		progress := opts.Progress
		total := len(plan.NewUnits) + len(plan.Creates) + len(plan.Updates) + len(plan.Moves) + len(plan.Deactivations)
		done := 0
		step := func() {
			done++
			if progress != nil && (done%50 == 0 || done == total) {
				progress(done, total)
			}
		}
		for _, path := range plan.NewUnits {
			if err := s.createUnitAtPath(tx, path, unitByPath); err != nil {
				return err
			}
			step()
		}
		now := s.Now()
		for _, c := range plan.Creates {
			unit, number := unitByPath[c.NewPath], c.Row.PersonnelNumber
			u := &User{Email: c.Row.Email, DisplayName: c.Row.DisplayName(), Active: true, OrgUnitID: &unit, PersonnelNumber: &number}
			for _, r := range c.Row.Roles {
				u.Roles = append(u.Roles, UserRole{Role: r})
			}
			if err := tx.Create(u).Error; err != nil {
				return err
			}
			if err := s.appendRolesChanged(tx, u.ID, nil, c.Row.Roles); err != nil {
				return err
			}
			step()
		}
		for _, c := range plan.Updates {
			number := c.Row.PersonnelNumber
			if err := tx.Model(&User{}).Where("id = ?", c.ExistingID).Updates(map[string]any{"display_name": c.Row.DisplayName(),
				"email": c.Row.Email, "personnel_number": &number, "active": true, "updated_at": now}).Error; err != nil {
				return err
			}
			if err := s.replaceRoles(tx, c.ExistingID, c.Before.Roles, importer.MergeRoles(c.Before.Roles, c.Row.Roles)); err != nil {
				return err
			}
			step()
		}
		for _, c := range plan.Moves {
			unit := unitByPath[c.NewPath]
			if err := tx.Model(&User{}).Where("id = ?", c.ExistingID).Updates(map[string]any{"org_unit_id": unit, "updated_at": now}).Error; err != nil {
				return err
			}
			step()
		}
		for _, c := range plan.Deactivations {
			if err := tx.Model(&User{}).Where("id = ?", c.ExistingID).Updates(map[string]any{"active": false, "updated_at": now,
				"deactivated_at": gorm.Expr("COALESCE(deactivated_at, ?)", now)}).Error; err != nil {
				return err
			}
			if err := tx.Where("user_id = ?", c.ExistingID).Delete(&WebSession{}).Error; err != nil {
				return err
			}
			step()
		}
		if err := s.importManagers(tx, rows, unitByPath); err != nil {
			return err
		}
		if plan.Empty() {
			return nil
		}
		_, err = s.AppendEvidence(tx, EventHRImported, nil, map[string]any{"mode": string(plan.Mode), "created": len(plan.Creates), "updated": len(plan.Updates),
			"moved": len(plan.Moves), "deactivated": len(plan.Deactivations), "units": len(plan.NewUnits)})
		return err
	})
	return plan, err
}

// importManagers makes everyone with the manager role in the file manager of their own unit.
func (s *Store) importManagers(tx *gorm.DB, rows []importer.Row, unitByPath map[string]int64) error {
	for _, r := range rows {
		if !hasString(r.Roles, RoleManager) {
			continue
		}
		var id int64
		if err := tx.Model(&User{}).Where("personnel_number = ?", r.PersonnelNumber).Pluck("id", &id).Error; err != nil {
			return err
		}
		unit := unitByPath[org.JoinPath(r.OrgPath)]
		if id == 0 || unit == 0 {
			continue
		}
		if err := tx.Where(ManagerUnit{UserID: id, OrgUnitID: unit}).FirstOrCreate(&ManagerUnit{UserID: id, OrgUnitID: unit}).Error; err != nil {
			return err
		}
	}
	return nil
}

// replaceRoles sets a user's roles inside tx, recording the change in the evidence log.
func (s *Store) replaceRoles(tx *gorm.DB, userID int64, previous, roles []string) error {
	if err := s.appendRolesChanged(tx, userID, previous, roles); err != nil {
		return err
	}
	if err := tx.Where("user_id = ?", userID).Delete(&UserRole{}).Error; err != nil {
		return err
	}
	for _, r := range roles {
		if err := tx.Create(&UserRole{UserID: userID, Role: r}).Error; err != nil {
			return err
		}
	}
	return nil
}

func hasString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
