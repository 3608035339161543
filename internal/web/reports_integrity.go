package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/report"
	"github.com/ailit/ailit/internal/store"
)

// reportsIntegrity downloads the integrity file of a logged CSV export (FILE.csv.integrity.json).
// A manager gets the files of their own exports, an admin every one; anything else is "not found",
// so ids of other people's exports reveal nothing.
func (a *App) reportsIntegrity(c *fiber.Ctx) error {
	id, _ := strconv.ParseInt(c.Params("id"), 10, 64)
	e, err := a.db.ReportExportByID(c.UserContext(), id)
	if err != nil {
		return err
	}
	u := currentUser(c)
	mine := e.UserID != nil && *e.UserID == u.ID
	if e.Integrity == "" || !mine && !u.HasRole(store.RoleAdmin) {
		return domain.Errorf(domain.ENOTFOUND, "no integrity file")
	}
	sc, err := report.ParseSidecar([]byte(e.Integrity))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/json")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+sc.File+report.SidecarSuffix+`"`)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.SendString(e.Integrity)
}
