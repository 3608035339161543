package store

import (
	"context"
	"slices"

	"gorm.io/gorm"

	"github.com/ailit/ailit/internal/domain"
)

// SetAISystemHolder gives a person a role for a system (add) or relieves them of it, and logs it.
func (s *Store) SetAISystemHolder(ctx context.Context, by, systemID, userID int64, role string, add bool) error {
	return s.inTx(ctx, func(tx *gorm.DB) error {
		var sys AISystem
		if err := tx.First(&sys, systemID).Error; err != nil {
			return notFound(err, "AI system")
		}
		var n int64
		if err := tx.Model(&User{}).Where("id = ?", userID).Count(&n).Error; err != nil {
			return err
		} else if n == 0 {
			return domain.Errorf(domain.ENOTFOUND, "person not found")
		}
		del := tx.Where("system_id = ? AND user_id = ? AND role = ?", systemID, userID, role).Delete(&AISystemHolder{})
		if del.Error != nil {
			return del.Error
		}
		if add {
			if err := tx.Create(&AISystemHolder{SystemID: systemID, UserID: userID, Role: role, Source: HolderByAdmin}).Error; err != nil {
				return err
			}
		} else if del.RowsAffected == 0 {
			return nil // nothing changed, nothing to log
		}
		_, err := s.appendEvidence(tx, EventAISystemRole, &userID, map[string]any{"key": sys.Key, "role": role, "holds": add, "by": by, "source": HolderByAdmin})
		return err
	})
}

// AISystemPeople lists the active people a scope may see who work with a system: everybody placed
// in one of its units and the named role holders, by name.
func (s *Store) AISystemPeople(ctx context.Context, sc Scope, sys *AISystem) ([]User, error) {
	holders := []int64{}
	for _, h := range sys.Holders {
		holders = append(holders, h.UserID)
	}
	units := sys.UnitIDs()
	if len(units) == 0 && len(holders) == 0 {
		return nil, nil
	}
	q := s.scopeUsers(s.r.WithContext(ctx).Model(&User{}), sc, "").Where("active = ?", true)
	cond := s.r.Where("1 = 0")
	if len(units) > 0 {
		cond = cond.Or("org_unit_id IN ?", units)
	}
	if len(holders) > 0 {
		cond = cond.Or("id IN ?", holders)
	}
	var us []User
	err := q.Where(cond).Order("lower(display_name), id").Find(&us).Error
	return us, err
}

// SystemRole names a role for a system by the system's key, as the SSO mapping file does.
type SystemRole struct {
	Key, Role string
}

// ReplaceSSOHolders sets the roles a person holds through SSO groups to exactly roles (keys the
// inventory does not know are skipped): new ones are added, ones the groups no longer give are
// removed, roles an admin named stay untouched. Each change is logged. It returns the ids of the
// systems whose holders changed, for SyncAISystem.
func (s *Store) ReplaceSSOHolders(ctx context.Context, userID int64, roles []SystemRole) ([]int64, error) {
	var changed []int64
	err := s.inTx(ctx, func(tx *gorm.DB) error {
		var systems []AISystem
		if err := tx.Find(&systems).Error; err != nil {
			return err
		}
		byKey, keyOf := map[string]int64{}, map[int64]string{}
		for _, sys := range systems {
			byKey[sys.Key], keyOf[sys.ID] = sys.ID, sys.Key
		}
		want := map[AISystemHolder]bool{}
		var wanted []AISystemHolder // in the order given, so the log is the same on every run
		for _, r := range roles {
			h := AISystemHolder{SystemID: byKey[r.Key], UserID: userID, Role: r.Role, Source: HolderBySSO}
			if h.SystemID != 0 && !want[h] {
				want[h] = true
				wanted = append(wanted, h)
			}
		}
		var have []AISystemHolder
		if err := tx.Where("user_id = ?", userID).Find(&have).Error; err != nil {
			return err
		}
		held := map[AISystemHolder]bool{}
		log := func(h AISystemHolder, holds bool) error {
			if !slices.Contains(changed, h.SystemID) {
				changed = append(changed, h.SystemID)
			}
			_, err := s.appendEvidence(tx, EventAISystemRole, &userID, map[string]any{"key": keyOf[h.SystemID], "role": h.Role,
				"holds": holds, "source": HolderBySSO})
			return err
		}
		for _, h := range have {
			key := AISystemHolder{SystemID: h.SystemID, UserID: userID, Role: h.Role, Source: HolderBySSO}
			held[key] = true
			if h.Source != HolderBySSO || want[key] {
				continue
			}
			if err := tx.Where("system_id = ? AND user_id = ? AND role = ?", h.SystemID, userID, h.Role).Delete(&AISystemHolder{}).Error; err != nil {
				return err
			}
			if err := log(h, false); err != nil {
				return err
			}
		}
		for _, h := range wanted {
			if held[h] {
				continue // held already, through SSO or named by an admin
			}
			if err := tx.Create(&h).Error; err != nil {
				return err
			}
			if err := log(h, true); err != nil {
				return err
			}
		}
		return nil
	})
	slices.Sort(changed)
	return changed, err
}
