package web

import (
	"context"
	"html/template"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/measure"
	"github.com/ailit/ailit/internal/store"
)

// policyPage is a policy document with the reader's confirmation state.
type policyPage struct {
	Version   *content.PolicyVersion
	DocLang   string // the language the document is shown in
	Title     string
	HTML      template.HTML
	Confirmed *store.Completion // the confirmation that counts, if any
	Earlier   *store.Completion // a confirmation of an earlier version that no longer counts
	Needs     bool
}

// policyShow shows the newest version of a policy in the reader's language and, when they have
// not confirmed it (or a new major version came out), the confirmation form.
func (a *App) policyShow(c *fiber.Ctx) error {
	p, err := a.policyParam(c)
	if err != nil {
		return err
	}
	page, err := a.policyPageOf(c.UserContext(), p, currentUser(c).ID, lang(c))
	if err != nil {
		return err
	}
	return a.render(c, fiber.StatusOK, "policy", page, nil)
}

func (a *App) policyParam(c *fiber.Ctx) (*content.Policy, error) {
	p := a.lib.Catalog().Policy(c.Params("policy"))
	if p == nil || p.Latest() == nil {
		return nil, domain.Errorf(domain.ENOTFOUND, "no published policy %q", c.Params("policy"))
	}
	return p, nil
}

func (a *App) policyPageOf(ctx context.Context, p *content.Policy, userID int64, uiLang string) (*policyPage, error) {
	v := p.Latest()
	docLang := v.Language(uiLang)
	page := &policyPage{Version: v, DocLang: docLang, Title: v.Titles[docLang], HTML: v.HTML[docLang]}
	cs, err := a.db.MeasureCompletionsOf(ctx, userID, measure.Ref{Kind: measure.Policy, ID: p.ID})
	if err != nil {
		return nil, err
	}
	releases := policyReleases(p)
	for i := range cs {
		if cs[i].RevokedAt != nil {
			continue
		}
		if measure.ConfirmationCounts(releases, cs[i].Version) {
			if page.Confirmed == nil {
				page.Confirmed = &cs[i]
			}
		} else if page.Earlier == nil {
			page.Earlier = &cs[i]
		}
	}
	page.Needs = page.Confirmed == nil
	return page, nil
}

// policyReleases lists a policy's versions for the confirmation rule.
func policyReleases(p *content.Policy) []measure.PolicyRelease {
	var out []measure.PolicyRelease
	for _, v := range p.Versions() {
		out = append(out, measure.PolicyRelease{Version: v.Version, Major: v.Change == content.ChangeMajor})
	}
	return out
}
