package sso

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestProfileMapsGroupsToRolesAndReadsTheUnit(t *testing.T) {
	m := DefaultMapping()
	m.Roles = map[string][]string{"/ailit/admins": {"admin"}}
	m.OrgUnit.Units = map[string]string{"60": "Stadtverwaltung/Bauamt"}
	cases := []struct {
		name  string
		attrs Attributes
		roles []string
		unit  UnitRef
		err   error
	}{
		{"group matches case-insensitively", Attributes{"email": {"a@x"}, "groups": {"/AILIT/Admins"}, "org_unit": {"A/B"}}, []string{"learner", "admin"}, UnitRef{Path: "A/B"}, nil},
		{"no group: default roles", Attributes{"email": {"a@x"}}, []string{"learner"}, UnitRef{}, nil},
		{"unit code from the units table", Attributes{"email": {"a@x"}, "org_unit": {"60"}}, []string{"learner"}, UnitRef{Path: "Stadtverwaltung/Bauamt"}, nil},
		{"no email", Attributes{"name": {"A"}}, nil, UnitRef{}, ErrNoEmail},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := m.Profile(m.OIDC, c.attrs)
			if err != c.err || (err == nil && (!slices.Equal(p.Roles, c.roles) || p.Unit != c.unit)) {
				t.Fatalf("%+v %v", p, err)
			}
		})
	}
	m.OrgUnit.Required = true
	if _, err := m.Profile(m.OIDC, Attributes{"email": {"a@x"}}); err != ErrNoUnit {
		t.Fatalf("required unit missing: %v", err)
	}
}

func TestLoadMappingRefusesUnknownRolesAndKeys(t *testing.T) {
	for body, want := range map[string]string{
		"roles:\n  g: [chef]\n":      "unknown role \"chef\"",
		"org_unit:\n  match: name\n": "expected path or id",
		"rolle:\n  g: [admin]\n":     "[1:1]",
		"default_roles: learner\n":   "[1:16]",
	} {
		path := filepath.Join(t.TempDir(), "m.yaml")
		_ = os.WriteFile(path, []byte(body), 0o600)
		if _, err := LoadMapping(path); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", body, err, want)
		}
	}
}
