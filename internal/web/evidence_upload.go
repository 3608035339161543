package web

import (
	"errors"
	"path/filepath"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/evidencefile"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/form"
)

// evidenceUpload stores a certificate the learner uploads: the fields are checked, the file's type
// by its content and its size; it waits for a manager of the learner's unit or an admin.
func (a *App) evidenceUpload(c *fiber.Ctx) error {
	u, t := currentUser(c), tr(lang(c))
	f := form.NewEvidenceUpload(formValues(c))
	offered, err := a.evidenceOptions(c.UserContext(), u.ID, t)
	if err != nil {
		return err
	}
	issued, errs := f.Validate(optionIDs(offered), i18n.Berlin, a.db.Now())
	msgs := errs.Translate(t)
	if msgs == nil {
		msgs = map[string]string{}
	}
	var stored *evidencefile.Stored
	var fileName string
	if fh, err := c.FormFile("file"); err != nil {
		msgs["file"] = t("evidence.err.nofile")
	} else if len(msgs) == 0 {
		fileName = cleanFileName(fh.Filename)
		src, err := fh.Open()
		if err != nil {
			return err
		}
		stored, err = a.evidence.Save(src)
		src.Close()
		switch {
		case errors.Is(err, evidencefile.ErrType):
			msgs["file"] = t("evidence.err.type")
		case errors.Is(err, evidencefile.ErrTooLarge):
			msgs["file"] = t("evidence.err.size")
		case errors.Is(err, evidencefile.ErrEmpty):
			msgs["file"] = t("evidence.err.empty")
		case err != nil:
			return err
		}
	}
	if len(msgs) > 0 {
		return a.renderEvidence(c, fiber.StatusUnprocessableEntity, f, msgs)
	}
	e := &store.ExternalEvidence{UserID: u.ID, MeasureID: f.MeasureID, Title: f.Title, Issuer: f.Issuer, IssuedOn: issued,
		FileName: fileName, StoredName: stored.Name, ContentType: stored.ContentType, SizeBytes: stored.Size, SHA256: stored.SHA256}
	if err := a.db.SubmitEvidence(c.UserContext(), e); err != nil {
		return err
	}
	a.log.Info("external evidence uploaded", "user_id", u.ID, "evidence_id", e.ID, "bytes", e.SizeBytes)
	webSession(c).flash(t("evidence.flash.uploaded", e.Title))
	return c.Redirect("/account/evidence", fiber.StatusSeeOther)
}

// cleanFileName keeps the base of an uploaded name for display ("..\\x/y.pdf" → "y.pdf"); it is
// never used as a path.
func cleanFileName(name string) string {
	name = filepath.Base(strings.ReplaceAll(name, `\`, "/"))
	if len(name) > 200 {
		name = name[len(name)-200:]
	}
	if name == "." || name == "/" {
		return "upload"
	}
	return name
}
