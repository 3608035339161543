package web

import (
	"net/url"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/store"
)

const usersPerPage = 50

type adminUsersPage struct {
	Users            []store.User
	Total            int64
	Query, Role      string
	Roles            []string
	PrevURL, NextURL string
}

// adminUsersList lists accounts with search, role filter and paging.
func (a *App) adminUsersList(c *fiber.Ctx) error {
	page := adminUsersPage{Query: c.Query("q"), Role: c.Query("role"), Roles: store.AllRoles}
	if !store.ValidRole(page.Role) {
		page.Role = ""
	}
	offset, _ := strconv.Atoi(c.Query("offset"))
	offset = max(offset, 0)
	users, total, err := a.db.ListUsers(c.UserContext(), store.UserFilter{Query: page.Query, Role: page.Role, Limit: usersPerPage, Offset: offset})
	if err != nil {
		return err
	}
	page.Users, page.Total = users, total
	link := func(off int) string {
		v := url.Values{"offset": {strconv.Itoa(off)}}
		if page.Query != "" {
			v.Set("q", page.Query)
		}
		if page.Role != "" {
			v.Set("role", page.Role)
		}
		return "/admin/users?" + v.Encode()
	}
	if offset > 0 {
		page.PrevURL = link(max(offset-usersPerPage, 0))
	}
	if int64(offset+usersPerPage) < total {
		page.NextURL = link(offset + usersPerPage)
	}
	return a.render(c, fiber.StatusOK, "admin_users", page, nil)
}
