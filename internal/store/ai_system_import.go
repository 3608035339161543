package store

import (
	"context"
	"strings"

	"gorm.io/gorm"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/inventory"
	"github.com/ailit/ailit/internal/org"
)

// InventoryEntries returns the whole inventory as file entries (units as name paths), for export.
// Role holders are people data and stay out of the file.
func (s *Store) InventoryEntries(ctx context.Context) ([]inventory.Entry, error) {
	systems, err := s.AISystems(ctx)
	if err != nil {
		return nil, err
	}
	tree, _, err := s.OrgTree(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]inventory.Entry, 0, len(systems))
	for i := range systems {
		e := inventory.Entry{System: systems[i].Model(), Rules: systems[i].PureRules()}
		for _, id := range systems[i].UnitIDs() {
			e.Units = append(e.Units, org.JoinPath(tree.NamePath(id)))
		}
		out = append(out, e)
	}
	return out, nil
}

// InventoryImportContext is what planning an import needs from the database: which keys exist
// and the units by name path (compared without regard to case and spaces around "/").
func (s *Store) InventoryImportContext(ctx context.Context) (exists func(string) bool, unitID func(string) (int64, bool), err error) {
	var keys []string
	if err := s.r.WithContext(ctx).Model(&AISystem{}).Pluck("system_key", &keys).Error; err != nil {
		return nil, nil, err
	}
	tree, units, err := s.OrgTree(ctx)
	if err != nil {
		return nil, nil, err
	}
	byPath := map[string]int64{}
	for _, u := range units {
		byPath[strings.ToLower(org.JoinPath(tree.NamePath(u.ID)))] = u.ID
	}
	known := map[string]bool{}
	for _, k := range keys {
		known[k] = true
	}
	return func(k string) bool { return known[k] },
		func(p string) (int64, bool) {
			id, ok := byPath[strings.ToLower(org.JoinPath(org.SplitPath(p)))]
			return id, ok
		}, nil
}

// ApplyInventoryImport applies a checked plan in one transaction: every system of the file is
// created or replaced (fields, units, rules) and logged, or nothing is. Role holders of existing
// systems are kept. Call SyncAllAISystems afterwards.
func (s *Store) ApplyInventoryImport(ctx context.Context, by int64, p *inventory.ImportPlan) error {
	if !p.Ok() {
		return domain.Errorf(domain.EINVALID, "the import has %d errors: nothing was imported", len(p.Errors))
	}
	return s.inTx(ctx, func(tx *gorm.DB) error {
		var keys []string
		for _, group := range [][]inventory.Entry{p.Creates, p.Updates} {
			for _, e := range group {
				var ids []int64
				if err := tx.Model(&AISystem{}).Where("system_key = ?", e.System.Key).Pluck("id", &ids).Error; err != nil {
					return err
				}
				id := int64(0)
				if len(ids) == 1 {
					id = ids[0]
				}
				units := make([]int64, 0, len(e.Units))
				for _, u := range e.Units {
					units = append(units, p.UnitIDs[u])
				}
				id, err := s.saveAISystem(tx, by, id, e.System, units)
				if err != nil {
					return err
				}
				if err := s.saveAISystemRules(tx, by, id, e.Rules); err != nil {
					return err
				}
				keys = append(keys, e.System.Key)
			}
		}
		_, err := s.appendEvidence(tx, EventAISystemImport, nil, map[string]any{"created": len(p.Creates),
			"updated": len(p.Updates), "keys": keys, "by": by})
		return err
	})
}
