package web

import (
	"net/url"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/domain"
)

// access is the rule a route declares where it is registered in routes.go. The authorization
// matrix test walks every registered route and checks it against its rule.
type access struct {
	Name  string   // "public", "user", or "role:admin" …
	Roles []string // any of these roles; empty means any logged-in user
	open  bool
}

var (
	public  = access{Name: "public", open: true}
	anyUser = access{Name: "user"}
	// launchToken: no session; the handler answers 404 unless the path carries the token of a
	// current package launch (package_file.go, package_api.go).
	launchToken = access{Name: "launch-token", open: true}
)

func roles(rs ...string) access {
	return access{Name: "role:" + strings.Join(rs, "|"), Roles: rs}
}

// route is one entry of the route table.
type route struct {
	Method, Path string
	Access       access
}

// handle registers a route with its access rule in front of the handler.
func (a *App) handle(method, path string, rule access, h fiber.Handler) {
	a.routes = append(a.routes, route{Method: method, Path: path, Access: rule})
	a.fiber.Add(method, path, a.enforce(rule), h)
}

// enforce checks a rule: anonymous visitors are sent to the login page (GET) or refused; users
// without the role get 403.
func (a *App) enforce(rule access) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if rule.open {
			return c.Next()
		}
		u := currentUser(c)
		if u == nil {
			if c.Method() == fiber.MethodGet {
				return c.Redirect("/login?next="+url.QueryEscape(c.OriginalURL()), fiber.StatusSeeOther)
			}
			return domain.Errorf(domain.EUNAUTHORIZED, "login required")
		}
		if len(rule.Roles) > 0 && !slices.ContainsFunc(rule.Roles, u.HasRole) {
			return domain.Errorf(domain.EFORBIDDEN, "role required: %s", strings.Join(rule.Roles, ", "))
		}
		return c.Next()
	}
}

// Routes returns the route table (for the authorization matrix test and `ailit routes`).
func (a *App) Routes() []route { return slices.Clone(a.routes) }
