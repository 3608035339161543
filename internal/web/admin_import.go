package web

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/compliance"
	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/importer"
)

// importTTL is how long an uploaded file waits for "Übernehmen".
const importTTL = time.Hour

var importID = regexp.MustCompile(`^[0-9a-f]{32}$`)

type importPage struct {
	ID     string
	Plan   *importer.Plan
	Errors []string
}

func (a *App) importDir() string { return filepath.Join(a.cfg.DataDir, "imports") }

// adminImportShow shows the upload form.
func (a *App) adminImportShow(c *fiber.Ctx) error {
	return a.render(c, fiber.StatusOK, "admin_import", importPage{}, nil)
}

// adminImportPreview reads the upload, keeps it under a random id and shows the dry run.
func (a *App) adminImportPreview(c *fiber.Ctx) error {
	t := tr(lang(c))
	fh, err := c.FormFile("file")
	if err != nil {
		return a.render(c, fiber.StatusUnprocessableEntity, "admin_import", importPage{}, map[string]string{"file": t("import.err.nofile")})
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, 16<<20))
	if err != nil {
		return err
	}
	rows, rowErrs, err := importer.Parse(bytes.NewReader(data))
	var fe *importer.FileError
	if errors.As(err, &fe) {
		return a.render(c, fiber.StatusUnprocessableEntity, "admin_import", importPage{}, map[string]string{"file": t(fe.Key, fe.Args...)})
	} else if err != nil {
		return err
	}
	plan, err := a.db.PlanImport(c.UserContext(), rows, rowErrs)
	if err != nil {
		return err
	}
	p := importPage{Plan: plan}
	for _, e := range plan.Errors {
		p.Errors = append(p.Errors, t(e.Key, e.Args...))
	}
	if plan.Ok() {
		b := make([]byte, 16)
		rand.Read(b)
		p.ID = hex.EncodeToString(b)
		a.cleanImports()
		if err := os.MkdirAll(a.importDir(), 0o700); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(a.importDir(), p.ID+".csv"), data, 0o600); err != nil {
			return err
		}
	}
	status := fiber.StatusOK
	if !plan.Ok() {
		status = fiber.StatusUnprocessableEntity
	}
	return a.render(c, status, "admin_import", p, nil)
}

// adminImportApply applies a previewed file in one transaction and assigns newcomers.
func (a *App) adminImportApply(c *fiber.Ctx) error {
	id := c.Params("id")
	if !importID.MatchString(id) {
		return domain.Errorf(domain.ENOTFOUND, "import not found")
	}
	path := filepath.Join(a.importDir(), id+".csv")
	st, err := os.Stat(path)
	if err != nil || a.db.Now().Sub(st.ModTime()) > importTTL {
		os.Remove(path)
		webSession(c).flash(tr(lang(c))("import.expired"))
		return c.Redirect("/admin/import", fiber.StatusSeeOther)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	rows, rowErrs, err := importer.Parse(bytes.NewReader(data))
	if err != nil {
		return err
	}
	plan, err := a.db.ApplyImport(c.UserContext(), rows, rowErrs, nil)
	if err != nil {
		return err
	}
	os.Remove(path)
	if _, err := a.db.SyncAllAssignments(c.UserContext(), compliance.Pin(a.lib)); err != nil {
		return err
	}
	a.log.Info("hr import applied", "by", currentUser(c).ID, "created", len(plan.Creates), "updated", len(plan.Updates),
		"moved", len(plan.Moves), "deactivated", len(plan.Deactivations))
	webSession(c).flash(tr(lang(c))("import.applied", len(plan.Creates), len(plan.Updates), len(plan.Moves), len(plan.Deactivations)))
	return c.Redirect("/admin/org", fiber.StatusSeeOther)
}

// cleanImports removes uploads older than importTTL.
func (a *App) cleanImports() {
	entries, _ := os.ReadDir(a.importDir())
	for _, e := range entries {
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > importTTL {
			os.Remove(filepath.Join(a.importDir(), e.Name()))
		}
	}
}
