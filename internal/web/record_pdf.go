package web

import (
	"bytes"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/record"
)

// recordPDF sends the record of participation of one of the user's own completions. Another
// person's record id is answered as not found, so ids reveal nothing.
func (a *App) recordPDF(c *fiber.Ctx) error {
	u := currentUser(c)
	l := lang(c)
	comp, err := a.db.CompletionByRecordID(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	if comp.UserID != u.ID {
		return domain.Errorf(domain.ENOTFOUND, "completion not found")
	}
	if comp.RevokedAt != nil {
		return domain.Errorf(domain.ECONFLICT, "%s", i18n.T(l, "record.pdf.revoked"))
	}
	var buf bytes.Buffer
	if err := record.WritePDF(&buf, l, a.entryOf(comp.ID, a.recordOf(l, comp, u.DisplayName))); err != nil {
		return err
	}
	return sendPDF(c, buf.Bytes(), i18n.T(l, "record.pdf.filename", comp.CourseID, comp.Version))
}

// sendPDF sends a PDF as a download that is never cached (it holds personal data).
func sendPDF(c *fiber.Ctx, pdf []byte, filename string) error {
	c.Set(fiber.HeaderContentType, "application/pdf")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+filename+`"`)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(pdf)
}
