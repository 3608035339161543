package api

import (
	_ "embed"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/store"
)

// OpenAPIDocument is the OpenAPI 3.1 description of the API, kept in the repository next to the
// routes it describes (a test holds the two together and validates it with an npm validator).
//
//go:embed openapi.json
var OpenAPIDocument []byte

// openAPIDocument serves the document. It is public: it describes the interface, holds no data,
// and integrators read it before they have a token.
func (a *API) openAPIDocument(c *fiber.Ctx, _ *store.APIToken) error {
	return sendCached(c, strongETag(OpenAPIDocument), fiber.MIMEApplicationJSON, OpenAPIDocument)
}
