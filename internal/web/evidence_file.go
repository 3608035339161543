package web

import (
	"io"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/store"
)

// evidenceFile sends the file of the learner's own upload.
func (a *App) evidenceFile(c *fiber.Ctx) error {
	id, _ := strconv.ParseInt(c.Params("id"), 10, 64)
	uploads, err := a.db.EvidenceUploadsOf(c.UserContext(), currentUser(c).ID)
	if err != nil {
		return err
	}
	for i := range uploads {
		if uploads[i].ID == id {
			return a.sendEvidenceFile(c, &uploads[i])
		}
	}
	return domain.Errorf(domain.ENOTFOUND, "no upload %d of this person", id)
}

// teamEvidenceFile sends the file of an upload to a reviewer whose units include its owner.
func (a *App) teamEvidenceFile(c *fiber.Ctx) error {
	id, _ := strconv.ParseInt(c.Params("id"), 10, 64)
	e, err := a.db.EvidenceForReview(c.UserContext(), store.ScopeOf(currentUser(c)), id)
	if err != nil {
		return err
	}
	return a.sendEvidenceFile(c, e)
}

// sendEvidenceFile sends a stored file as a download with its checked type (never rendered inline,
// so a crafted file cannot run in the platform's origin).
func (a *App) sendEvidenceFile(c *fiber.Ctx, e *store.ExternalEvidence) error {
	f, err := a.evidence.Open(e.StoredName)
	if err != nil {
		return domain.Errorf(domain.ENOTFOUND, "evidence file %d: %v", e.ID, err)
	}
	data, err := io.ReadAll(f) // at most evidencefile.MaxBytes
	f.Close()
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, e.ContentType)
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="nachweis-`+strconv.FormatInt(e.ID, 10)+extensionOf(e.ContentType)+`"`)
	c.Set("X-Content-Type-Options", "nosniff")
	return c.Send(data)
}
