package web

import (
	"context"

	"github.com/ailit/ailit/internal/compliance"
	"github.com/ailit/ailit/internal/web/form"
)

// checkOrgUnit adds an error when the chosen unit does not exist (0, no unit, is fine).
func (a *App) checkOrgUnit(ctx context.Context, unitID int64, errs form.Errors) {
	if unitID == 0 {
		return
	}
	if _, err := a.db.OrgUnitByID(ctx, unitID); err != nil {
		errs["org_unit_id"] = "form.unit.invalid"
	}
}

// placeAndSync puts a person in a unit (0: none) and syncs every assignment in the same request, so
// a changed unit or changed roles assign (and enrol) the person at once, and end memberships of
// audiences they left.
func (a *App) placeAndSync(ctx context.Context, userID, unitID int64) error {
	var unit *int64
	if unitID != 0 {
		unit = &unitID
	}
	if err := a.db.SetUserOrgUnit(ctx, userID, unit); err != nil {
		return err
	}
	joined, err := a.db.SyncAllAssignments(ctx, compliance.Pin(a.lib))
	if joined > 0 {
		a.log.Info("assignments synchronised after a change of a person", "user_id", userID, "joined", joined)
	}
	return err
}
