package store

import (
	"context"
	"errors"
	"slices"
	"strings"

	"gorm.io/gorm"

	"github.com/ailit/ailit/internal/domain"
)

// NormalizeEmail is how emails are compared and stored.
func NormalizeEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// HasRole reports whether the user holds role.
func (u *User) HasRole(role string) bool {
	return slices.ContainsFunc(u.Roles, func(r UserRole) bool { return r.Role == role })
}

// RoleNames returns the user's roles in display order.
func (u *User) RoleNames() []string {
	var out []string
	for _, r := range AllRoles {
		if u.HasRole(r) {
			out = append(out, r)
		}
	}
	return out
}

// ValidRole reports whether role is one of AllRoles.
func ValidRole(role string) bool { return slices.Contains(AllRoles, role) }

// CreateUser stores a new user with roles. A duplicate email is an ECONFLICT error.
func (s *Store) CreateUser(ctx context.Context, u *User, roles []string) error {
	u.Email = NormalizeEmail(u.Email)
	if err := validateRoles(roles); err != nil {
		return err
	}
	u.Roles = nil
	for _, r := range roles {
		u.Roles = append(u.Roles, UserRole{Role: r})
	}
	err := s.inTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(u).Error; err != nil {
			return err
		}
		return s.appendRolesChanged(tx, u.ID, nil, roles)
	})
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return domain.Keyed(domain.ECONFLICT, "store.user.exists", "a user with the email %s exists already", u.Email)
	}
	return err
}

// UserByID loads a user with roles.
func (s *Store) UserByID(ctx context.Context, id int64) (*User, error) {
	return s.userWithRoles(ctx, "users.id = ?", id)
}

// UserByEmail loads a user with roles by email (case-insensitive).
func (s *Store) UserByEmail(ctx context.Context, email string) (*User, error) {
	return s.userWithRoles(ctx, "users.email = ?", NormalizeEmail(email))
}

// userWithRoles loads the user a unique condition names. Every logged-in request loads its user,
// so this is one query (the roles folded into one column) instead of GORM's two for a preload.
func (s *Store) userWithRoles(ctx context.Context, cond string, arg any) (*User, error) {
	agg := "group_concat(r.role, ',')"
	if s.Dialect == Postgres {
		agg = "string_agg(r.role, ',' ORDER BY r.role)"
	}
	var rows []struct {
		User
		RoleList *string
	}
	err := s.r.WithContext(ctx).Table("users").
		Select("users.*, (SELECT "+agg+" FROM user_roles r WHERE r.user_id = users.id) AS role_list").
		Where(cond, arg).Limit(1).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, notFound(gorm.ErrRecordNotFound, "user")
	}
	u := rows[0].User
	if rows[0].RoleList != nil {
		roles := strings.Split(*rows[0].RoleList, ",")
		slices.Sort(roles)
		for _, r := range roles {
			u.Roles = append(u.Roles, UserRole{UserID: u.ID, Role: r})
		}
	}
	return &u, nil
}

// UserFilter narrows ListUsers.
type UserFilter struct {
	Query  string // part of name or email
	Role   string
	Active *bool
	Limit  int
	Offset int
}

// ListUsers returns users ordered by name, and the total count matching the filter.
func (s *Store) ListUsers(ctx context.Context, f UserFilter) ([]User, int64, error) {
	q := s.r.WithContext(ctx).Model(&User{})
	if f.Query != "" {
		like := "%" + strings.ToLower(f.Query) + "%"
		q = q.Where("lower(display_name) LIKE ? OR email LIKE ?", like, like)
	}
	if f.Role != "" {
		q = q.Where("id IN (?)", s.r.Model(&UserRole{}).Select("user_id").Where("role = ?", f.Role))
	}
	if f.Active != nil {
		q = q.Where("active = ?", *f.Active)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	var users []User
	err := q.Preload("Roles").Order("lower(display_name), id").Limit(f.Limit).Offset(f.Offset).Find(&users).Error
	return users, total, err
}

// CountUsers returns the number of users.
func (s *Store) CountUsers(ctx context.Context) (int64, error) {
	var n int64
	err := s.r.WithContext(ctx).Model(&User{}).Count(&n).Error
	return n, err
}

// SetActive activates or deactivates a user. Deactivation ends all of the user's sessions.
func (s *Store) SetActive(ctx context.Context, userID int64, active bool) error {
	return s.inTx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&User{}).Where("id = ?", userID).Updates(map[string]any{"active": active, "updated_at": s.Now()})
		if res.Error != nil {
			return res.Error
		} else if res.RowsAffected == 0 {
			return domain.Errorf(domain.ENOTFOUND, "user not found")
		}
		if !active {
			return tx.Where("user_id = ?", userID).Delete(&WebSession{}).Error
		}
		return nil
	})
}

// SetPassword stores a new password hash and ends every session of the user except keepSessionID
// (the one in which the password was changed; "" ends all).
func (s *Store) SetPassword(ctx context.Context, userID int64, hash, keepSessionID string) error {
	now := s.Now()
	return s.inTx(ctx, func(tx *gorm.DB) error {
		err := tx.Model(&User{}).Where("id = ?", userID).
			Updates(map[string]any{"password_hash": hash, "password_changed_at": now, "updated_at": now}).Error
		if err != nil {
			return err
		}
		return tx.Where("user_id = ? AND id <> ?", userID, keepSessionID).Delete(&WebSession{}).Error
	})
}

// SetLanguage stores the user's preferred UI language.
func (s *Store) SetLanguage(ctx context.Context, userID int64, lang string) error {
	return s.w.WithContext(ctx).Model(&User{}).Where("id = ?", userID).Update("language", lang).Error
}

// UpdateUser changes name, roles and active state in one transaction. Deactivating ends the user's
// sessions.
func (s *Store) UpdateUser(ctx context.Context, id int64, displayName string, roles []string, active bool) error {
	if err := validateRoles(roles); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&User{}).Where("id = ? AND deleted_at IS NULL", id).
			Updates(map[string]any{"display_name": displayName, "active": active, "updated_at": s.Now()})
		if res.Error != nil {
			return res.Error
		} else if res.RowsAffected == 0 {
			return domain.Errorf(domain.ENOTFOUND, "user not found")
		}
		if err := markDeactivation(tx, []int64{id}, active, s.Now()); err != nil {
			return err
		}
		var previous []string
		if err := tx.Model(&UserRole{}).Where("user_id = ?", id).Pluck("role", &previous).Error; err != nil {
			return err
		}
		if err := s.appendRolesChanged(tx, id, previous, roles); err != nil {
			return err
		}
		if err := tx.Where("user_id = ?", id).Delete(&UserRole{}).Error; err != nil {
			return err
		}
		for _, r := range roles {
			if err := tx.Create(&UserRole{UserID: id, Role: r}).Error; err != nil {
				return err
			}
		}
		if !active {
			return tx.Where("user_id = ?", id).Delete(&WebSession{}).Error
		}
		return nil
	})
}

// appendRolesChanged records a change of roles in the evidence log (who may see and manage what
// is part of the record); nothing is recorded when the set of roles stays the same.
func (s *Store) appendRolesChanged(tx *gorm.DB, userID int64, previous, roles []string) error {
	previous, roles = sortedRoles(previous), sortedRoles(roles)
	if slices.Equal(previous, roles) {
		return nil
	}
	payload := map[string]any{"previous": previous, "roles": roles}
	_, err := s.appendEvidence(tx, EventUserRolesChanged, &userID, payload)
	return err
}

// sortedRoles returns the roles in display order without duplicates, never nil.
func sortedRoles(roles []string) []string {
	out := []string{}
	for _, r := range AllRoles {
		if slices.Contains(roles, r) {
			out = append(out, r)
		}
	}
	return out
}

func validateRoles(roles []string) error {
	for _, r := range roles {
		if !ValidRole(r) {
			return domain.Errorf(domain.EINVALID, "unknown role %q", r)
		}
	}
	return nil
}
