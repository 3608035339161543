package web

import (
	"errors"
	"net/url"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/record"
)

type verifyCodePage struct {
	Code string
}

// Unmatched short codes per address and window before the form stops looking codes up: far more
// than a clerk mistypes, far too few to guess the 40 bits of a code.
const (
	verifyCodeKey     = "verify:"
	verifyCodeCeiling = 30
)

// verifyCode is the public form where a clerk types the short code printed on a paper record
// ("4711-K3QZ-8M2D-X"). A GET form, since it changes nothing: a code that belongs to a record
// leads to that record's verification page; a mistyped one is refused with the reason.
func (a *App) verifyCode(c *fiber.Ctx) error {
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Set("X-Robots-Tag", "noindex")
	l := lang(c)
	in := strings.TrimSpace(c.Query("code"))
	page := verifyCodePage{Code: in}
	if in == "" {
		if c.Context().QueryArgs().Has("code") {
			return a.render(c, fiber.StatusUnprocessableEntity, "verify_code", page, map[string]string{"code": i18n.T(l, "ops.verify.code.required")})
		}
		return a.render(c, fiber.StatusOK, "verify_code", page, nil)
	}
	var number int64
	var code string
	err := record.ErrShortCodeFormat
	if len(in) <= 60 {
		number, code, err = record.ParseShortCode(in)
	}
	switch {
	case errors.Is(err, record.ErrShortCodeCheck):
		return a.render(c, fiber.StatusUnprocessableEntity, "verify_code", page, map[string]string{"code": i18n.T(l, "ops.verify.code.typo")})
	case err != nil:
		return a.render(c, fiber.StatusUnprocessableEntity, "verify_code", page, map[string]string{"code": i18n.T(l, "ops.verify.code.format")})
	}
	ctx := c.UserContext()
	since := a.db.Now().Add(-a.login.Window)
	key := verifyCodeKey + c.IP()
	if n, _, err := a.db.ThrottleWindow(ctx, key, since); err != nil {
		return err
	} else if n >= verifyCodeCeiling {
		c.Set(fiber.HeaderRetryAfter, strconv.Itoa(int(a.login.Window.Seconds())))
		return a.render(c, fiber.StatusTooManyRequests, "verify_code", page, map[string]string{"code": i18n.T(l, "ops.verify.code.throttled")})
	}
	comp, err := a.db.CompletionByID(ctx, number)
	if err != nil && domain.ErrorCode(err) != domain.ENOTFOUND {
		return err
	}
	if err == nil {
		r := a.recordOf(l, comp, "")
		if a.signer.VerifyShortCode(r, code) {
			return c.Redirect("/verify/"+url.PathEscape(r.ID)+"?s="+a.signer.Sign(r), fiber.StatusSeeOther)
		}
	}
	if err := a.db.RecordFailure(ctx, since, key); err != nil {
		return err
	}
	return a.render(c, fiber.StatusNotFound, "verify_code", page, map[string]string{"code": i18n.T(l, "ops.verify.code.unknown")})
}
