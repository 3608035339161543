// Package api is ailit's REST API v1 under /api/v1 for systems that integrate (HR, a learning
// record store's sync job, a document management system): service tokens with scopes, an IP allow
// list and a rate limit counted in the database, JSON in and out, RFC 9457 problem details for
// every error, cursor pagination and ETags. It shares no session, cookie or CSRF token with the
// HTML pages (internal/web mounts it before its session middleware). The OpenAPI 3.1 document
// openapi.json describes every route in routes.go; a test holds the two together.
package api

import (
	"log/slog"

	"github.com/ailit/ailit/internal/config"
	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/store"
)

// Prefix is where the API is mounted.
const Prefix = "/api/v1"

// MaxBodyBytes is the largest request body the API reads (8 MiB: a list of about 40,000 people).
// Larger lists are sent in parts with mode=add-update, or imported with `ailit users import`.
const MaxBodyBytes = 8 << 20

// Deps are what the API needs from the outside.
type Deps struct {
	Config  config.Config
	Store   *store.Store
	Library *content.Library
	Log     *slog.Logger
}

// API serves /api/v1.
type API struct {
	cfg    config.Config
	db     *store.Store
	lib    *content.Library
	log    *slog.Logger
	routes []Route
}

// New builds the API; Mount registers its routes.
func New(d Deps) *API {
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	return &API{cfg: d.Config, db: d.Store, lib: d.Library, log: d.Log}
}
