package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/evidencefile"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/form"
)

// teamEvidencePage lists the uploads of the people the reviewer may see.
type teamEvidencePage struct {
	Uploads []store.EvidenceUpload
	Form    form.EvidenceDecision
	FormID  int64 // the upload whose decision form has errors
}

// teamEvidenceShow lists uploads to review (pending first) for a manager's units or an admin.
func (a *App) teamEvidenceShow(c *fiber.Ctx) error {
	return a.renderTeamEvidence(c, fiber.StatusOK, teamEvidencePage{}, nil)
}

func (a *App) renderTeamEvidence(c *fiber.Ctx, status int, p teamEvidencePage, errs map[string]string) error {
	uploads, err := a.db.EvidenceInScope(c.UserContext(), store.ScopeOf(currentUser(c)), "")
	if err != nil {
		return err
	}
	p.Uploads = uploads
	return a.render(c, status, "team_evidence", p, errs)
}

// teamEvidenceDecide accepts (which completes the measure) or rejects an upload with a reason.
func (a *App) teamEvidenceDecide(c *fiber.Ctx) error {
	id, _ := strconv.ParseInt(c.Params("id"), 10, 64)
	u, t := currentUser(c), tr(lang(c))
	f := form.NewEvidenceDecision(formValues(c))
	if errs := f.Validate(); len(errs) > 0 {
		return a.renderTeamEvidence(c, fiber.StatusUnprocessableEntity, teamEvidencePage{Form: f, FormID: id}, errs.Translate(t))
	}
	e, err := a.db.DecideEvidence(c.UserContext(), store.ScopeOf(u), id, u.ID, f.Accept, f.Reason)
	if domain.ErrorCode(err) == domain.ECONFLICT {
		webSession(c).flash(t("evidence.flash.decided_already"))
		return c.Redirect("/team/evidence", fiber.StatusSeeOther)
	} else if err != nil {
		return err
	}
	a.log.Info("external evidence decided", "by", u.ID, "evidence_id", e.ID, "status", e.Status)
	webSession(c).flash(t("evidence.flash."+e.Status, e.Title))
	return c.Redirect("/team/evidence", fiber.StatusSeeOther)
}

func extensionOf(contentType string) string { return evidencefile.Extension(contentType) }
