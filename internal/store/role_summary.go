package store

import (
	"context"
	"sort"
)

// RoleSummary is who holds which role, as the privacy documents name them: counts of active people
// per role, and the names of the administrators (the people responsible for the configuration).
type RoleSummary struct {
	Active  int64            // active accounts
	PerRole map[string]int64 // active accounts per role
	Admins  []string         // display names of the active administrators, sorted
}

// RoleSummary counts the active people per role.
func (s *Store) RoleSummary(ctx context.Context) (RoleSummary, error) {
	sum := RoleSummary{PerRole: map[string]int64{}}
	db := s.r.WithContext(ctx)
	if err := db.Model(&User{}).Where("active").Count(&sum.Active).Error; err != nil {
		return sum, err
	}
	var rows []struct {
		Role string
		N    int64
	}
	err := db.Table("user_roles").Select("user_roles.role AS role, COUNT(*) AS n").
		Joins("JOIN users ON users.id = user_roles.user_id").Where("users.active").Group("user_roles.role").Scan(&rows).Error
	if err != nil {
		return sum, err
	}
	for _, r := range rows {
		sum.PerRole[r.Role] = r.N
	}
	err = db.Model(&User{}).Joins("JOIN user_roles ON user_roles.user_id = users.id").
		Where("users.active AND user_roles.role = ?", RoleAdmin).Pluck("users.display_name", &sum.Admins).Error
	sort.Strings(sum.Admins)
	return sum, err
}
