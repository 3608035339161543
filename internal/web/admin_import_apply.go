package web

import (
	"errors"
	"os"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/compliance"
	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/importer"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/form"
)

// adminImportApply applies a previewed file in one transaction and assigns newcomers. A mass
// deactivation is applied only with its number typed into the form; otherwise the preview comes
// back with the message next to the field.
func (a *App) adminImportApply(c *fiber.Ctx) error {
	id := c.Params("id")
	if !importID.MatchString(id) {
		return domain.Errorf(domain.ENOTFOUND, "import not found")
	}
	path := a.importFile(id)
	st, err := os.Stat(path)
	if err != nil || a.db.Now().Sub(st.ModTime()) > importTTL {
		os.Remove(path)
		webSession(c).flash(tr(lang(c))("import.expired"))
		return c.Redirect("/admin/import", fiber.StatusSeeOther)
	}
	f := form.ParseHRImport(formValues(c))
	if f.Validate() != nil {
		return domain.Errorf(domain.EINVALID, "unknown import mode") // the form sends a hidden, valid mode
	}
	mode := f.Mode
	file, err := os.Open(path)
	if err != nil {
		return err
	}
	rows, rowErrs, err := importer.Parse(file)
	file.Close()
	if err != nil {
		return err
	}
	plan, err := a.db.ApplyImport(c.UserContext(), rows, rowErrs, store.ImportOptions{Mode: mode, ConfirmedDeactivations: f.ConfirmedDeactivations()})
	var ue *importer.UnconfirmedError
	if errors.As(err, &ue) {
		p, _, perr := a.importPreview(c, id, mode)
		if perr != nil {
			return perr
		}
		p.Confirm = f.Confirm
		t := tr(lang(c))
		return a.render(c, fiber.StatusUnprocessableEntity, "admin_import", p, map[string]string{"confirm": t("import.confirm.wrong", ue.Deactivations)})
	} else if err != nil {
		return err
	}
	os.Remove(path)
	if _, err := a.db.SyncAllAssignments(c.UserContext(), compliance.Pin(a.lib)); err != nil {
		return err
	}
	a.log.Info("hr import applied", "by", currentUser(c).ID, "mode", mode, "created", len(plan.Creates), "updated", len(plan.Updates),
		"moved", len(plan.Moves), "deactivated", len(plan.Deactivations))
	webSession(c).flash(tr(lang(c))("import.applied", len(plan.Creates), len(plan.Updates), len(plan.Moves), len(plan.Deactivations)))
	return c.Redirect("/admin/org", fiber.StatusSeeOther)
}
