package store

import (
	"context"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

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

// ApplyImport plans the rows again against the current database and executes the plan's
// operations in one transaction: all or nothing. A plan with errors changes nothing (EINVALID), nor
// does a mass deactivation whose number was not confirmed (*importer.UnconfirmedError). Applying the
// same file twice changes nothing the second time. What to change is the plan's decision; this
// only carries it out.
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
		progress, now := plan.Progress(opts.Progress), s.Now()
		for _, path := range plan.NewUnits {
			if err := s.createUnitAtPath(tx, path, unitByPath); err != nil {
				return err
			}
			progress.Step()
		}
		for _, c := range plan.Creates {
			if err := s.importCreate(tx, c, unitByPath[c.NewPath]); err != nil {
				return err
			}
			progress.Step()
		}
		for _, c := range plan.Updates {
			if err := importUpdate(tx, c, now); err != nil {
				return err
			}
			progress.Step()
		}
		for _, rc := range plan.RoleChanges {
			if err := s.replaceRoles(tx, rc.UserID, rc.Before, rc.After); err != nil {
				return err
			}
		}
		for _, c := range plan.Moves {
			if err := importMove(tx, c.ExistingID, unitByPath[c.NewPath], now); err != nil {
				return err
			}
			progress.Step()
		}
		for _, c := range plan.Deactivations {
			if err := importDeactivate(tx, c.ExistingID, now); err != nil {
				return err
			}
			progress.Step()
		}
		if err := linkManagers(tx, plan.Managers, unitByPath); err != nil {
			return err
		}
		if plan.Empty() {
			return nil
		}
		_, err = s.appendEvidence(tx, EventHRImported, nil, plan.Summary())
		return err
	})
	return plan, err
}

// importCreate creates a person from the file in unit, recording their roles in the evidence log.
func (s *Store) importCreate(tx *gorm.DB, c importer.Change, unit int64) error {
	number := c.Row.PersonnelNumber
	u := &User{Email: c.Row.Email, DisplayName: c.Row.DisplayName(), Active: true, OrgUnitID: &unit, PersonnelNumber: &number}
	for _, r := range c.Row.Roles {
		u.Roles = append(u.Roles, UserRole{Role: r})
	}
	if err := tx.Create(u).Error; err != nil {
		return err
	}
	return s.appendRolesChanged(tx, u.ID, nil, c.Row.Roles)
}

// importUpdate writes the name, email and personnel number from the file and makes the person
// active; their roles are the plan's RoleChanges.
func importUpdate(tx *gorm.DB, c importer.Change, now time.Time) error {
	number := c.Row.PersonnelNumber
	return tx.Model(&User{}).Where("id = ?", c.ExistingID).Updates(map[string]any{"display_name": c.Row.DisplayName(),
		"email": c.Row.Email, "personnel_number": &number, "active": true, "updated_at": now}).Error
}

// importMove places a person in unit.
func importMove(tx *gorm.DB, userID, unit int64, now time.Time) error {
	return tx.Model(&User{}).Where("id = ?", userID).Updates(map[string]any{"org_unit_id": unit, "updated_at": now}).Error
}

// importDeactivate deactivates a person who left, keeps the date they first left (the retention
// clock) and ends their sessions.
func importDeactivate(tx *gorm.DB, userID int64, now time.Time) error {
	if err := tx.Model(&User{}).Where("id = ?", userID).Updates(map[string]any{"active": false, "updated_at": now,
		"deactivated_at": gorm.Expr("COALESCE(deactivated_at, ?)", now)}).Error; err != nil {
		return err
	}
	return tx.Where("user_id = ?", userID).Delete(&WebSession{}).Error
}

// linkManagers makes each link's person manager of its unit, once the import's people and units
// exist; links that exist already stay as they are. It works in chunks: one query finds the people
// of a chunk by personnel number, one adds their links.
func linkManagers(tx *gorm.DB, links []importer.ManagerLink, unitByPath map[string]int64) error {
	for chunk := range slices.Chunk(links, 500) {
		numbers := make([]string, len(chunk))
		for i, l := range chunk {
			numbers[i] = l.PersonnelNumber
		}
		var users []User
		if err := tx.Select("id", "personnel_number").Where("personnel_number IN ?", numbers).Find(&users).Error; err != nil {
			return err
		}
		idByNumber := make(map[string]int64, len(users))
		for _, u := range users {
			idByNumber[*u.PersonnelNumber] = u.ID
		}
		rows := make([]ManagerUnit, 0, len(chunk))
		for _, l := range chunk {
			id, unit := idByNumber[l.PersonnelNumber], unitByPath[l.UnitPath]
			if id == 0 || unit == 0 {
				return fmt.Errorf("manager %s of unit %q: the person or the unit is missing after the import", l.PersonnelNumber, l.UnitPath)
			}
			rows = append(rows, ManagerUnit{UserID: id, OrgUnitID: unit})
		}
		if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&rows).Error; err != nil {
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
