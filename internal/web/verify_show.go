package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/record"
)

type verifyPage struct {
	Status   record.Status
	Record   record.Record
	ShowName bool
	Initials string
	// SubjectDeleted: the person's data was deleted; the record stays genuine (its signature does
	// not cover the name), and the page says it was issued to a person whose data is gone.
	SubjectDeleted bool
}

// maxRecordIDLength bounds the id looked up; record ids are 24 characters.
const maxRecordIDLength = 40

// verifyShow is the public verification page of a record of participation. It shows the details
// only when the id exists and the signature in the URL matches it; an unknown id and a wrong
// signature get the same "not valid" page, so ids cannot be probed.
func (a *App) verifyShow(c *fiber.Ctx) error {
	c.Set(fiber.HeaderCacheControl, "no-store") // a revocation must show at once
	c.Set("X-Robots-Tag", "noindex")
	l := lang(c)
	id, sig := c.Params("id"), c.Query("s")
	page := verifyPage{Status: record.Invalid}
	var r record.Record
	found, deleted := false, false
	if len(id) <= maxRecordIDLength {
		comp, err := a.db.CompletionByRecordID(c.UserContext(), id)
		switch {
		case err == nil:
			person, err := a.db.UserByID(c.UserContext(), comp.UserID)
			if err != nil {
				return err
			}
			r, found, deleted = a.recordOf(l, comp, person.DisplayName), true, person.DeletedAt != nil
		case domain.ErrorCode(err) != domain.ENOTFOUND:
			return err
		}
	}
	// Verify in both cases, so the time taken does not tell whether the id exists.
	if a.signer.Verify(r, sig) && found {
		page = verifyPage{Status: r.StatusAt(a.db.Now()), Record: r, ShowName: a.cfg.VerifyShowName && !deleted,
			Initials: record.Initials(r.PersonName), SubjectDeleted: deleted}
		if deleted {
			page.Initials = ""
		}
		if !page.ShowName {
			page.Record.PersonName = "" // never handed to the template
		}
		return a.render(c, fiber.StatusOK, "verify", page, nil)
	}
	return a.render(c, fiber.StatusNotFound, "verify", page, nil)
}
