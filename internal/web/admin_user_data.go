package web

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/erasure"
	"github.com/ailit/ailit/internal/org"
	"github.com/ailit/ailit/internal/store"
)

// userDataPage is the data lifecycle of one person: legal holds and deleting their data.
type userDataPage struct {
	User      *store.User
	Holds     []holdRow // holds on the person and on their units
	Blocking  *store.LegalHold
	Deletable bool // not deleted yet and no hold
	Reason    string
	Confirm   string
}

type holdRow struct {
	store.LegalHold
	Scope string // the person's name, or the unit's path
}

// adminUserDataShow shows a person's legal holds and the form to delete their data.
func (a *App) adminUserDataShow(c *fiber.Ctx) error {
	return a.renderUserData(c, fiber.StatusOK, "", "", nil)
}

func (a *App) renderUserData(c *fiber.Ctx, status int, reason, confirm string, errs map[string]string) error {
	ctx := c.UserContext()
	id, _ := strconv.ParseInt(c.Params("id"), 10, 64)
	u, err := a.db.UserByID(ctx, id)
	if err != nil {
		return err
	}
	holds, err := a.holdRows(c)
	if err != nil {
		return err
	}
	page := userDataPage{User: u, Reason: reason, Confirm: confirm}
	if page.Blocking, err = a.db.HoldOf(ctx, id); err != nil {
		return err
	}
	tree, _, err := a.db.OrgTree(ctx)
	if err != nil {
		return err
	}
	for _, h := range holds {
		if (h.UserID != nil && *h.UserID == id) || (h.OrgUnitID != nil && u.OrgUnitID != nil && slices.Contains(tree.Subtree(*h.OrgUnitID), *u.OrgUnitID)) {
			page.Holds = append(page.Holds, h)
		}
	}
	page.Deletable = u.DeletedAt == nil && page.Blocking == nil
	return a.render(c, status, "admin_user_data", page, errs)
}

// holdRows lists the active holds with what they cover.
func (a *App) holdRows(c *fiber.Ctx) ([]holdRow, error) {
	ctx := c.UserContext()
	holds, err := a.db.ActiveHolds(ctx)
	if err != nil {
		return nil, err
	}
	tree, _, err := a.db.OrgTree(ctx)
	if err != nil {
		return nil, err
	}
	rows := make([]holdRow, 0, len(holds))
	for _, h := range holds {
		r := holdRow{LegalHold: h}
		switch {
		case h.UserID != nil:
			if u, err := a.db.UserByID(ctx, *h.UserID); err == nil {
				r.Scope = u.DisplayName + " (" + u.Email + ")"
			}
		case h.OrgUnitID != nil:
			r.Scope = org.JoinPath(tree.NamePath(*h.OrgUnitID))
		}
		rows = append(rows, r)
	}
	return rows, nil
}

// adminUserHoldCreate places a legal hold on the person.
func (a *App) adminUserHoldCreate(c *fiber.Ctx) error {
	id, _ := strconv.ParseInt(c.Params("id"), 10, 64)
	reason := strings.TrimSpace(c.FormValue("hold_reason"))
	t := tr(lang(c))
	if reason == "" || len(reason) > 500 {
		return a.renderUserData(c, fiber.StatusUnprocessableEntity, "", "", map[string]string{"hold_reason": t("erasure.hold.reason.required")})
	}
	if err := a.db.PlaceHold(c.UserContext(), &store.LegalHold{UserID: &id, Reason: reason, CreatedBy: currentUser(c).ID}); err != nil {
		return err
	}
	webSession(c).flash(t("erasure.hold.placed"))
	return c.Redirect("/admin/users/"+itoa(id)+"/data", fiber.StatusSeeOther)
}

// adminUserErase deletes the person's data after the admin typed their e-mail address to confirm.
func (a *App) adminUserErase(c *fiber.Ctx) error {
	ctx := c.UserContext()
	id, _ := strconv.ParseInt(c.Params("id"), 10, 64)
	u, err := a.db.UserByID(ctx, id)
	if err != nil {
		return err
	}
	t := tr(lang(c))
	reason, confirm := c.FormValue("reason"), strings.TrimSpace(c.FormValue("confirm"))
	errs := map[string]string{}
	if reason != erasure.ReasonLeft && reason != erasure.ReasonRequest {
		errs["reason"] = t("erasure.reason.required")
	}
	if !strings.EqualFold(confirm, u.Email) {
		errs["confirm"] = t("erasure.confirm.mismatch")
	}
	if len(errs) > 0 {
		return a.renderUserData(c, fiber.StatusUnprocessableEntity, reason, confirm, errs)
	}
	by := currentUser(c).ID
	if err := a.db.ErasePerson(ctx, id, reason, &by); errors.Is(err, store.ErrOnHold) {
		return a.renderUserData(c, fiber.StatusConflict, reason, confirm, map[string]string{"confirm": t("erasure.on_hold")})
	} else if err != nil {
		return err
	}
	if _, err := a.db.RemoveUnreferencedEvidenceFiles(ctx, a.cfg.DataDir); err != nil {
		return err
	}
	webSession(c).flash(t("erasure.done"))
	return c.Redirect("/admin/users/"+itoa(id)+"/data", fiber.StatusSeeOther)
}
