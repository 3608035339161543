package web

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/org"
	"github.com/ailit/ailit/internal/store"
)

// holdsPage lists the active legal holds and offers a hold on a unit.
type holdsPage struct {
	Holds  []holdRow
	Units  []orgOption
	UnitID int64
	Reason string
}

// adminHoldsList shows every active legal hold.
func (a *App) adminHoldsList(c *fiber.Ctx) error {
	return a.renderHolds(c, fiber.StatusOK, holdsPage{}, nil)
}

func (a *App) renderHolds(c *fiber.Ctx, status int, page holdsPage, errs map[string]string) error {
	holds, err := a.holdRows(c)
	if err != nil {
		return err
	}
	tree, units, err := a.db.OrgTree(c.UserContext())
	if err != nil {
		return err
	}
	page.Holds = holds
	for _, u := range units {
		page.Units = append(page.Units, orgOption{ID: u.ID, Label: org.JoinPath(tree.NamePath(u.ID))})
	}
	return a.render(c, status, "admin_holds", page, errs)
}

// adminHoldCreate places a legal hold on an org unit and everything below it.
func (a *App) adminHoldCreate(c *fiber.Ctx) error {
	t := tr(lang(c))
	unit, _ := strconv.ParseInt(c.FormValue("org_unit_id"), 10, 64)
	reason := strings.TrimSpace(c.FormValue("hold_reason"))
	errs := map[string]string{}
	if _, err := a.db.OrgUnitByID(c.UserContext(), unit); err != nil {
		errs["org_unit_id"] = t("erasure.hold.unit.required")
	}
	if reason == "" || len(reason) > 500 {
		errs["hold_reason"] = t("erasure.hold.reason.required")
	}
	if len(errs) > 0 {
		return a.renderHolds(c, fiber.StatusUnprocessableEntity, holdsPage{UnitID: unit, Reason: reason}, errs)
	}
	if err := a.db.PlaceHold(c.UserContext(), &store.LegalHold{OrgUnitID: &unit, Reason: reason, CreatedBy: currentUser(c).ID}); err != nil {
		return err
	}
	webSession(c).flash(t("erasure.hold.placed"))
	return c.Redirect("/admin/holds", fiber.StatusSeeOther)
}

// adminHoldRelease ends a hold; the next retention run deletes what was held back.
func (a *App) adminHoldRelease(c *fiber.Ctx) error {
	id, _ := strconv.ParseInt(c.Params("id"), 10, 64)
	if err := a.db.ReleaseHold(c.UserContext(), id, currentUser(c).ID); err != nil {
		return err
	}
	webSession(c).flash(tr(lang(c))("erasure.hold.released"))
	back := c.FormValue("back")
	if !strings.HasPrefix(back, "/admin/") {
		back = "/admin/holds"
	}
	return c.Redirect(back, fiber.StatusSeeOther)
}
