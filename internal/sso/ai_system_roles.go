package sso

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ailit/ailit/internal/inventory"
	"github.com/ailit/ailit/internal/store"
)

// validateAISystemRoles checks the ai_system_roles of a mapping file: "system-key:role" entries.
func validateAISystemRoles(m map[string][]string) error {
	for group, entries := range m {
		for _, e := range entries {
			if _, err := parseSystemRole(e); err != nil {
				return fmt.Errorf("ai_system_roles: group %q: %w", group, err)
			}
		}
	}
	return nil
}

func parseSystemRole(e string) (store.SystemRole, error) {
	key, role, ok := strings.Cut(strings.TrimSpace(e), ":")
	if !ok || !inventory.ValidKey(key) || !inventory.ValidRole(role) {
		return store.SystemRole{}, fmt.Errorf("%q: expected system-key:role with role one of %s", e, strings.Join(inventory.Roles, ", "))
	}
	return store.SystemRole{Key: key, Role: role}, nil
}

// aiSystemRolesOf returns the AI system roles of every mapped group the person is in, sorted.
func (m *Mapping) aiSystemRolesOf(groups []string) []store.SystemRole {
	out := []store.SystemRole{}
	for group, entries := range m.AISystemRoles {
		if !slices.ContainsFunc(groups, func(g string) bool { return strings.EqualFold(strings.TrimSpace(g), group) }) {
			continue
		}
		for _, e := range entries {
			if r, err := parseSystemRole(e); err == nil && !slices.Contains(out, r) {
				out = append(out, r)
			}
		}
	}
	slices.SortFunc(out, func(a, b store.SystemRole) int { return strings.Compare(a.Key+" "+a.Role, b.Key+" "+b.Role) })
	return out
}
