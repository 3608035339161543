package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/measure"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/form"
)

// policyConfirm records that the person read the policy version shown to them: the completion
// carries the document version and its content hash, and completes their assignments of it.
func (a *App) policyConfirm(c *fiber.Ctx) error {
	p, err := a.policyParam(c)
	if err != nil {
		return err
	}
	u, latest := currentUser(c), p.Latest()
	f := form.NewPolicyConfirm(formValues(c))
	if errs := f.Validate(latest.Version, latest.Hash); len(errs) > 0 {
		page, err := a.policyPageOf(c.UserContext(), p, u.ID, lang(c))
		if err != nil {
			return err
		}
		return a.render(c, fiber.StatusUnprocessableEntity, "policy", page, errs.Translate(tr(lang(c))))
	}
	_, created, err := a.db.CompleteMeasureNow(c.UserContext(), store.MeasureCompletion{UserID: u.ID,
		Measure: measure.Ref{Kind: measure.Policy, ID: p.ID}, Version: latest.Version, ContentHash: latest.Hash})
	if err != nil {
		return err
	}
	if created {
		a.log.Info("policy confirmed", "user_id", u.ID, "policy", p.ID, "version", latest.Version)
		webSession(c).flash(tr(lang(c))("policy.flash.confirmed", latest.Title(lang(c)), latest.Version))
	}
	return c.Redirect("/policies/"+p.ID, fiber.StatusSeeOther)
}
