package web

import (
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/compress"
	"github.com/gofiber/fiber/v2/middleware/recover"

	"github.com/ailit/ailit/internal/store"
)

// registerRoutes shows every route with its middleware and access rule, in one place.
func (a *App) registerRoutes() {
	f := a.fiber
	// For every request: recover from panics, log, security headers, compression.
	f.Use(recover.New(recover.Config{EnableStackTrace: true}))
	f.Use(a.requestLog)
	f.Use(securityHeaders)
	if a.cfg.Secure() {
		f.Use(hsts)
	}
	f.Use(compress.New())

	// Probes and static files: no session.
	f.Get("/healthz", a.healthz)
	f.Get("/readyz", a.readyz)
	f.Get("/static/*", a.staticFile)

	// Pages: session, language, CSRF on every state change.
	f.Use(a.sessionMiddleware, a.language, a.csrf)

	a.handle(fiber.MethodGet, "/", anyUser, a.homeShow)
	a.handle(fiber.MethodGet, "/login", public, a.loginShow)
	a.handle(fiber.MethodPost, "/login", public, a.loginSubmit)
	a.handle(fiber.MethodPost, "/logout", anyUser, a.logout)
	a.handle(fiber.MethodPost, "/language", public, a.languageSet)

	a.handle(fiber.MethodGet, "/impressum", public, a.legalShow("impressum"))
	a.handle(fiber.MethodGet, "/datenschutz", public, a.legalShow("datenschutz"))
	a.handle(fiber.MethodGet, "/barrierefreiheit", public, a.legalShow("barrierefreiheit"))

	a.handle(fiber.MethodGet, "/account", anyUser, a.accountShow)
	a.handle(fiber.MethodPost, "/account/password", anyUser, a.passwordChange)
	a.handle(fiber.MethodPost, "/account/sessions/revoke", anyUser, a.sessionsRevoke)

	admin := roles(store.RoleAdmin)
	a.handle(fiber.MethodGet, "/admin/users", admin, a.adminUsersList)
	a.handle(fiber.MethodGet, "/admin/users/new", admin, a.adminUserNew)
	a.handle(fiber.MethodPost, "/admin/users", admin, a.adminUserCreate)
	a.handle(fiber.MethodGet, "/admin/users/:id<int>", admin, a.adminUserEdit)
	a.handle(fiber.MethodPost, "/admin/users/:id<int>", admin, a.adminUserUpdate)

	// Courses: published versions only; drafts and refused versions answer 404.
	a.handle(fiber.MethodGet, "/courses", anyUser, a.coursesList)
	a.handle(fiber.MethodGet, "/courses/:course", anyUser, a.courseShow)
	a.handle(fiber.MethodGet, "/courses/:course/v/:version", anyUser, a.courseVersionShow)
	a.handle(fiber.MethodGet, "/courses/:course/v/:version/m/:module", anyUser, a.lessonShow)
	a.handle(fiber.MethodGet, "/courses/:course/v/:version/files/*", anyUser, a.courseFile)
	a.handle(fiber.MethodGet, "/admin/courses", roles(store.RoleAdmin, store.RoleTrainer), a.adminCoursesList)
	a.handle(fiber.MethodPost, "/admin/courses/reload", admin, a.adminCoursesReload)

	// Anything else is a friendly 404 page.
	f.Use(func(c *fiber.Ctx) error { return fiber.ErrNotFound })
}
