package web

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"mime/multipart"
	"os"
	"path/filepath"
	"regexp"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/importer"
	"github.com/ailit/ailit/internal/web/form"
)

// importTTL is how long an uploaded file waits for "Übernehmen".
const importTTL = time.Hour

// MaxImportUpload is the largest HR file the upload page takes (16 MiB, about 150,000 people).
// Larger files are imported with `ailit users import`, which streams any size.
const MaxImportUpload = 16 << 20

// multipartOverhead is what the form around the file may add to the request body.
const multipartOverhead = 64 << 10

var importID = regexp.MustCompile(`^[0-9a-f]{32}$`)

type importPage struct {
	ID      string
	Plan    *importer.Plan
	Errors  []string
	Mode    importer.Mode
	Modes   []importer.Mode
	Confirm string // what was typed into the confirmation field
}

func newImportPage(mode importer.Mode) importPage {
	return importPage{Mode: mode, Modes: []importer.Mode{importer.ModeFullList, importer.ModeAddAndUpdate}}
}

func (a *App) importDir() string { return filepath.Join(a.cfg.DataDir, "imports") }

// adminImportShow shows the upload form.
func (a *App) adminImportShow(c *fiber.Ctx) error {
	return a.render(c, fiber.StatusOK, "admin_import", newImportPage(importer.ModeFullList), nil)
}

// adminImportPreview keeps the upload under a random id and shows the dry run. A file over
// MaxImportUpload is refused from its announced size, before it is read.
func (a *App) adminImportPreview(c *fiber.Ctx) error {
	t := tr(lang(c))
	tooBig := map[string]string{"file": t("import.err.too_big", MaxImportUpload>>20)}
	if c.Request().Header.ContentLength() > MaxImportUpload+multipartOverhead {
		return a.render(c, fiber.StatusRequestEntityTooLarge, "admin_import", newImportPage(importer.ModeFullList), tooBig)
	}
	f := form.ParseHRImport(formValues(c))
	if errs := f.Validate(); errs != nil {
		return a.render(c, fiber.StatusUnprocessableEntity, "admin_import", newImportPage(importer.ModeFullList), errs.Translate(t))
	}
	mode := f.Mode
	fh, err := c.FormFile("file")
	if err != nil {
		return a.render(c, fiber.StatusUnprocessableEntity, "admin_import", newImportPage(mode), map[string]string{"file": t("import.err.nofile")})
	}
	if fh.Size > MaxImportUpload {
		return a.render(c, fiber.StatusRequestEntityTooLarge, "admin_import", newImportPage(mode), tooBig)
	}
	b := make([]byte, 16)
	rand.Read(b)
	id := hex.EncodeToString(b)
	a.cleanImports()
	if err := a.keepUpload(fh, id); err != nil {
		return err
	}
	p, fe, err := a.importPreview(c, id, mode)
	if err != nil || fe != nil || !p.Plan.Ok() {
		os.Remove(a.importFile(id))
	}
	if err != nil {
		return err
	}
	if fe != nil {
		return a.render(c, fiber.StatusUnprocessableEntity, "admin_import", newImportPage(mode), map[string]string{"file": t(fe.Key, fe.Args...)})
	}
	status := fiber.StatusOK
	if !p.Plan.Ok() {
		status, p.ID = fiber.StatusUnprocessableEntity, ""
	}
	return a.render(c, status, "admin_import", p, nil)
}

func (a *App) importFile(id string) string { return filepath.Join(a.importDir(), id+".csv") }

// keepUpload copies the uploaded file to the imports folder, never holding it in memory whole.
func (a *App) keepUpload(fh *multipart.FileHeader, id string) error {
	src, err := fh.Open()
	if err != nil {
		return err
	}
	defer src.Close()
	if err := os.MkdirAll(a.importDir(), 0o700); err != nil {
		return err
	}
	dst, err := os.OpenFile(a.importFile(id), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, io.LimitReader(src, MaxImportUpload)); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}

// importPreview parses a kept file and plans it: the page, or the problem that stops reading it.
func (a *App) importPreview(c *fiber.Ctx, id string, mode importer.Mode) (importPage, *importer.FileError, error) {
	f, err := os.Open(a.importFile(id))
	if err != nil {
		return importPage{}, nil, err
	}
	defer f.Close()
	rows, rowErrs, err := importer.Parse(f)
	var fe *importer.FileError
	if errors.As(err, &fe) {
		return importPage{}, fe, nil
	} else if err != nil {
		return importPage{}, nil, err
	}
	plan, err := a.db.PlanImport(c.UserContext(), rows, rowErrs, mode)
	if err != nil {
		return importPage{}, nil, err
	}
	t := tr(lang(c))
	p := newImportPage(mode)
	p.ID, p.Plan = id, plan
	for _, e := range plan.Errors {
		p.Errors = append(p.Errors, t(e.Key, e.Args...))
	}
	return p, nil, nil
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

// MaxMB is the upload limit in MiB, for the hint under the file field.
func (importPage) MaxMB() int { return MaxImportUpload >> 20 }
