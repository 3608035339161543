package sso

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/store"
)

// Provider names as stored in user_identities.
const (
	ProviderOIDC = "oidc"
	ProviderLDAP = "ldap"
)

// Provisioner turns a successful login at a provider into an ailit account: found by its link,
// linked to the HR account, or created, and brought up to date, all in one transaction.
type Provisioner struct {
	DB      *store.Store
	Mapping *Mapping
	Log     *slog.Logger
}

// Login provisions the account for subject at provider with the mapped profile.
func (p *Provisioner) Login(ctx context.Context, provider, subject, loginName string, prof Profile) (*store.User, error) {
	unitID, err := p.resolveUnit(ctx, prof.Unit)
	if err != nil {
		return nil, err
	}
	u, err := p.DB.LoginExternal(ctx, store.ExternalLogin{
		Provider: provider, Subject: subject, LoginName: loginName,
		Email: prof.Email, DisplayName: prof.DisplayName, PersonnelNumber: prof.PersonnelNumber,
		Roles: prof.Roles, OrgUnitID: unitID,
	})
	if err != nil || prof.AISystemRoles == nil {
		return u, err
	}
	// Roles for AI systems follow the groups at every login, like the platform roles; the
	// systems whose holders changed get their assignments derived again.
	changed, err := p.DB.ReplaceSSOHolders(ctx, u.ID, prof.AISystemRoles)
	if err != nil {
		return nil, err
	}
	for _, id := range changed {
		if _, err := p.DB.SyncAISystem(ctx, 0, id, nil, nil); err != nil {
			p.Log.Warn("AI system assignments not derived after an SSO login", "ai_system_id", id, "err", err)
		}
	}
	return u, nil
}

// resolveUnit finds the unit the provider named. A unit ailit does not know refuses the login when
// the mapping requires a unit; otherwise the account keeps its unit and IT finds a warning in the log.
func (p *Provisioner) resolveUnit(ctx context.Context, ref UnitRef) (*int64, error) {
	if ref.None() {
		return nil, nil
	}
	var u *store.OrgUnit
	var err error
	if ref.ID != 0 {
		u, err = p.DB.OrgUnitByID(ctx, ref.ID)
	} else {
		u, err = p.DB.OrgUnitByNamePath(ctx, ref.Path)
	}
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		if p.Mapping.OrgUnit.Required {
			return nil, fmt.Errorf("%w: %s", ErrUnknownUnit, describe(ref))
		}
		p.Log.Warn("sso: org unit from the identity provider is not known in ailit; the account keeps its unit", "unit", describe(ref))
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &u.ID, nil
}

func describe(ref UnitRef) string {
	if ref.ID != 0 {
		return fmt.Sprintf("id %d", ref.ID)
	}
	return fmt.Sprintf("path %q", ref.Path)
}
