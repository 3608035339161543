// Package sso logs people in through an identity provider: OpenID Connect (Keycloak, Univention
// Nubus, …) or a password check against LDAP / Active Directory. A mapping file turns claims,
// attributes and groups into ailit's roles and org unit, applied at every login so that movers and
// leavers are reflected. Sessions stay ailit's own; MFA is the identity provider's business.
package sso

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/ailit/ailit/internal/store"
)

// Mapping says which claim (OIDC) or attribute (LDAP) carries what, which groups give which roles,
// and how the org unit is found. The zero value is not useful; use DefaultMapping or LoadMapping.
type Mapping struct {
	OIDC         Fields              `yaml:"oidc"`
	LDAP         Fields              `yaml:"ldap"`
	Roles        map[string][]string `yaml:"roles"`         // group → roles; groups compared case-insensitively
	DefaultRoles []string            `yaml:"default_roles"` // everybody who logs in gets these
	OrgUnit      UnitRule            `yaml:"org_unit"`
	// AISystemRoles gives roles for AI systems of the inventory: group → ["system-key:role", …],
	// e.g. "KI-Aufsicht-Chatbot": ["chatbot-buergerservice:oversight"]. Empty: SSO gives none.
	AISystemRoles map[string][]string `yaml:"ai_system_roles"`
}

// Fields names the claims or attributes that carry each value. Empty: the value is not used.
type Fields struct {
	ID              string `yaml:"id"` // LDAP only: the entry's stable id (entryUUID, objectGUID)
	Email           string `yaml:"email"`
	Name            string `yaml:"name"`
	PersonnelNumber string `yaml:"personnel_number"`
	Groups          string `yaml:"groups"`
	OrgUnit         string `yaml:"org_unit"`
}

// UnitRule says how the org unit value is read: "path" (names from the root down, as in the HR
// file: "Stadtverwaltung/Bauamt") or "id" (ailit's unit number). Units maps directory values such
// as department codes to paths first. Required refuses a login without a known unit.
type UnitRule struct {
	Match    string            `yaml:"match"`
	Required bool              `yaml:"required"`
	Units    map[string]string `yaml:"units"`
}

// Unit match kinds.
const (
	MatchPath = "path"
	MatchID   = "id"
)

// DefaultMapping is used without a mapping file: common claim and attribute names, everybody a
// learner, roles otherwise kept as set in ailit, the unit by path when the directory sends one.
func DefaultMapping() *Mapping {
	return &Mapping{
		OIDC: Fields{Email: "email", Name: "name", PersonnelNumber: "personnel_number", Groups: "groups", OrgUnit: "org_unit"},
		LDAP: Fields{ID: "entryUUID", Email: "mail", Name: "displayName", PersonnelNumber: "employeeNumber",
			Groups: "memberOf", OrgUnit: "departmentNumber"},
		DefaultRoles: []string{store.RoleLearner},
		OrgUnit:      UnitRule{Match: MatchPath},
	}
}

// LoadMapping reads a mapping file strictly: an unknown key or a wrong type is an error with line
// and column. Keys the file leaves out keep their defaults. An empty path means DefaultMapping.
func LoadMapping(path string) (*Mapping, error) {
	m := DefaultMapping()
	if path == "" {
		return m, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("AILIT_SSO_MAPPING_FILE: %w", err)
	}
	if err := yaml.UnmarshalWithOptions(data, m, yaml.Strict(), yaml.DisallowUnknownField()); err != nil {
		return nil, fmt.Errorf("AILIT_SSO_MAPPING_FILE %s:\n%s", path, yaml.FormatError(err, false, true))
	}
	if err := m.validate(); err != nil {
		return nil, fmt.Errorf("AILIT_SSO_MAPPING_FILE %s: %w", path, err)
	}
	return m, nil
}

func (m *Mapping) validate() error {
	for group, roles := range m.Roles {
		for _, r := range roles {
			if !store.ValidRole(r) {
				return fmt.Errorf("roles: group %q: unknown role %q (expected one of %s)", group, r, strings.Join(store.AllRoles, ", "))
			}
		}
	}
	for _, r := range m.DefaultRoles {
		if !store.ValidRole(r) {
			return fmt.Errorf("default_roles: unknown role %q (expected one of %s)", r, strings.Join(store.AllRoles, ", "))
		}
	}
	if err := validateAISystemRoles(m.AISystemRoles); err != nil {
		return err
	}
	if m.OrgUnit.Match != MatchPath && m.OrgUnit.Match != MatchID {
		return fmt.Errorf("org_unit.match: %q: expected path or id", m.OrgUnit.Match)
	}
	if m.OIDC.Email == "" || m.LDAP.Email == "" || m.LDAP.ID == "" {
		return errors.New("oidc.email, ldap.email and ldap.id must name a claim or attribute")
	}
	return nil
}

// Attributes are the claims of an ID token or the attributes of an LDAP entry, each as strings.
type Attributes map[string][]string

// First returns the first non-empty value of the named attribute; names compare case-insensitively,
// as LDAP does.
func (a Attributes) First(name string) string {
	for _, v := range a.All(name) {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// All returns every value of the named attribute.
func (a Attributes) All(name string) []string {
	if name == "" {
		return nil
	}
	if vs, ok := a[name]; ok {
		return vs
	}
	for k, vs := range a {
		if strings.EqualFold(k, name) {
			return vs
		}
	}
	return nil
}

// Profile is what ailit takes from the identity provider at a login.
type Profile struct {
	Email, DisplayName, PersonnelNumber string
	Roles                               []string // nil: the mapping manages no roles, keep the account's
	Unit                                UnitRef
	AISystemRoles                       []store.SystemRole // nil: the mapping gives no AI system roles
}

// UnitRef points at an org unit by path or by ailit's id; the zero value means none was sent.
type UnitRef struct {
	Path string
	ID   int64
}

// None reports whether no unit was sent.
func (u UnitRef) None() bool { return u.Path == "" && u.ID == 0 }

// Reasons a login is refused after the provider said yes; the login page explains each.
var (
	ErrNoEmail     = errors.New("sso: the identity provider sent no email address")
	ErrNoUnit      = errors.New("sso: the identity provider sent no org unit")
	ErrUnknownUnit = errors.New("sso: the org unit is not known in ailit")
)

// Profile maps the attributes of one login with the fields of one source (m.OIDC or m.LDAP).
func (m *Mapping) Profile(f Fields, attrs Attributes) (Profile, error) {
	p := Profile{
		Email:           attrs.First(f.Email),
		DisplayName:     attrs.First(f.Name),
		PersonnelNumber: attrs.First(f.PersonnelNumber),
	}
	if p.Email == "" {
		return p, ErrNoEmail
	}
	if len(m.Roles) > 0 {
		p.Roles = m.rolesOf(attrs.All(f.Groups))
	}
	if len(m.AISystemRoles) > 0 {
		p.AISystemRoles = m.aiSystemRolesOf(attrs.All(f.Groups))
	}
	unit, err := m.unitOf(attrs.First(f.OrgUnit))
	if err != nil {
		return p, err
	}
	p.Unit = unit
	return p, nil
}

// rolesOf returns the default roles plus those of every mapped group, in display order.
func (m *Mapping) rolesOf(groups []string) []string {
	granted := slices.Clone(m.DefaultRoles)
	for group, roles := range m.Roles {
		if slices.ContainsFunc(groups, func(g string) bool { return strings.EqualFold(strings.TrimSpace(g), group) }) {
			granted = append(granted, roles...)
		}
	}
	var out []string
	for _, r := range store.AllRoles {
		if slices.Contains(granted, r) {
			out = append(out, r)
		}
	}
	return out
}

func (m *Mapping) unitOf(value string) (UnitRef, error) {
	if alias, ok := m.OrgUnit.Units[value]; ok && value != "" {
		return UnitRef{Path: alias}, nil
	}
	switch {
	case value == "" && m.OrgUnit.Required:
		return UnitRef{}, ErrNoUnit
	case value == "":
		return UnitRef{}, nil
	case m.OrgUnit.Match == MatchID:
		id, err := strconv.ParseInt(value, 10, 64)
		if err != nil || id <= 0 {
			return UnitRef{}, fmt.Errorf("%w: %q is not a unit number", ErrUnknownUnit, value)
		}
		return UnitRef{ID: id}, nil
	default:
		return UnitRef{Path: value}, nil
	}
}
