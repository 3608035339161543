package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/store"
)

const localsTokenID = "api_token_id"

// endpoint authenticates and authorizes a call, then runs h; whatever goes wrong is answered as
// a problem here, so the call log sees the final status.
func (a *API) endpoint(scope Scope, h handler) fiber.Handler {
	return func(c *fiber.Ctx) error {
		var tok *store.APIToken
		if scope != scopePublic {
			var p *Problem
			if tok, p = a.authenticate(c); p == nil {
				p = a.authorize(c, tok, scope)
			}
			if p != nil {
				return writeProblem(c, p)
			}
		}
		if err := h(c, tok); err != nil {
			p := problemOf(err)
			if p.Status >= 500 {
				a.log.Error("api request failed", "method", c.Method(), "path", c.Path(), "error", err)
			}
			return writeProblem(c, p)
		}
		return nil
	}
}

// authenticate finds the token of the Authorization header (Bearer only: a token in the query
// string would end up in proxy logs). Missing, malformed, unknown, revoked and expired tokens are
// all 401; the detail says which, as the caller holds the token anyway.
func (a *API) authenticate(c *fiber.Ctx) (*store.APIToken, *Problem) {
	h := c.Get(fiber.HeaderAuthorization)
	if h == "" {
		return nil, unauthorized("This endpoint needs a service token: send it as \"Authorization: Bearer ailit_…\".")
	}
	scheme, secret, _ := strings.Cut(h, " ")
	secret = strings.TrimSpace(secret)
	if !strings.EqualFold(scheme, "Bearer") || !WellFormed(secret) {
		return nil, unauthorized("The Authorization header is not \"Bearer\" followed by an ailit token.")
	}
	tok, err := a.db.APITokenByHash(c.UserContext(), HashSecret(secret))
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		return nil, unauthorized("The token is not known to this installation.")
	} else if err != nil {
		return nil, problemOf(err)
	}
	c.Locals(localsTokenID, tok.ID)
	switch tok.Usable(a.db.Now()) {
	case "revoked":
		return nil, unauthorized("The token has been revoked.")
	case "expired":
		return nil, unauthorized("The token has expired.")
	}
	return tok, nil
}

// authorize checks the allow list, the rate limit and the scope, in that order: a call from a
// foreign address is not counted against the token's limit.
func (a *API) authorize(c *fiber.Ctx, tok *store.APIToken, scope Scope) *Problem {
	allow, err := ParseAllowList(tok.AllowIPs)
	if err != nil {
		return problemOf(err)
	}
	if ip := a.clientIP(c); !Allowed(allow, ip) {
		return forbidden("ip-not-allowed", "The token may not be used from %s.", ip)
	}
	window, retry := RateWindow(a.db.Now())
	calls, err := a.db.CountAPICall(c.UserContext(), tok.ID, window)
	if err != nil {
		return problemOf(err)
	}
	limit := tok.RatePerMinute
	c.Set("RateLimit-Limit", strconv.Itoa(limit))
	c.Set("RateLimit-Remaining", strconv.Itoa(max(0, limit-calls)))
	c.Set("RateLimit-Reset", strconv.Itoa(int(retry/time.Second)))
	if calls > limit {
		p := problem(http.StatusTooManyRequests, "rate-limited", "Too many requests",
			"The token may make %d calls per minute; wait %d seconds.", limit, int(retry/time.Second))
		p.retryAfter = retry
		return p
	}
	if !HasScope(tok.Scopes, scope) {
		return forbidden("scope-missing", "The token lacks the scope %q for this endpoint.", scope)
	}
	return nil
}

// logCall writes every call to the call log and the request log: token id, method, path (never
// the query string, which may name people), status and duration. The token is never logged.
func (a *API) logCall(c *fiber.Ctx) error {
	start := time.Now()
	err := c.Next()
	if err != nil { // not answered yet (a panic is recovered further out)
		err = writeProblem(c, problemOf(err))
	}
	call := &store.APICall{Method: c.Method(), Path: c.Path(), Status: c.Response().StatusCode(),
		DurationMS: time.Since(start).Milliseconds(), IP: a.clientIP(c)}
	tokenID := int64(0) // 0 in the request log: no known token
	if id, ok := c.Locals(localsTokenID).(int64); ok {
		call.TokenID, tokenID = &id, id
	}
	a.log.Info("api call", "token_id", tokenID, "method", call.Method, "path", call.Path,
		"status", call.Status, "duration_ms", call.DurationMS, "ip", call.IP)
	if lerr := a.db.LogAPICall(c.UserContext(), call); lerr != nil {
		a.log.Error("logging api call failed", "error", lerr)
	}
	return err
}
