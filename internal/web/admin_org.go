package web

import (
	"errors"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/org"
	"github.com/ailit/ailit/internal/store"
)

// orgNode is a unit with its children, for the nested list.
type orgNode struct {
	ID       int64
	Name     string
	Children []orgNode
}

type orgOption struct {
	ID    int64
	Label string
}

type adminOrgPage struct {
	Roots    []orgNode
	Options  []orgOption
	Unit     *store.OrgUnit
	Path     string
	Managers []store.User
	Name     string
	ParentID int64
}

func buildNodes(tree *org.Tree, parent int64) []orgNode {
	var out []orgNode
	for _, id := range tree.Children(parent) {
		u, _ := tree.Unit(id)
		out = append(out, orgNode{ID: id, Name: u.Name, Children: buildNodes(tree, id)})
	}
	return out
}

// orgPage loads the tree and the options for the parent selects.
func (a *App) orgPage(c *fiber.Ctx) (*adminOrgPage, *org.Tree, error) {
	tree, units, err := a.db.OrgTree(c.UserContext())
	if err != nil {
		return nil, nil, err
	}
	p := &adminOrgPage{Roots: buildNodes(tree, 0)}
	for _, u := range units {
		p.Options = append(p.Options, orgOption{ID: u.ID, Label: org.JoinPath(tree.NamePath(u.ID))})
	}
	return p, tree, nil
}

// adminOrgShow shows the organisation tree and the form for a new unit.
func (a *App) adminOrgShow(c *fiber.Ctx) error {
	p, _, err := a.orgPage(c)
	if err != nil {
		return err
	}
	return a.render(c, fiber.StatusOK, "admin_org", p, nil)
}

func parentFrom(c *fiber.Ctx) *int64 {
	id, err := strconv.ParseInt(c.FormValue("parent_id"), 10, 64)
	if err != nil || id == 0 {
		return nil
	}
	return &id
}

// adminOrgCreate adds a unit.
func (a *App) adminOrgCreate(c *fiber.Ctx) error {
	name := strings.TrimSpace(c.FormValue("name"))
	parent := parentFrom(c)
	errs := map[string]string{}
	if name == "" || len(name) > 200 {
		errs["name"] = tr(lang(c))("org.err.name")
	} else if _, err := a.db.CreateOrgUnit(c.UserContext(), parent, name); errors.Is(err, store.ErrUnitExists) {
		errs["name"] = tr(lang(c))("org.err.exists")
	} else if err != nil {
		return err
	}
	if len(errs) > 0 {
		p, _, err := a.orgPage(c)
		if err != nil {
			return err
		}
		p.Name = name
		if parent != nil {
			p.ParentID = *parent
		}
		return a.render(c, fiber.StatusUnprocessableEntity, "admin_org", p, errs)
	}
	webSession(c).flash(tr(lang(c))("org.created", name))
	return c.Redirect("/admin/org", fiber.StatusSeeOther)
}

// adminOrgUnitShow shows one unit with forms to rename, move, delete and assign managers.
func (a *App) adminOrgUnitShow(c *fiber.Ctx) error {
	return a.renderOrgUnit(c, fiber.StatusOK, nil)
}

func (a *App) renderOrgUnit(c *fiber.Ctx, status int, errs map[string]string) error {
	id, _ := strconv.ParseInt(c.Params("id"), 10, 64)
	unit, err := a.db.OrgUnitByID(c.UserContext(), id)
	if err != nil {
		return err
	}
	p, tree, err := a.orgPage(c)
	if err != nil {
		return err
	}
	p.Unit, p.Path, p.Name = unit, org.JoinPath(tree.NamePath(id)), unit.Name
	if unit.ParentID != nil {
		p.ParentID = *unit.ParentID
	}
	managers, err := a.db.ManagersOfUnits(c.UserContext())
	if err != nil {
		return err
	}
	p.Managers = managers[id]
	return a.render(c, status, "admin_org_unit", p, errs)
}

// adminOrgUnitUpdate renames, moves, deletes or assigns managers, by the form's action field.
func (a *App) adminOrgUnitUpdate(c *fiber.Ctx) error {
	ctx := c.UserContext()
	id, _ := strconv.ParseInt(c.Params("id"), 10, 64)
	t := tr(lang(c))
	back := "/admin/org/" + strconv.FormatInt(id, 10)
	var err error
	field := ""
	switch c.FormValue("action") {
	case "rename":
		field = "name"
		name := strings.TrimSpace(c.FormValue("name"))
		if name == "" || len(name) > 200 {
			return a.renderOrgUnit(c, fiber.StatusUnprocessableEntity, map[string]string{"name": t("org.err.name")})
		}
		err = a.db.RenameOrgUnit(ctx, id, name)
	case "move":
		field = "parent_id"
		err = a.db.MoveOrgUnit(ctx, id, parentFrom(c))
	case "delete":
		field = "delete"
		err = a.db.DeleteOrgUnit(ctx, id)
		back = "/admin/org"
	case "add_manager":
		field = "manager"
		var m *store.User
		if m, err = a.db.UserByEmail(ctx, c.FormValue("manager")); err == nil {
			if !m.HasRole(store.RoleManager) {
				return a.renderOrgUnit(c, fiber.StatusUnprocessableEntity, map[string]string{"manager": t("org.err.notmanager")})
			}
			err = a.db.AddManagerUnit(ctx, m.ID, id)
		}
	case "remove_manager":
		uid, _ := strconv.ParseInt(c.FormValue("user_id"), 10, 64)
		err = a.db.RemoveManagerUnit(ctx, uid, id)
	default:
		return domain.Errorf(domain.EINVALID, "unknown action")
	}
	switch {
	case errors.Is(err, store.ErrUnitCycle):
		return a.renderOrgUnit(c, fiber.StatusUnprocessableEntity, map[string]string{field: t("org.err.cycle")})
	case errors.Is(err, store.ErrUnitExists):
		return a.renderOrgUnit(c, fiber.StatusUnprocessableEntity, map[string]string{field: t("org.err.exists")})
	case errors.Is(err, store.ErrUnitNotEmpty):
		return a.renderOrgUnit(c, fiber.StatusUnprocessableEntity, map[string]string{field: t("org.err.notempty")})
	case field == "manager" && domain.ErrorCode(err) == domain.ENOTFOUND:
		return a.renderOrgUnit(c, fiber.StatusUnprocessableEntity, map[string]string{field: t("org.err.nouser")})
	case err != nil:
		return err
	}
	webSession(c).flash(t("org.saved"))
	return c.Redirect(back, fiber.StatusSeeOther)
}
