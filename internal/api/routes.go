package api

import (
	"net/http"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/store"
)

// Route is one entry of the API's route table: the path below Prefix and the scope a token needs
// ("" for the public OpenAPI document). The OpenAPI test compares this table with openapi.json,
// and the authorization matrix test calls every route with every scope.
type Route struct {
	Method, Path string
	Scope        Scope
}

// handler is an endpoint: tok is the authenticated token (nil on public routes). An error it
// returns becomes a problem response.
type handler func(c *fiber.Ctx, tok *store.APIToken) error

// Mount registers every route on r, the group for Prefix. Nothing of the HTML app's session,
// language or CSRF middleware runs here: internal/web mounts the API before it.
func (a *API) Mount(r fiber.Router) {
	r.Use(a.logCall)

	a.handle(r, http.MethodGet, "/openapi.json", scopePublic, a.openAPIDocument)
	a.handle(r, http.MethodPost, "/people", ScopePeopleWrite, a.peopleUpsert)
	a.handle(r, http.MethodPost, "/org-units", ScopeOrgWrite, a.orgUnitsUpsert)
	a.handle(r, http.MethodGet, "/assignments/status", ScopeAssignmentsRead, a.assignmentStatus)
	a.handle(r, http.MethodGet, "/completions", ScopeCompletionsRead, a.completionsList)
	a.handle(r, http.MethodGet, "/reports/evidence", ScopeEvidenceRead, a.evidenceReport)
	a.handle(r, http.MethodGet, "/reports/persons", ScopeReportsRead, a.personReport)

	// Anything else under /api/v1 is a problem, never the HTML 404 page.
	r.Use(a.noRoute)
}

// Routes returns the route table with full paths (Prefix included).
func (a *API) Routes() []Route {
	out := slices.Clone(a.routes)
	for i := range out {
		out[i].Path = Prefix + out[i].Path
	}
	return out
}

func (a *API) handle(r fiber.Router, method, path string, scope Scope, h handler) {
	a.routes = append(a.routes, Route{Method: method, Path: path, Scope: scope})
	r.Add(method, path, a.endpoint(scope, h))
}

// noRoute answers 405 with Allow for a known path and another method, else 404.
func (a *API) noRoute(c *fiber.Ctx) error {
	path := strings.TrimPrefix(c.Path(), Prefix)
	var allow []string
	for _, rt := range a.routes {
		if rt.Path == path {
			allow = append(allow, rt.Method)
		}
	}
	if len(allow) > 0 {
		c.Set(fiber.HeaderAllow, strings.Join(allow, ", "))
		return writeProblem(c, problem(http.StatusMethodNotAllowed, "method-not-allowed", "Method not allowed",
			"%s is not allowed here; use %s.", c.Method(), strings.Join(allow, " or ")))
	}
	return writeProblem(c, problem(http.StatusNotFound, "not-found", "Not found",
		"There is no API endpoint %s. The endpoints are listed in %s/openapi.json.", c.Path(), Prefix))
}
