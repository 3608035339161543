package store

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/org"
)

// UserIdentity links an account to its identity at an identity provider: the OIDC subject or the
// stable id of an LDAP entry. One identity per provider and account.
type UserIdentity struct {
	Provider    string    `gorm:"primaryKey;size:20;uniqueIndex:idx_user_identities_user_provider,priority:2;index:idx_user_identities_login_name,priority:1"`
	Subject     string    `gorm:"primaryKey;size:255"`
	UserID      int64     `gorm:"not null;uniqueIndex:idx_user_identities_user_provider,priority:1"`
	LoginName   string    `gorm:"size:320;not null;default:'';index:idx_user_identities_login_name,priority:2"`
	CreatedAt   time.Time `gorm:"not null"`
	LastLoginAt time.Time `gorm:"not null"`
}

// ExternalLogin is what an identity provider says about a person at login, already mapped to
// ailit's roles and unit.
type ExternalLogin struct {
	Provider        string // "oidc" or "ldap"
	Subject         string // stable id at the provider
	LoginName       string // what the person typed (LDAP), "" for OIDC
	Email           string
	DisplayName     string
	PersonnelNumber string   // "" keeps the stored number
	Roles           []string // replace the account's roles; nil keeps them (a new account gets learner)
	OrgUnitID       *int64   // nil keeps the unit
}

// Errors of LoginExternal the login pages tell apart.
var (
	ErrAccountInactive   = domain.Errorf(domain.EFORBIDDEN, "the account is deactivated in ailit")
	ErrIdentityConflict  = domain.Keyed(domain.ECONFLICT, "store.identity.conflict", "the account is linked to another identity of this provider")
	ErrExternalEmailUsed = domain.Keyed(domain.ECONFLICT, "store.identity.used", "another account uses this email address or personnel number")
)

// LoginExternal finds the account of an external identity, or links an existing account (known
// from the HR import, matched by personnel number, then by email), or creates one; then it brings
// name, email, personnel number, unit and roles up to date. All in one transaction: on any error
// nothing is created or changed. A deactivated account is refused with ErrAccountInactive.
func (s *Store) LoginExternal(ctx context.Context, in ExternalLogin) (*User, error) {
	in.Email = NormalizeEmail(in.Email)
	if in.Provider == "" || in.Subject == "" || in.Email == "" {
		return nil, domain.Errorf(domain.EINVALID, "an external login needs provider, subject and email")
	}
	if err := validateRoles(in.Roles); err != nil {
		return nil, err
	}
	var userID int64
	err := s.inTx(ctx, func(tx *gorm.DB) error {
		u, linked, err := findExternal(tx, in)
		if err != nil {
			return err
		}
		now := s.Now()
		if u == nil {
			if u, err = s.createExternal(tx, in); err != nil {
				return err
			}
		} else if !u.Active {
			return ErrAccountInactive
		} else if err := s.updateExternal(tx, u, in); err != nil {
			return err
		}
		userID = u.ID
		if linked {
			return tx.Model(&UserIdentity{}).Where("provider = ? AND subject = ?", in.Provider, in.Subject).
				Updates(map[string]any{"login_name": NormalizeEmail(in.LoginName), "last_login_at": now}).Error
		}
		return tx.Create(&UserIdentity{Provider: in.Provider, Subject: in.Subject, UserID: u.ID,
			LoginName: NormalizeEmail(in.LoginName), CreatedAt: now, LastLoginAt: now}).Error
	})
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return nil, ErrExternalEmailUsed
	}
	if err != nil {
		return nil, err
	}
	return s.UserByID(ctx, userID)
}

// findExternal returns the account linked to the identity (linked = true), or the account to link:
// same personnel number, else same email. nil means a new account.
func findExternal(tx *gorm.DB, in ExternalLogin) (u *User, linked bool, err error) {
	var id UserIdentity
	err = tx.Where("provider = ? AND subject = ?", in.Provider, in.Subject).Take(&id).Error
	if err == nil {
		u = &User{}
		return u, true, tx.Preload("Roles").First(u, id.UserID).Error
	} else if !errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, false, err
	}
	var candidates []User
	if in.PersonnelNumber != "" {
		if err := tx.Preload("Roles").Where("personnel_number = ?", in.PersonnelNumber).Find(&candidates).Error; err != nil {
			return nil, false, err
		}
	}
	if len(candidates) == 0 {
		if err := tx.Preload("Roles").Where("email = ?", in.Email).Find(&candidates).Error; err != nil {
			return nil, false, err
		}
	}
	if len(candidates) == 0 {
		return nil, false, nil
	}
	u = &candidates[0]
	var other int64
	if err := tx.Model(&UserIdentity{}).Where("user_id = ? AND provider = ?", u.ID, in.Provider).Count(&other).Error; err != nil {
		return nil, false, err
	}
	if other > 0 {
		return nil, false, ErrIdentityConflict
	}
	return u, false, nil
}

func (s *Store) createExternal(tx *gorm.DB, in ExternalLogin) (*User, error) {
	roles := in.Roles
	if len(roles) == 0 {
		roles = []string{RoleLearner}
	}
	u := &User{Email: in.Email, DisplayName: in.DisplayName, Active: true, OrgUnitID: in.OrgUnitID}
	if u.DisplayName == "" {
		u.DisplayName = in.Email
	}
	if in.PersonnelNumber != "" {
		number := in.PersonnelNumber
		u.PersonnelNumber = &number
	}
	for _, r := range roles {
		u.Roles = append(u.Roles, UserRole{Role: r})
	}
	if err := tx.Create(u).Error; err != nil {
		return nil, err
	}
	return u, s.appendRolesChanged(tx, u.ID, nil, roles)
}

// updateExternal brings the account in line with the provider: movers change unit, roles follow
// the groups, a new email or name is taken over. A value another account holds is a conflict.
func (s *Store) updateExternal(tx *gorm.DB, u *User, in ExternalLogin) error {
	changes := map[string]any{"email": in.Email, "updated_at": s.Now()}
	if in.DisplayName != "" {
		changes["display_name"] = in.DisplayName
	}
	if in.PersonnelNumber != "" {
		changes["personnel_number"] = in.PersonnelNumber
	}
	if in.OrgUnitID != nil {
		changes["org_unit_id"] = *in.OrgUnitID
	}
	var clash int64
	q := tx.Model(&User{}).Where("id <> ? AND email = ?", u.ID, in.Email)
	if in.PersonnelNumber != "" {
		q = tx.Model(&User{}).Where("id <> ? AND (email = ? OR personnel_number = ?)", u.ID, in.Email, in.PersonnelNumber)
	}
	if err := q.Count(&clash).Error; err != nil {
		return err
	}
	if clash > 0 {
		return ErrExternalEmailUsed
	}
	if err := tx.Model(&User{}).Where("id = ?", u.ID).Updates(changes).Error; err != nil {
		return err
	}
	if in.Roles == nil {
		return nil
	}
	return s.replaceRoles(tx, u.ID, u.RoleNames(), sortedRoles(in.Roles))
}

// DeactivateExternal deactivates the account linked to an identity, found by subject or, when the
// directory no longer knows the person, by the login name last used, and ends its sessions. It
// returns the account's id, or 0 when no account is linked. Records stay.
func (s *Store) DeactivateExternal(ctx context.Context, provider, subject, loginName string) (int64, error) {
	var id UserIdentity
	q := s.r.WithContext(ctx).Where("provider = ?", provider)
	if subject != "" {
		q = q.Where("subject = ?", subject)
	} else {
		q = q.Where("login_name = ?", NormalizeEmail(loginName))
	}
	if err := q.Take(&id).Error; errors.Is(err, gorm.ErrRecordNotFound) {
		return 0, nil
	} else if err != nil {
		return 0, err
	}
	return id.UserID, s.SetActive(ctx, id.UserID, false)
}

// IdentitiesOf returns the account's links to identity providers.
func (s *Store) IdentitiesOf(ctx context.Context, userID int64) ([]UserIdentity, error) {
	var ids []UserIdentity
	err := s.r.WithContext(ctx).Where("user_id = ?", userID).Order("provider").Find(&ids).Error
	return ids, err
}

// OrgUnitByNamePath finds a unit by its names from the root down ("Stadtverwaltung/Bauamt"), as
// HR files and directories write them.
func (s *Store) OrgUnitByNamePath(ctx context.Context, path string) (*OrgUnit, error) {
	tree, units, err := s.OrgTree(ctx)
	if err != nil {
		return nil, err
	}
	want := org.JoinPath(org.SplitPath(path))
	for i := range units {
		if org.JoinPath(tree.NamePath(units[i].ID)) == want {
			return &units[i], nil
		}
	}
	return nil, domain.Errorf(domain.ENOTFOUND, "org unit %q not found", path)
}
