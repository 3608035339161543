// Package web is ailit's HTTP layer: a Fiber app with server-rendered pages. Handlers are thin, one
// per file named by page and verb; routes.go lists every route with its access rule.
package web

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gorilla/securecookie"

	"github.com/ailit/ailit/internal/api"
	"github.com/ailit/ailit/internal/auth"
	"github.com/ailit/ailit/internal/config"
	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/evidencefile"
	"github.com/ailit/ailit/internal/learning"
	"github.com/ailit/ailit/internal/record"
	"github.com/ailit/ailit/internal/store"
)

// Deps are what the web app needs from the outside.
type Deps struct {
	Config  config.Config
	Store   *store.Store
	Library *content.Library // the course catalog; reloaded on SIGHUP and from the admin page
	Log     *slog.Logger
	Version string
}

// App is the web application.
type App struct {
	cfg      config.Config
	db       *store.Store
	lib      *content.Library
	log      *slog.Logger
	version  string
	sessions *auth.SessionStore
	login    *auth.Login
	sso      *ssoServices     // OIDC and LDAP login (sso_*.go)
	signer   *record.Signer   // signs records of participation (signing.key in the data directory)
	evidence evidencefile.Dir // uploaded certificates (evidence/ in the data directory)
	tpl      *templates
	fiber    *fiber.App
	routes   []route
	ready    *readiness // the readiness write probe (health.go)
	api      *api.API   // the REST API v1 under /api/v1 (internal/api)
	learn    *learning.Service
	flash    *securecookie.SecureCookie // signs the flash cookie (flash.go)
}

// compiledTemplates indexes the embedded static files and parses the layout. Both are embedded in
// the binary and never change while the process runs, so this happens once per process, however
// many apps are built (every handler test builds one).
var compiledTemplates = sync.OnceValues(func() (*templates, error) {
	return parseTemplates(newAssetIndex())
})

// New builds the web application with all routes.
func New(d Deps) (*App, error) {
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	if len(d.Config.SessionKey) == 0 {
		return nil, errors.New("web: session key missing (config.EnsureSessionKey)")
	}
	tpl, err := compiledTemplates()
	if err != nil {
		return nil, err
	}
	signer, err := record.LoadOrCreateSigner(d.Config.DataDir)
	if err != nil {
		return nil, err
	}
	a := &App{
		cfg:      d.Config,
		db:       d.Store,
		lib:      d.Library,
		log:      d.Log,
		version:  d.Version,
		sessions: auth.NewSessionStore(d.Store, d.Config.SessionKey, d.Config.Secure(), d.Config.SessionMaxAge, d.Config.SessionIdle),
		login:    auth.NewLogin(d.Store, d.Config.SessionKey),
		signer:   signer,
		evidence: evidencefile.In(d.Config.DataDir),
		tpl:      tpl,
		ready:    newReadiness(),
		flash:    newFlashCodec(d.Config.SessionKey),
	}
	a.learn = learning.New(d.Store, d.Library, d.Log)
	// Kept page parts of versions no longer served would stay for the life of the process.
	d.Library.AfterReload(func(*content.Catalog) { a.tpl.kept.forget() })
	// The library was loaded before the app existed: move learners to patch releases now, as
	// every later reload does.
	if _, err := a.learn.MovePatchReleases(context.Background()); err != nil {
		d.Log.Error("moving learners to new patch releases failed", "error", err)
	}
	a.api = api.New(api.Deps{Config: d.Config, Store: d.Store, Library: d.Library, Log: d.Log})
	if a.sso, err = newSSO(d); err != nil {
		return nil, err
	}
	a.fiber = fiber.New(fiber.Config{
		AppName:                 "ailit",
		Immutable:               true, // values from the context may outlive the request (GORM, logs)
		ReadTimeout:             30 * time.Second,
		WriteTimeout:            120 * time.Second, // large report exports stream for a while
		IdleTimeout:             120 * time.Second,
		BodyLimit:               32 << 20,
		ProxyHeader:             fiber.HeaderXForwardedFor,
		EnableTrustedProxyCheck: true,
		TrustedProxies:          d.Config.TrustedProxies,
		ErrorHandler:            a.handleError,
		DisableStartupMessage:   true,
	})
	a.registerRoutes()
	return a, nil
}

// API returns the REST API (its route table, for the route tests).
func (a *App) API() *api.API { return a.api }

// Fiber returns the underlying Fiber app (for tests and for serving).
func (a *App) Fiber() *fiber.App { return a.fiber }

// Listen serves on addr until ctx ends, then finishes requests in flight (up to grace) and returns.
// The caller closes the database only after Listen returned.
func (a *App) Listen(ctx context.Context, addr string, grace time.Duration) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	return a.Serve(ctx, ln, grace)
}

// Serve is Listen on an existing listener (tests listen on 127.0.0.1:0).
func (a *App) Serve(ctx context.Context, ln net.Listener, grace time.Duration) error {
	errc := make(chan error, 1)
	go func() { errc <- a.fiber.Listener(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		a.log.Info("shutting down: finishing requests in flight", "grace", grace)
		return a.fiber.ShutdownWithTimeout(grace)
	}
}
