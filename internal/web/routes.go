package web

import (
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/recover"

	"github.com/ailit/ailit/internal/api"
	"github.com/ailit/ailit/internal/store"
)

// registerRoutes shows every route with its middleware and access rule, in one place.
func (a *App) registerRoutes() {
	f := a.fiber
	// For every request: recover from panics, log, security headers, compression.
	f.Use(recover.New(recover.Config{EnableStackTrace: true}))
	f.Use(a.requestLog)
	f.Use(securityHeaders(contentSecurityPolicy(a.ssoFormTargets()...)))
	if a.cfg.Secure() {
		f.Use(hsts)
	}
	f.Use(compressLarge()) // compress.go: from 12 KiB and streamed exports

	// Probes and static files: no session.
	f.Get("/healthz", a.healthz)
	f.Get("/readyz", a.readyz)
	f.Get("/static/*", a.staticFile)
	// Package modules (SCORM): files and API of one launch, before the session stack: the frame
	// sends no cookie, the launch token in the path is the credential (package_*.go).
	a.handle(fiber.MethodPost, "/pkg/:token/fetch", launchToken, a.packageFetch) // cmi5 (package_xapi.go)
	a.handle(fiber.MethodOptions, "/pkg/:token/xapi/*", launchToken, a.packageXAPIPreflight)
	a.handle(fiber.MethodGet, "/pkg/:token/xapi/*", launchToken, a.packageXAPI)
	a.handle(fiber.MethodPut, "/pkg/:token/xapi/*", launchToken, a.packageXAPI)
	a.handle(fiber.MethodPost, "/pkg/:token/xapi/*", launchToken, a.packageXAPI)
	a.handle(fiber.MethodGet, "/pkg/:token/*", launchToken, a.packageFile)
	a.handle(fiber.MethodPost, "/pkg/:token/api", launchToken, a.packageAPI)

	// REST API v1 (internal/api): service tokens, no session, no CSRF; mounted before the session
	// middleware, which therefore never runs there.
	a.api.Mount(f.Group(api.Prefix))

	// Pages: session, language, CSRF on every state change.
	f.Use(a.sessionMiddleware, a.language, a.csrf)

	a.handle(fiber.MethodGet, "/", anyUser, a.homeShow)
	a.handle(fiber.MethodGet, "/login", public, a.loginShow)
	a.handle(fiber.MethodPost, "/login", public, a.loginSubmit)
	a.handle(fiber.MethodPost, "/logout", anyUser, a.ssoLogout)
	a.handle(fiber.MethodPost, "/auth/oidc/login", public, a.oidcLogin)
	a.handle(fiber.MethodGet, "/auth/oidc/callback", public, a.oidcCallback)
	a.handle(fiber.MethodPost, "/language", public, a.languageSet)

	a.handle(fiber.MethodGet, "/impressum", public, a.legalShow("impressum"))
	a.handle(fiber.MethodGet, "/datenschutz", public, a.legalShow("datenschutz"))
	a.handle(fiber.MethodGet, "/barrierefreiheit", public, a.legalShow("barrierefreiheit"))

	a.handle(fiber.MethodGet, "/account", anyUser, a.accountShow)
	a.handle(fiber.MethodPost, "/account/password", anyUser, a.passwordChange)
	a.handle(fiber.MethodPost, "/account/sessions/revoke", anyUser, a.sessionsRevoke)

	// Records of participation: the owner's PDF, the public verification page, and "My data"
	// (GDPR Art. 15) with its downloads.
	a.handle(fiber.MethodGet, "/records/:id.pdf", anyUser, a.recordPDF)
	a.handle(fiber.MethodGet, "/verify/:id", public, a.verifyShow)
	a.handle(fiber.MethodGet, "/verify", public, a.verifyCode) // ops: the short code of a paper record
	// Open Badges 3.0: the learner's credential, the issuer profile and key, and offline verification.
	a.handle(fiber.MethodGet, "/records/:id/badge.jwt", anyUser, a.recordBadge)
	a.handle(fiber.MethodGet, "/badges/issuer", public, a.badgeIssuerShow)
	a.handle(fiber.MethodGet, "/.well-known/jwks.json", public, a.jwksShow)
	a.handle(fiber.MethodGet, "/verify-badge", public, a.badgeVerifyShow)
	a.handle(fiber.MethodPost, "/verify-badge", public, a.badgeVerifyCheck)
	a.handle(fiber.MethodGet, "/account/data", anyUser, a.myDataShow)
	a.handle(fiber.MethodGet, "/account/data.json", anyUser, a.myDataJSON)
	a.handle(fiber.MethodGet, "/account/transcript.pdf", anyUser, a.transcriptPDF)

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

	// Progress: enrollment pinned to a version, lessons read, switching to a newer release.
	a.handle(fiber.MethodPost, "/courses/:course/enroll", anyUser, a.courseEnroll)
	a.handle(fiber.MethodPost, "/courses/:course/switch", anyUser, a.courseSwitch)
	a.handle(fiber.MethodPost, "/courses/:course/v/:version/m/:module/done", anyUser, a.lessonDone)
	a.handle(fiber.MethodGet, "/admin/courses", roles(store.RoleAdmin, store.RoleTrainer), a.adminCoursesList)
	a.handle(fiber.MethodPost, "/admin/courses/reload", admin, a.adminCoursesReload)

	// Quizzes: every attempt handler finds only the current user's attempts (others answer 404).
	a.handle(fiber.MethodGet, "/courses/:course/v/:version/m/:module/quiz", anyUser, a.quizIntroShow)
	a.handle(fiber.MethodPost, "/courses/:course/v/:version/m/:module/quiz/attempts", anyUser, a.quizAttemptStart)
	a.handle(fiber.MethodGet, "/quiz/attempts/:id<int>", anyUser, a.quizAttemptShow)
	a.handle(fiber.MethodPost, "/quiz/attempts/:id<int>/save", anyUser, a.quizAttemptSave)
	a.handle(fiber.MethodGet, "/quiz/attempts/:id<int>/confirm", anyUser, a.quizAttemptConfirm)
	a.handle(fiber.MethodPost, "/quiz/attempts/:id<int>/submit", anyUser, a.quizAttemptSubmit)
	a.handle(fiber.MethodGet, "/quiz/attempts/:id<int>/result", anyUser, a.quizAttemptResult)
	a.handle(fiber.MethodGet, "/trainer/quizzes/:course/:module", roles(store.RoleTrainer, store.RoleAdmin), a.quizStatsShow)
	a.handle(fiber.MethodGet, "/admin/users/:id<int>/quiz-time", admin, a.adminUserQuizTimeEdit)
	a.handle(fiber.MethodPost, "/admin/users/:id<int>/quiz-time", admin, a.adminUserQuizTimeUpdate)

	// Trainer workspace: drafts, preview, diff, publish (workspace_*.go). Specific paths first.
	tr := roles(store.RoleTrainer, store.RoleAdmin)
	a.handle(fiber.MethodGet, "/workspace", tr, a.workspaceList)
	// Authoring (issue 18): new course, modules, media (workspace_course_*.go, workspace_module_*.go, workspace_media_*.go).
	a.handle(fiber.MethodGet, "/workspace/new", tr, a.workspaceCourseNewShow)
	a.handle(fiber.MethodPost, "/workspace/new", tr, a.workspaceCourseNewCreate)
	a.handle(fiber.MethodGet, "/workspace/:course/draft/modules", tr, a.workspaceModulesShow)
	a.handle(fiber.MethodPost, "/workspace/:course/draft/modules", tr, a.workspaceModuleAdd)
	a.handle(fiber.MethodPost, "/workspace/:course/draft/modules/:module/title", tr, a.workspaceModuleRename)
	a.handle(fiber.MethodPost, "/workspace/:course/draft/modules/:module/move", tr, a.workspaceModuleMove)
	a.handle(fiber.MethodGet, "/workspace/:course/draft/modules/:module/delete", tr, a.workspaceModuleDeleteShow)
	a.handle(fiber.MethodPost, "/workspace/:course/draft/modules/:module/delete", tr, a.workspaceModuleDelete)
	a.handle(fiber.MethodPost, "/workspace/:course/draft/modules/:module/quiz", tr, a.workspaceModuleQuizAdd)
	a.handle(fiber.MethodGet, "/workspace/:course/draft/modules/:module/quiz/delete", tr, a.workspaceQuizDeleteShow)
	a.handle(fiber.MethodPost, "/workspace/:course/draft/modules/:module/quiz/delete", tr, a.workspaceQuizDelete)
	a.handle(fiber.MethodPost, "/workspace/:course/draft/lesson/:module/autosave", tr, a.workspaceLessonAutosave)
	a.handle(fiber.MethodGet, "/workspace/:course/draft/media/:module", tr, a.workspaceMediaShow)
	a.handle(fiber.MethodPost, "/workspace/:course/draft/media/:module", tr, a.workspaceMediaUpload)
	a.handle(fiber.MethodPost, "/workspace/:course/draft/media/:module/replace", tr, a.workspaceMediaReplace)
	a.handle(fiber.MethodPost, "/workspace/:course/draft/media/:module/delete", tr, a.workspaceMediaDelete)
	a.handle(fiber.MethodPost, "/workspace/:course/draft", tr, a.workspaceDraftCreate)
	a.handle(fiber.MethodPost, "/workspace/:course/import", tr, a.workspaceImport)
	a.handle(fiber.MethodGet, "/workspace/:course/diff", tr, a.workspaceDiff)
	a.handle(fiber.MethodGet, "/workspace/:course/draft/manifest", tr, a.workspaceManifestEdit)
	a.handle(fiber.MethodPost, "/workspace/:course/draft/manifest", tr, a.workspaceManifestSave)
	a.handle(fiber.MethodGet, "/workspace/:course/draft/lesson/:module", tr, a.workspaceLessonEdit)
	a.handle(fiber.MethodPost, "/workspace/:course/draft/lesson/:module", tr, a.workspaceLessonSave)
	a.handle(fiber.MethodPost, "/workspace/:course/draft/lesson/:module/preview", tr, a.workspaceLessonPreview)
	a.handle(fiber.MethodPost, "/workspace/:course/draft/lesson/:module/image", tr, a.workspaceImageUpload)
	a.handle(fiber.MethodGet, "/workspace/:course/draft/quiz/:module", tr, a.workspaceQuizEdit)
	a.handle(fiber.MethodPost, "/workspace/:course/draft/quiz/:module", tr, a.workspaceQuizSave)
	a.handle(fiber.MethodPost, "/workspace/:course/draft/file", tr, a.workspaceFileSave)
	a.handle(fiber.MethodGet, "/workspace/:course/draft/publish", tr, a.workspacePublishShow)
	a.handle(fiber.MethodPost, "/workspace/:course/draft/publish", tr, a.workspacePublish)
	// Interchange (workspace_quiz_import_*.go, workspace_quiz_export.go, workspace_scorm_export.go).
	a.handle(fiber.MethodGet, "/workspace/:course/draft/quiz/:module/import", tr, a.workspaceQuizImportShow)
	a.handle(fiber.MethodPost, "/workspace/:course/draft/quiz/:module/import", tr, a.workspaceQuizImportUpload)
	a.handle(fiber.MethodPost, "/workspace/:course/draft/quiz/:module/import/confirm", tr, a.workspaceQuizImportConfirm)
	a.handle(fiber.MethodGet, "/workspace/:course/:folder/export/scorm12", tr, a.workspaceSCORMExport)
	a.handle(fiber.MethodGet, "/workspace/:course/:folder/quiz/:module/export/:format", tr, a.workspaceQuizExport)
	a.handle(fiber.MethodGet, "/workspace/:course/:folder", tr, a.workspaceVersionShow)
	a.handle(fiber.MethodGet, "/workspace/:course/:folder/export", tr, a.workspaceExport)
	a.handle(fiber.MethodGet, "/workspace/:course/:folder/m/:module", tr, a.workspacePreview)
	a.handle(fiber.MethodGet, "/workspace/:course/:folder/files/*", tr, a.workspaceFile)

	// Organisation and mandatory training: org units, HR import, assignments, reminders (admins);
	// "Mein Team" for managers, scoped to their units.
	a.handle(fiber.MethodGet, "/admin/org", admin, a.adminOrgShow)
	a.handle(fiber.MethodPost, "/admin/org", admin, a.adminOrgCreate)
	a.handle(fiber.MethodGet, "/admin/org/:id<int>", admin, a.adminOrgUnitShow)
	a.handle(fiber.MethodPost, "/admin/org/:id<int>", admin, a.adminOrgUnitUpdate)
	a.handle(fiber.MethodGet, "/admin/import", admin, a.adminImportShow)
	a.handle(fiber.MethodPost, "/admin/import", admin, a.adminImportPreview)
	a.handle(fiber.MethodPost, "/admin/import/:id/apply", admin, a.adminImportApply)
	a.handle(fiber.MethodGet, "/admin/assignments", admin, a.adminAssignmentsShow)
	a.handle(fiber.MethodPost, "/admin/assignments", admin, a.adminAssignmentCreate)
	a.handle(fiber.MethodGet, "/admin/assignments/:id<int>", admin, a.adminAssignmentEdit)
	a.handle(fiber.MethodPost, "/admin/assignments/:id<int>", admin, a.adminAssignmentUpdate)
	a.handle(fiber.MethodPost, "/admin/assignments/:id<int>/exemptions", admin, a.adminAssignmentExemption)
	a.handle(fiber.MethodGet, "/admin/notifications", admin, a.adminNotificationsShow)
	// xAPI: the queue of statements for the learning record store (admins).
	a.handle(fiber.MethodGet, "/admin/xapi", admin, a.adminXAPIShow)
	a.handle(fiber.MethodGet, "/team", roles(store.RoleManager, store.RoleAdmin), a.teamShow)
	a.handle(fiber.MethodGet, "/team/exemptions", roles(store.RoleManager, store.RoleAdmin), a.teamExemptionsShow)
	a.handle(fiber.MethodPost, "/team/exemptions", roles(store.RoleManager, store.RoleAdmin), a.teamExemptionChange)

	// Manager reports (reports_*.go): scoped to the viewer's units, columns by privacy level; every
	// view and export is logged. Settings and the export log are for admins.
	mgr := roles(store.RoleManager, store.RoleAdmin)
	a.handle(fiber.MethodGet, "/reports", mgr, a.reportsShow)
	a.handle(fiber.MethodGet, "/reports/dashboard", mgr, a.reportsDashboard)
	a.handle(fiber.MethodGet, "/reports/export", mgr, a.reportsExport)
	a.handle(fiber.MethodGet, "/reports/evidence", mgr, a.reportsEvidence)
	// The integrity file of a logged CSV export (the viewer's own; admins: all).
	a.handle(fiber.MethodGet, "/reports/files/:id<int>/integrity.json", mgr, a.reportsIntegrity)
	a.handle(fiber.MethodGet, "/admin/settings", admin, a.adminSettingsShow)
	a.handle(fiber.MethodPost, "/admin/settings", admin, a.adminSettingsUpdate)
	a.handle(fiber.MethodGet, "/admin/exports", admin, a.adminExportsList)
	// Retention and deletion per data category (admins); the daily job applies the same plan.
	a.handle(fiber.MethodGet, "/admin/retention", admin, a.adminRetentionShow)
	a.handle(fiber.MethodPost, "/admin/retention", admin, a.adminRetentionUpdate)
	a.handle(fiber.MethodPost, "/admin/retention/run", admin, a.adminRetentionRun)
	// A person's data lifecycle: legal holds and deleting their data (admins).
	a.handle(fiber.MethodGet, "/admin/users/:id<int>/data", admin, a.adminUserDataShow)
	a.handle(fiber.MethodPost, "/admin/users/:id<int>/holds", admin, a.adminUserHoldCreate)
	a.handle(fiber.MethodPost, "/admin/users/:id<int>/erase", admin, a.adminUserErase)
	a.handle(fiber.MethodGet, "/admin/holds", admin, a.adminHoldsList)
	a.handle(fiber.MethodPost, "/admin/holds", admin, a.adminHoldCreate)
	a.handle(fiber.MethodPost, "/admin/holds/:id<int>/release", admin, a.adminHoldRelease)
	// Documents for the staff council and the DPO, generated from the settings in force (admins).
	a.handle(fiber.MethodGet, "/admin/privacy", admin, a.adminPrivacyDocumentsShow)
	a.handle(fiber.MethodGet, "/admin/privacy/:doc", admin, a.adminPrivacyDocumentDownload)
	// Service tokens of the REST API (internal/api): shown once, revocable (admins).
	a.handle(fiber.MethodGet, "/admin/api-tokens", admin, a.adminAPITokensList)
	a.handle(fiber.MethodPost, "/admin/api-tokens", admin, a.adminAPITokenCreate)
	a.handle(fiber.MethodPost, "/admin/api-tokens/:id<int>/revoke", admin, a.adminAPITokenRevoke)

	// Measures beyond online courses (docs/measures.md): policies to confirm, live sessions,
	// external evidence.
	a.handle(fiber.MethodGet, "/policies/:policy", anyUser, a.policyShow)
	a.handle(fiber.MethodPost, "/policies/:policy/confirm", anyUser, a.policyConfirm)
	a.handle(fiber.MethodGet, "/sessions", anyUser, a.sessionsList)
	a.handle(fiber.MethodPost, "/sessions/dates/:id<int>/register", anyUser, a.sessionRegister)
	a.handle(fiber.MethodPost, "/sessions/dates/:id<int>/cancel", anyUser, a.sessionCancel)
	a.handle(fiber.MethodGet, "/sessions/dates/:id<int>/invite.ics", anyUser, a.sessionInvite)
	a.handle(fiber.MethodGet, "/trainer/sessions", tr, a.trainerSessionsList)
	a.handle(fiber.MethodPost, "/trainer/sessions", tr, a.trainerSeriesCreate)
	a.handle(fiber.MethodGet, "/trainer/sessions/:id<int>", tr, a.trainerSeriesShow)
	a.handle(fiber.MethodPost, "/trainer/sessions/:id<int>/dates", tr, a.trainerDateCreate)
	a.handle(fiber.MethodGet, "/trainer/sessions/dates/:id<int>", tr, a.trainerDateShow)
	a.handle(fiber.MethodPost, "/trainer/sessions/dates/:id<int>/attendance", tr, a.trainerAttendanceSave)
	a.handle(fiber.MethodGet, "/account/evidence", anyUser, a.evidenceList)
	a.handle(fiber.MethodPost, "/account/evidence", anyUser, a.evidenceUpload)
	a.handle(fiber.MethodGet, "/account/evidence/:id<int>/file", anyUser, a.evidenceFile)
	a.handle(fiber.MethodGet, "/team/evidence", mgr, a.teamEvidenceShow)
	a.handle(fiber.MethodGet, "/team/evidence/:id<int>/file", mgr, a.teamEvidenceFile)
	a.handle(fiber.MethodPost, "/team/evidence/:id<int>/decision", mgr, a.teamEvidenceDecide)

	// AI inventory ("KI-Register", inventory_*.go): admins keep it; the record per AI system is a
	// report (scoped to the viewer's units); the public register is off until an admin switches it on.
	a.handle(fiber.MethodGet, "/admin/inventory", admin, a.inventoryList)
	a.handle(fiber.MethodGet, "/admin/inventory/new", admin, a.inventoryNew)
	a.handle(fiber.MethodPost, "/admin/inventory", admin, a.inventoryCreate)
	a.handle(fiber.MethodPost, "/admin/inventory/public-register", admin, a.inventoryPublicSetting)
	a.handle(fiber.MethodGet, "/admin/inventory/:id<int>", admin, a.inventorySystemShow)
	a.handle(fiber.MethodPost, "/admin/inventory/:id<int>", admin, a.inventorySystemUpdate)
	a.handle(fiber.MethodPost, "/admin/inventory/:id<int>/rules", admin, a.inventoryRuleAdd)
	a.handle(fiber.MethodPost, "/admin/inventory/:id<int>/rules/:rule<int>/remove", admin, a.inventoryRuleRemove)
	a.handle(fiber.MethodPost, "/admin/inventory/:id<int>/people", admin, a.inventoryPersonSet)
	a.handle(fiber.MethodGet, "/reports/ai-systems", mgr, a.aiEvidenceShow)
	a.handle(fiber.MethodGet, "/ki-register", public, a.publicRegisterShow)

	// Anything else is a friendly 404 page.
	f.Use(func(c *fiber.Ctx) error { return fiber.ErrNotFound })
}
