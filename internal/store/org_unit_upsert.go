package store

import (
	"context"

	"gorm.io/gorm"

	"github.com/ailit/ailit/internal/org"
)

// EventOrgUnitsEnsured records units created through the REST API.
const EventOrgUnitsEnsured = "org.units.ensured"

// EnsureOrgUnits makes sure every path (names from the top, as in the HR import) exists: missing
// units are created, parents first, the way the HR import creates them; existing ones are left as
// they are. It returns the paths it created (or, with dryRun, would create). It is all or nothing.
func (s *Store) EnsureOrgUnits(ctx context.Context, paths [][]string, dryRun bool) ([]string, error) {
	if dryRun {
		_, known, _, err := s.importSnapshot(s.r.WithContext(ctx))
		if err != nil {
			return nil, err
		}
		return missingUnits(paths, known), nil
	}
	var created []string
	err := s.inTx(ctx, func(tx *gorm.DB) error {
		_, known, unitByPath, err := s.importSnapshot(tx)
		if err != nil {
			return err
		}
		created = missingUnits(paths, known)
		for _, p := range created {
			if err := s.createUnitAtPath(tx, p, unitByPath); err != nil {
				return err
			}
		}
		if len(created) == 0 {
			return nil
		}
		_, err = s.appendEvidence(tx, EventOrgUnitsEnsured, nil, map[string]any{"created": created})
		return err
	})
	return created, err
}

// createUnitAtPath creates the unit a path names under its parent, which must be in unitByPath
// already (parents come first), and adds the new unit to unitByPath.
func (s *Store) createUnitAtPath(tx *gorm.DB, path string, unitByPath map[string]int64) error {
	names := org.SplitPath(path)
	var parent *int64
	if len(names) > 1 {
		id := unitByPath[org.JoinPath(names[:len(names)-1])]
		parent = &id
	}
	u, err := s.createOrgUnit(tx, parent, names[len(names)-1])
	if err != nil {
		return err
	}
	unitByPath[path] = u.ID
	return nil
}

// missingUnits lists the paths, and their parents, that are not among known, parents first.
func missingUnits(paths [][]string, known []string) []string {
	have := map[string]bool{}
	for _, k := range known {
		have[k] = true
	}
	var out []string
	for _, names := range paths {
		for i := range names {
			p := org.JoinPath(names[:i+1])
			if !have[p] {
				have[p] = true
				out = append(out, p)
			}
		}
	}
	return out
}
