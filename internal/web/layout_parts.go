package web

import (
	"html/template"
	"slices"
	"strings"

	"github.com/ailit/ailit/internal/store"
)

// The layout is the same on every page of a language except for a few per-request values (the
// title, the CSRF token, the user's name, the flash). Its other parts are rendered from their
// blocks in layout.html once and kept: a page then writes them as they are instead of looking up
// a dozen messages and escaping them again on every request (each is a reflective call in
// text/template).

// layoutParts are the parts of the layout that depend only on the language and the app's version.
type layoutParts struct {
	Head   template.HTML // style sheets, icon and script ("layout-head")
	Brand  template.HTML // skip link and the start of the site header ("layout-brand")
	Footer template.HTML // "layout-footer"
}

// layoutData is what the blocks of the kept parts receive: nothing of a user or a request.
type layoutData struct {
	Lang    string
	Version string
	Nav     []navItem
}

type navItem struct {
	Href, Label string
	Current     bool
}

// navRoles are the roles that change the main navigation, as bits of a navKey.
type navRoles uint8

const (
	navAdmin navRoles = 1 << iota
	navTrainer
	navManager
)

func navRolesOf(u *store.User) navRoles {
	var r navRoles
	for _, role := range u.Roles {
		switch role.Role {
		case store.RoleAdmin:
			r |= navAdmin
		case store.RoleTrainer:
			r |= navTrainer
		case store.RoleManager:
			r |= navManager
		}
	}
	return r
}

// navLinks lists the links of the main navigation for every combination of navRoles, built once.
var navLinks = func() (links [navAdmin | navTrainer | navManager + 1][]navItem) {
	for r := range links {
		links[r] = navLinksFor(navRoles(r))
	}
	return links
}()

// navLinksFor builds the role-aware main navigation (without the current page marked).
func navLinksFor(r navRoles) []navItem {
	admin, trainer, manager := r&navAdmin != 0, r&navTrainer != 0, r&navManager != 0
	items := []navItem{{Href: "/", Label: "nav.home"}, {Href: "/courses", Label: "nav.courses"}, {Href: "/sessions", Label: "nav.sessions"}}
	if admin {
		items = append(items, navItem{Href: "/admin/users", Label: "nav.admin.users"})
	}
	if admin || trainer {
		items = append(items, navItem{Href: "/admin/courses", Label: "nav.admin.courses"})
		items = append(items, navItem{Href: "/workspace", Label: "nav.workspace"})
		items = append(items, navItem{Href: "/trainer/sessions", Label: "nav.trainer.sessions"}) // measures
	}
	if admin || manager {
		items = append(items, navItem{Href: "/team", Label: "nav.team"})
		items = append(items, navItem{Href: "/reports", Label: "nav.reports"})
		items = append(items, navItem{Href: "/team/evidence", Label: "nav.team.evidence"}) // measures
	}
	if admin {
		items = append(items, navItem{Href: "/admin/org", Label: "nav.admin.org"}, navItem{Href: "/admin/assignments", Label: "nav.admin.assignments"})
		items = append(items, navItem{Href: "/admin/settings", Label: "nav.admin.settings"})
		items = append(items, navItem{Href: "/admin/inventory", Label: "nav.inventory"}) // AI inventory
	}
	return items
}

// navIsCurrent reports whether the link href leads to the page at path or one below it. More than
// one link can be current (/team and /team/evidence on /team/evidence).
func navIsCurrent(href, path string) bool {
	return path == href || (href != "/" && strings.HasPrefix(path, href+"/"))
}

// navKey names one rendering of the main navigation: the language, the roles and which links are
// the current page (bit i for link i of navLinks[roles]). Every part of it has few values, so the
// kept renderings stay few.
type navKey struct {
	lang    string
	roles   navRoles
	current uint32
}

func navKeyFor(lang string, u *store.User, path string) navKey {
	k := navKey{lang: lang, roles: navRolesOf(u)}
	for i, item := range navLinks[k.roles] {
		if navIsCurrent(item.Href, path) {
			k.current |= 1 << i
		}
	}
	return k
}

// navFor returns the main navigation of key with the current links marked.
func navFor(k navKey) []navItem {
	items := slices.Clone(navLinks[k.roles])
	for i := range items {
		items[i].Current = k.current&(1<<i) != 0
	}
	return items
}

// layoutPartKey names one part of the layout in one language and app version (one set of
// templates serves every app of the process, see templates).
type layoutPartKey struct{ block, lang, version string }

// layoutParts returns the parts of the layout for lang and version.
func (k *keptBlocks) layoutParts(lang, version string) (layoutParts, error) {
	var p layoutParts
	var err error
	data := func() any { return layoutData{Lang: lang, Version: version} }
	for _, part := range []struct {
		block string
		html  *template.HTML
	}{{"layout-head", &p.Head}, {"layout-brand", &p.Brand}, {"layout-footer", &p.Footer}} {
		if *part.html, err = k.get(layoutPartKey{part.block, lang, version}, part.block, data); err != nil {
			return layoutParts{}, err
		}
	}
	return p, nil
}

// nav returns the main navigation of key.
func (k *keptBlocks) nav(key navKey) (template.HTML, error) {
	return k.get(key, "layout-nav", func() any { return layoutData{Lang: key.lang, Nav: navFor(key)} })
}
