package store

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/org"
)

// OrgUnit is one unit of the organisation tree. Path holds the ids from the root down ("/1/4/9/"),
// so a whole subtree is found with one indexed LIKE on SQLite and PostgreSQL alike.
type OrgUnit struct {
	ID        int64     `gorm:"primaryKey"`
	ParentID  *int64    `gorm:"index:idx_org_units_parent_id"`
	Name      string    `gorm:"size:200;not null"`
	Path      string    `gorm:"size:1000;not null;index:idx_org_units_path"`
	CreatedAt time.Time `gorm:"not null"`
}

// ManagerUnit assigns a manager to a unit: they see it and everything below it.
type ManagerUnit struct {
	UserID    int64 `gorm:"primaryKey;autoIncrement:false"`
	OrgUnitID int64 `gorm:"primaryKey;autoIncrement:false;index:idx_manager_units_org_unit_id"`
}

// Errors the admin pages tell apart.
var (
	ErrUnitCycle    = domain.Keyed(domain.EINVALID, "store.unit.cycle", "a unit cannot move under itself or one of its sub-units")
	ErrUnitNotEmpty = domain.Keyed(domain.ECONFLICT, "store.unit.not_empty", "the unit still has people, sub-units, managers or assignments")
	ErrUnitExists   = domain.Keyed(domain.ECONFLICT, "store.unit.exists", "a unit with this name exists already at this place")
)

// OrgUnits returns every unit, ordered by path (parents before their children).
func (s *Store) OrgUnits(ctx context.Context) ([]OrgUnit, error) {
	var us []OrgUnit
	err := s.r.WithContext(ctx).Order("path").Find(&us).Error
	return us, err
}

// OrgTree returns the units as a tree for the pure rules in package org.
func (s *Store) OrgTree(ctx context.Context) (*org.Tree, []OrgUnit, error) {
	us, err := s.OrgUnits(ctx)
	if err != nil {
		return nil, nil, err
	}
	return org.NewTree(toOrgUnits(us)), us, nil
}

func toOrgUnits(us []OrgUnit) []org.Unit {
	out := make([]org.Unit, len(us))
	for i, u := range us {
		out[i] = org.Unit{ID: u.ID, ParentID: u.ParentID, Name: u.Name}
	}
	return out
}

// OrgUnitByID loads one unit.
func (s *Store) OrgUnitByID(ctx context.Context, id int64) (*OrgUnit, error) {
	var u OrgUnit
	err := s.r.WithContext(ctx).First(&u, id).Error
	return &u, notFound(err, "org unit")
}

// CreateOrgUnit adds a unit under parent (nil: a root). Names are unique among siblings.
func (s *Store) CreateOrgUnit(ctx context.Context, parentID *int64, name string) (*OrgUnit, error) {
	var u *OrgUnit
	err := s.inTx(ctx, func(tx *gorm.DB) error {
		var err error
		u, err = s.createOrgUnit(tx, parentID, name)
		return err
	})
	return u, err
}

func (s *Store) createOrgUnit(tx *gorm.DB, parentID *int64, name string) (*OrgUnit, error) {
	name = strings.TrimSpace(name)
	if err := siblingNameFree(tx, parentID, name, 0); err != nil {
		return nil, err
	}
	parentPath := "/"
	if parentID != nil {
		var p OrgUnit
		if err := tx.First(&p, *parentID).Error; err != nil {
			return nil, notFound(err, "parent unit")
		}
		parentPath = p.Path
	}
	u := &OrgUnit{ParentID: parentID, Name: name, Path: "/", CreatedAt: s.Now()}
	if err := tx.Create(u).Error; err != nil {
		return nil, err
	}
	u.Path = parentPath + org.Path([]int64{u.ID})[1:]
	return u, tx.Model(u).Update("path", u.Path).Error
}

func siblingNameFree(tx *gorm.DB, parentID *int64, name string, except int64) error {
	q := tx.Model(&OrgUnit{}).Where("lower(name) = lower(?) AND id <> ?", name, except)
	if parentID == nil {
		q = q.Where("parent_id IS NULL")
	} else {
		q = q.Where("parent_id = ?", *parentID)
	}
	var n int64
	if err := q.Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		return ErrUnitExists
	}
	return nil
}

// RenameOrgUnit changes a unit's name.
func (s *Store) RenameOrgUnit(ctx context.Context, id int64, name string) error {
	return s.inTx(ctx, func(tx *gorm.DB) error {
		var u OrgUnit
		if err := tx.First(&u, id).Error; err != nil {
			return notFound(err, "org unit")
		}
		if err := siblingNameFree(tx, u.ParentID, name, id); err != nil {
			return err
		}
		return tx.Model(&u).Update("name", strings.TrimSpace(name)).Error
	})
}

// MoveOrgUnit places a unit (with its subtree) under newParent (nil: make it a root). Moving a
// unit under itself or one of its descendants is refused with ErrUnitCycle.
func (s *Store) MoveOrgUnit(ctx context.Context, id int64, newParent *int64) error {
	return s.inTx(ctx, func(tx *gorm.DB) error {
		var us []OrgUnit
		if err := tx.Find(&us).Error; err != nil {
			return err
		}
		tree := org.NewTree(toOrgUnits(us))
		u, ok := tree.Unit(id)
		if !ok {
			return domain.Errorf(domain.ENOTFOUND, "org unit not found")
		}
		newPath := "/"
		if newParent != nil {
			if _, ok := tree.Unit(*newParent); !ok {
				return domain.Errorf(domain.ENOTFOUND, "target unit not found")
			}
			if !org.CanMove(tree, id, newParent) {
				return ErrUnitCycle
			}
		}
		if err := siblingNameFree(tx, newParent, u.Name, id); err != nil {
			return err
		}
		var old OrgUnit
		if err := tx.First(&old, id).Error; err != nil {
			return err
		}
		if newParent != nil {
			var p OrgUnit
			if err := tx.First(&p, *newParent).Error; err != nil {
				return err
			}
			newPath = p.Path
		}
		newPath += org.Path([]int64{id})[1:]
		if err := tx.Model(&OrgUnit{}).Where("id = ?", id).Update("parent_id", newParent).Error; err != nil {
			return err
		}
		// Rewrite the prefix of every path in the subtree; paths hold ASCII digits and slashes only.
		return tx.Exec("UPDATE org_units SET path = ? || substr(path, ?) WHERE path LIKE ?",
			newPath, len(old.Path)+1, old.Path+"%").Error
	})
}

// DeleteOrgUnit removes an empty unit: no people, no sub-units, no managers, no assignments.
func (s *Store) DeleteOrgUnit(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(tx *gorm.DB) error {
		for _, q := range []*gorm.DB{
			tx.Model(&OrgUnit{}).Where("parent_id = ?", id),
			tx.Model(&User{}).Where("org_unit_id = ?", id),
			tx.Model(&ManagerUnit{}).Where("org_unit_id = ?", id),
			tx.Model(&AssignmentTarget{}).Where("org_unit_id = ?", id),
		} {
			var n int64
			if err := q.Count(&n).Error; err != nil {
				return err
			}
			if n > 0 {
				return ErrUnitNotEmpty
			}
		}
		res := tx.Delete(&OrgUnit{}, id)
		if res.Error == nil && res.RowsAffected == 0 {
			return domain.Errorf(domain.ENOTFOUND, "org unit not found")
		}
		return res.Error
	})
}

// SetUserOrgUnit places a user in a unit (nil: none).
func (s *Store) SetUserOrgUnit(ctx context.Context, userID int64, unitID *int64) error {
	return s.w.WithContext(ctx).Model(&User{}).Where("id = ?", userID).
		Updates(map[string]any{"org_unit_id": unitID, "updated_at": s.Now()}).Error
}

// AddManagerUnit makes a user manager of a unit (and everything below it). Adding twice is fine.
func (s *Store) AddManagerUnit(ctx context.Context, userID, unitID int64) error {
	return s.w.WithContext(ctx).Where(ManagerUnit{UserID: userID, OrgUnitID: unitID}).
		FirstOrCreate(&ManagerUnit{UserID: userID, OrgUnitID: unitID}).Error
}

// RemoveManagerUnit ends a manager's assignment to a unit.
func (s *Store) RemoveManagerUnit(ctx context.Context, userID, unitID int64) error {
	return s.w.WithContext(ctx).Where("user_id = ? AND org_unit_id = ?", userID, unitID).Delete(&ManagerUnit{}).Error
}

// ManagerUnitsOf returns the ids of the units a user manages directly.
func (s *Store) ManagerUnitsOf(ctx context.Context, userID int64) ([]int64, error) {
	var ids []int64
	err := s.r.WithContext(ctx).Model(&ManagerUnit{}).Where("user_id = ?", userID).Order("org_unit_id").Pluck("org_unit_id", &ids).Error
	return ids, err
}

// ManagersOfUnits maps unit id → managers assigned directly to it.
func (s *Store) ManagersOfUnits(ctx context.Context) (map[int64][]User, error) {
	var rows []struct {
		OrgUnitID int64
		User
	}
	err := s.r.WithContext(ctx).Table("manager_units").Select("manager_units.org_unit_id, users.*").
		Joins("JOIN users ON users.id = manager_units.user_id").Order("lower(users.display_name)").Scan(&rows).Error
	out := map[int64][]User{}
	for _, r := range rows {
		out[r.OrgUnitID] = append(out[r.OrgUnitID], r.User)
	}
	return out, err
}

// visibleUnitsQuery selects the ids of the units a manager sees: their units and every unit below.
func (s *Store) visibleUnitsQuery(db *gorm.DB, managerID int64) *gorm.DB {
	return db.Table("org_units AS ou").Select("ou.id").Where(`EXISTS (SELECT 1 FROM manager_units mu
		JOIN org_units m ON m.id = mu.org_unit_id WHERE mu.user_id = ? AND ou.path LIKE m.path || '%')`, managerID)
}

// VisibleUnitIDs returns the ids of the units a manager sees, sorted.
func (s *Store) VisibleUnitIDs(ctx context.Context, managerID int64) ([]int64, error) {
	var ids []int64
	err := s.visibleUnitsQuery(s.r.WithContext(ctx), managerID).Order("ou.id").Pluck("ou.id", &ids).Error
	return ids, err
}

// Scope says whose people a viewer may see: everybody (admins) or the units below their own.
type Scope struct {
	All       bool
	ManagerID int64
}

// ScopeOf returns the scope of a viewer: admins see all, anyone else the subtrees they manage.
func ScopeOf(u *User) Scope {
	if u.HasRole(RoleAdmin) {
		return Scope{All: true}
	}
	return Scope{ManagerID: u.ID}
}

// scopeUsers narrows a query on users (column prefix col, e.g. "users.") to a scope. Every list of
// people shown to a manager goes through it.
func (s *Store) scopeUsers(q *gorm.DB, sc Scope, col string) *gorm.DB {
	if sc.All {
		return q
	}
	return q.Where(col+"org_unit_id IN (?)", s.visibleUnitsQuery(s.r, sc.ManagerID))
}

// PeopleFilter narrows PeopleInScope.
type PeopleFilter struct {
	UnitID       int64 // 0: all units of the scope
	WithSubUnits bool
	ActiveOnly   bool
}

// PeopleInScope lists the people a viewer may see, ordered by name.
func (s *Store) PeopleInScope(ctx context.Context, sc Scope, f PeopleFilter) ([]User, error) {
	q := s.scopeUsers(s.r.WithContext(ctx).Model(&User{}), sc, "")
	if f.UnitID != 0 {
		q = s.inUnit(q, f.UnitID, f.WithSubUnits, "")
	}
	if f.ActiveOnly {
		q = q.Where("active = ?", true)
	}
	var us []User
	err := q.Preload("Roles").Order("lower(display_name), id").Find(&us).Error
	return us, err
}

// inUnit narrows a users query to a unit, with or without its sub-units.
func (s *Store) inUnit(q *gorm.DB, unitID int64, withSub bool, col string) *gorm.DB {
	if !withSub {
		return q.Where(col+"org_unit_id = ?", unitID)
	}
	return q.Where(col+"org_unit_id IN (?)", s.r.Table("org_units AS sub").Select("sub.id").
		Where("sub.path LIKE (SELECT path FROM org_units WHERE id = ?) || '%'", unitID))
}

// UnitIDsBelow returns unitID and the ids of every unit under it.
func (s *Store) UnitIDsBelow(ctx context.Context, unitID int64) ([]int64, error) {
	var ids []int64
	err := s.r.WithContext(ctx).Table("org_units AS sub").
		Where("sub.path LIKE (SELECT path FROM org_units WHERE id = ?) || '%'", unitID).Order("sub.id").Pluck("sub.id", &ids).Error
	return ids, err
}
