package web

import (
	"context"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/compliance"
	"github.com/ailit/ailit/internal/inventory"
	"github.com/ailit/ailit/internal/measure"
	"github.com/ailit/ailit/internal/org"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/form"
)

// inventoryChoices is what the system form offers: the fixed lists and the org units.
type inventoryChoices struct {
	Statuses        []inventory.Status
	Classifications []string
	AnnexAreas      []int
	Units           []orgOption
	Roles           []string
	Measures        []measureOption
}

type measureOption struct {
	Value, Kind, ID, Title string
}

// inventoryPage is the form page of one system (new or existing) with its rules and people.
type inventoryPage struct {
	inventoryChoices
	System   *store.AISystem // nil: a new system
	Form     form.AISystem
	RuleForm form.AIRule
	Rules    []ruleView
	People   []holderView
	Email    string
	Role     string
}

type ruleView struct {
	store.AISystemRule
	Kind, MeasureID string
}

type holderView struct {
	store.AISystemHolder
	Name, Email string
}

func (a *App) inventoryChoices(ctx context.Context) (inventoryChoices, map[int64]string, error) {
	ch := inventoryChoices{Statuses: inventory.Statuses, Classifications: inventory.Classifications,
		AnnexAreas: inventory.AnnexIIIAreas, Roles: inventory.Roles}
	tree, units, err := a.db.OrgTree(ctx)
	if err != nil {
		return ch, nil, err
	}
	paths := map[int64]string{}
	for _, u := range units {
		p := org.JoinPath(tree.NamePath(u.ID))
		paths[u.ID] = p
		ch.Units = append(ch.Units, orgOption{ID: u.ID, Label: p})
	}
	for _, course := range a.lib.Catalog().Courses() {
		latest := course.Latest()
		if latest == nil {
			continue // only published courses can be required
		}
		ref := measure.Ref{Kind: measure.Course, ID: course.ID}
		ch.Measures = append(ch.Measures, measureOption{Value: ref.String(), Kind: string(ref.Kind), ID: course.ID, Title: latest.Manifest.Title})
	}
	return ch, paths, nil
}

// aiSystemParam loads the system of the :id route parameter (404 when there is none).
func (a *App) aiSystemParam(c *fiber.Ctx) (*store.AISystem, error) {
	id, _ := strconv.ParseInt(c.Params("id"), 10, 64)
	return a.db.AISystemByID(c.UserContext(), id)
}

// renderInventorySystem shows the page of one system; sys nil is the "new system" form.
func (a *App) renderInventorySystem(c *fiber.Ctx, status int, sys *store.AISystem, p inventoryPage, errs map[string]string) error {
	ctx := c.UserContext()
	ch, _, err := a.inventoryChoices(ctx)
	if err != nil {
		return err
	}
	p.inventoryChoices, p.System = ch, sys
	page := "inventory_new"
	if sys != nil {
		page = "inventory_system"
		for _, r := range sys.Rules {
			ref, _ := measure.Parse(r.Measure)
			p.Rules = append(p.Rules, ruleView{AISystemRule: r, Kind: string(ref.Kind), MeasureID: ref.ID})
		}
		for _, h := range sys.Holders {
			u, err := a.db.UserByID(ctx, h.UserID)
			if err != nil {
				return err
			}
			p.People = append(p.People, holderView{AISystemHolder: h, Name: u.DisplayName, Email: u.Email})
		}
	}
	return a.render(c, status, page, p, errs)
}

// syncAISystem re-derives a system's assignments after a change (the same engine as every other
// assignment: members join, are enrolled, or leave).
func (a *App) syncAISystem(c *fiber.Ctx, id int64) (int, error) {
	n, err := a.db.SyncAISystem(c.UserContext(), currentUser(c).ID, id, compliance.Pin(a.lib), a.measureTitles(c.UserContext(), "de").Of)
	if err == nil {
		a.log.Info("AI system assignments derived", "by", currentUser(c).ID, "ai_system_id", id, "joined", n)
	}
	return n, err
}

func (a *App) unitExists(ctx context.Context) (func(int64) bool, error) {
	_, paths, err := a.inventoryChoices(ctx)
	if err != nil {
		return nil, err
	}
	return func(id int64) bool { _, ok := paths[id]; return ok }, nil
}

func inventoryPath(id int64) string { return "/admin/inventory/" + strconv.FormatInt(id, 10) }
