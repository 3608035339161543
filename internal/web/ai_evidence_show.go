package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/reporting"
	"github.com/ailit/ailit/internal/store"
)

type aiEvidencePage struct {
	Systems []reporting.AISystemEvidence
	All     bool
	K       int
}

// aiEvidenceShow is the Art. 4 record per AI system for admins and managers: a manager sees the
// people of their units only, counts below k are hidden and names follow the privacy level. Every
// view is logged like the other reports.
func (a *App) aiEvidenceShow(c *fiber.Ctx) error {
	ctx := c.UserContext()
	rs, err := a.reportSettings(c)
	if err != nil {
		return err
	}
	src, err := reporting.New(ctx, a.db, a.lib, a.db.Now())
	if err != nil {
		return err
	}
	sc := store.ScopeOf(currentUser(c))
	systems, err := src.AISystems(ctx, sc, rs)
	if err != nil {
		return err
	}
	e := &store.ReportExport{UserID: &currentUser(c).ID, Actor: currentUser(c).Email, Kind: store.ReportView, Format: "html", RowCount: int64(len(systems))}
	if err := a.db.LogReport(ctx, e, map[string]string{"page": "ai_systems"}); err != nil {
		return err
	}
	return a.render(c, fiber.StatusOK, "ai_evidence", aiEvidencePage{Systems: systems, All: sc.All, K: rs.K}, nil)
}
