package api

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/store"
)

// ContentTypeProblem is the media type of RFC 9457 problem details.
const ContentTypeProblem = "application/problem+json"

// problemBase prefixes the type of each problem ailit defines; integration.md lists them.
const problemBase = "urn:ailit:problem:"

// Problem is an RFC 9457 problem details object. Errors names each invalid field by a JSON
// pointer into the request body (or the query parameter's name).
type Problem struct {
	Type     string       `json:"type"`
	Title    string       `json:"title"`
	Status   int          `json:"status"`
	Detail   string       `json:"detail,omitempty"`
	Instance string       `json:"instance,omitempty"`
	Errors   []FieldError `json:"errors,omitempty"`
	// Deactivations is how many people a mass deactivation would deactivate (confirmation-required).
	Deactivations int `json:"deactivations,omitempty"`

	retryAfter   time.Duration
	authenticate bool // 401: say how to authenticate
}

// FieldError is one invalid value.
type FieldError struct {
	Pointer string `json:"pointer"`
	Detail  string `json:"detail"`
}

func (p *Problem) Error() string { return fmt.Sprintf("%d %s: %s", p.Status, p.Title, p.Detail) }

// problem makes a problem of ailit's own type (slug) with a status and a detail.
func problem(status int, slug, title, detail string, args ...any) *Problem {
	return &Problem{Type: problemBase + slug, Title: title, Status: status, Detail: fmt.Sprintf(detail, args...)}
}

func unauthorized(detail string) *Problem {
	p := problem(http.StatusUnauthorized, "unauthorized", "Missing or invalid token", "%s", detail)
	p.authenticate = true
	return p
}

func forbidden(slug, detail string, args ...any) *Problem {
	return problem(http.StatusForbidden, slug, "Forbidden", detail, args...)
}

func invalid(detail string, errs ...FieldError) *Problem {
	p := problem(http.StatusUnprocessableEntity, "validation", "The request has invalid values", "%s", detail)
	p.Errors = errs
	return p
}

// problemOf turns any error a handler returns into a problem: its own, or the status the domain
// error code stands for. Internal errors are logged by the caller and described without detail.
func problemOf(err error) *Problem {
	var p *Problem
	if errors.As(err, &p) {
		return p
	}
	var fe *fiber.Error
	if errors.As(err, &fe) {
		return &Problem{Type: "about:blank", Title: http.StatusText(fe.Code), Status: fe.Code}
	}
	if store.Unavailable(err) {
		p := problem(http.StatusServiceUnavailable, "unavailable", "Database unavailable",
			"The database is not available at the moment; nothing was changed. Please try again later.")
		p.retryAfter = 30 * time.Second
		return p
	}
	switch domain.ErrorCode(err) {
	case domain.EINVALID:
		return problem(http.StatusBadRequest, "bad-request", "Bad request", "%s", domain.ErrorMessage(err))
	case domain.EUNAUTHORIZED:
		return unauthorized(domain.ErrorMessage(err))
	case domain.EFORBIDDEN:
		return forbidden("forbidden", "%s", domain.ErrorMessage(err))
	case domain.ENOTFOUND:
		return problem(http.StatusNotFound, "not-found", "Not found", "%s", domain.ErrorMessage(err))
	case domain.ECONFLICT:
		return problem(http.StatusConflict, "conflict", "Conflict", "%s", domain.ErrorMessage(err))
	case domain.ETOOMANY:
		return problem(http.StatusTooManyRequests, "rate-limited", "Too many requests", "%s", domain.ErrorMessage(err))
	}
	return problem(http.StatusInternalServerError, "internal", "Internal error",
		"The request failed on the server; it has been logged. A change may or may not have been saved: check before repeating it.")
}

// writeProblem answers with p as application/problem+json.
func writeProblem(c *fiber.Ctx, p *Problem) error {
	if p.Instance == "" {
		p.Instance = c.Path()
	}
	if p.retryAfter > 0 {
		c.Set(fiber.HeaderRetryAfter, strconv.Itoa(int((p.retryAfter+time.Second-1)/time.Second)))
	}
	if p.authenticate {
		c.Set(fiber.HeaderWWWAuthenticate, `Bearer realm="ailit API"`)
	}
	b, err := marshal(p)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, ContentTypeProblem)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Status(p.Status).Send(b)
}

// WriteError answers an error that happened before an API handler ran (a body over Fiber's own
// limit, a panic) as a problem: internal/web's error handler calls it for paths under /api/.
func WriteError(c *fiber.Ctx, err error) error {
	p := problemOf(err)
	if p.Status == http.StatusRequestEntityTooLarge {
		p = tooLarge()
	}
	return writeProblem(c, p)
}

func tooLarge() *Problem {
	return problem(http.StatusRequestEntityTooLarge, "body-too-large", "Request body too large",
		"The body is larger than %d MiB and was not read; nothing was changed. Send the list in parts with mode=add-update.", MaxBodyBytes>>20)
}
