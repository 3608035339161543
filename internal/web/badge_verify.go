package web

import (
	"io"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/badge"
	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/record"
)

// badgeVerifyPage is the public page that checks an Open Badge offline: pasted or uploaded.
type badgeVerifyPage struct {
	Token      string
	Checked    bool
	Credential *badge.Credential
	Status     record.Status // valid, expired or revoked: the completion's state now
	Gone       bool          // genuine, but the completion is no longer kept (superseded, deleted after its period)
	Issued     time.Time
	ValidUntil time.Time
}

// maxBadgeBytes bounds a pasted or uploaded badge; ours are a few kilobytes.
const maxBadgeBytes = 64 << 10

// badgeVerifyShow shows the form.
func (a *App) badgeVerifyShow(c *fiber.Ctx) error {
	c.Set("X-Robots-Tag", "noindex")
	return a.render(c, fiber.StatusOK, "verify_badge", badgeVerifyPage{}, nil)
}

// badgeVerifyCheck verifies a badge with the instance's public key, without any request elsewhere,
// and looks up whether the completion has been revoked or has expired since it was issued.
func (a *App) badgeVerifyCheck(c *fiber.Ctx) error {
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Set("X-Robots-Tag", "noindex")
	l := lang(c)
	token := strings.TrimSpace(c.FormValue("badge"))
	if fh, err := c.FormFile("file"); err == nil && fh.Size > 0 {
		if fh.Size > maxBadgeBytes {
			return a.render(c, fiber.StatusRequestEntityTooLarge, "verify_badge", badgeVerifyPage{}, map[string]string{"file": i18n.T(l, "badge.verify.too_large")})
		}
		f, err := fh.Open()
		if err != nil {
			return err
		}
		b, err := io.ReadAll(io.LimitReader(f, maxBadgeBytes))
		f.Close()
		if err != nil {
			return err
		}
		token = strings.TrimSpace(string(b))
	}
	page := badgeVerifyPage{Token: token}
	if token == "" || len(token) > maxBadgeBytes {
		return a.render(c, fiber.StatusUnprocessableEntity, "verify_badge", page, map[string]string{"badge": i18n.T(l, "badge.verify.required")})
	}
	cred, err := badge.Verify(token, a.signer.PublicKey())
	if err != nil {
		key := "badge.verify.invalid"
		if err == badge.ErrMalformed {
			key = "badge.verify.malformed"
		}
		return a.render(c, fiber.StatusUnprocessableEntity, "verify_badge", page, map[string]string{"badge": i18n.T(l, key)})
	}
	page.Checked, page.Credential = true, cred
	page.Issued, _ = time.Parse(time.RFC3339, cred.ValidFrom)
	if cred.ValidUntil != "" {
		page.ValidUntil, _ = time.Parse(time.RFC3339, cred.ValidUntil)
	}
	page.Status = record.Valid
	switch comp, err := a.db.CompletionByRecordID(c.UserContext(), cred.RecordID()); {
	case err == nil && comp.RevokedAt != nil:
		page.Status = record.Revoked
	case err == nil && !page.ValidUntil.IsZero() && !a.db.Now().Before(page.ValidUntil):
		page.Status = record.Expired
	case err != nil && domain.ErrorCode(err) == domain.ENOTFOUND:
		page.Gone = true // signed by us, but the completion was deleted after its retention period
	case err != nil:
		return err
	}
	return a.render(c, fiber.StatusOK, "verify_badge", page, nil)
}
