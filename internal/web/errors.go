package web

import (
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/api"
	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/store"
)

// retryAfterSeconds is what a 503 asks clients and load balancers to wait.
const retryAfterSeconds = "30"

// whatHappened picks the message that says what became of this request: a page that could not be
// shown changed nothing; a form that could not be handled was not saved (503: the database
// refused it) or may not have been (500: check before repeating). Never "your input is saved".
func whatHappened(c *fiber.Ctx, prefix string) string {
	switch c.Method() {
	case fiber.MethodGet, fiber.MethodHead:
		return prefix + ".read"
	}
	return prefix + ".write"
}

// statusOf maps application error codes to HTTP status: the one place where that happens.
func statusOf(err error) int {
	var fe *fiber.Error
	var ce *csrfError
	switch {
	case errors.As(err, &fe):
		return fe.Code
	case errors.As(err, &ce):
		return fiber.StatusForbidden
	}
	if store.Unavailable(err) {
		return fiber.StatusServiceUnavailable
	}
	switch domain.ErrorCode(err) {
	case domain.EINVALID:
		return fiber.StatusBadRequest
	case domain.EUNAUTHORIZED:
		return fiber.StatusUnauthorized
	case domain.EFORBIDDEN:
		return fiber.StatusForbidden
	case domain.ENOTFOUND:
		return fiber.StatusNotFound
	case domain.ECONFLICT:
		return fiber.StatusConflict
	case domain.ETOOMANY:
		return fiber.StatusTooManyRequests
	}
	return fiber.StatusInternalServerError
}

// handleError renders a friendly error page. Internal errors are logged with detail and shown
// without it.
func (a *App) handleError(c *fiber.Ctx, err error) error {
	if c.Path() == api.Prefix || strings.HasPrefix(c.Path(), api.Prefix+"/") {
		return api.WriteError(c, err) // e.g. a body over Fiber's own limit: a problem, not a page
	}
	status := statusOf(err)
	l := lang(c)
	var title, msg string
	var ce *csrfError
	switch {
	case errors.As(err, &ce):
		title, msg = i18n.T(l, "error.403.title"), i18n.T(l, "error.csrf")
	case status == fiber.StatusNotFound:
		title, msg = i18n.T(l, "error.404.title"), i18n.T(l, "error.404.text")
	case status == fiber.StatusForbidden:
		title, msg = i18n.T(l, "error.403.title"), i18n.T(l, "error.403.text")
	case status == fiber.StatusUnauthorized:
		title, msg = i18n.T(l, "error.401.title"), i18n.T(l, "error.401.text")
	case status == fiber.StatusMethodNotAllowed:
		title, msg = i18n.T(l, "error.405.title"), i18n.T(l, "error.405.text")
	case status == fiber.StatusRequestEntityTooLarge:
		title, msg = i18n.T(l, "error.413.title"), i18n.T(l, "error.413.text")
	case status == fiber.StatusServiceUnavailable:
		a.log.Error("request failed: database unavailable", "method", c.Method(), "path", c.Path(), "error", err)
		a.ready.writeFailed(a.db.Now())
		c.Set(fiber.HeaderRetryAfter, retryAfterSeconds)
		title, msg = i18n.T(l, "ops.error.503.title"), i18n.T(l, whatHappened(c, "ops.error.503"))
	case status >= 500:
		a.log.Error("request failed", "method", c.Method(), "path", c.Path(), "error", err)
		title, msg = i18n.T(l, "error.500.title"), i18n.T(l, whatHappened(c, "ops.error.500"))
	default:
		title, msg = i18n.T(l, "error.400.title"), domain.ErrorMessage(err)
		if key, args := domain.ErrorKey(err); key != "" {
			msg = i18n.T(l, key, args...) // the store's message in the reader's language
		}
	}
	if rerr := a.render(c, status, "error", map[string]string{"Title": title, "Message": msg}, nil); rerr != nil {
		a.log.Error("rendering error page", "error", rerr)
		return c.Status(status).SendString(title + "\n" + msg)
	}
	return nil
}
