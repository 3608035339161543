package web

import (
	"fmt"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/interchange"
)

// loadedVersion is the catalog's version of a workspace folder; a folder with problems is not in
// the catalog, and exporting it would hand out what ailit itself refuses to serve.
func (a *App) loadedVersion(courseID, folder string) (*content.Version, error) {
	v, err := interchange.FindVersion(a.lib.Catalog(), courseID, folder)
	if err != nil {
		return nil, domain.Errorf(domain.EINVALID, "%s %s cannot be exported until the validator reports no problems for it", courseID, folder)
	}
	return v, nil
}

// workspaceQuizExport downloads a module's quiz as Moodle XML or as a QTI 2.1 package.
func (a *App) workspaceQuizExport(c *fiber.Ctx) error {
	courseID, folder, err := a.workspaceFolder(c)
	if err != nil {
		return err
	}
	format := c.Params("format")
	if format != interchange.FormatMoodleXML && format != interchange.FormatQTI {
		return domain.Errorf(domain.ENOTFOUND, "no export format %q", format)
	}
	v, err := a.loadedVersion(courseID, folder)
	if err != nil {
		return err
	}
	m := v.Module(c.Params("module"))
	if m == nil || m.Quiz == nil {
		return domain.Errorf(domain.ENOTFOUND, "no quiz in module %q", c.Params("module"))
	}
	data, err := interchange.ExportQuiz(format, m)
	if err != nil {
		return err
	}
	name, contentType := fmt.Sprintf("%s-%s-%s-moodle.xml", courseID, folder, m.ID), "application/xml"
	if format == interchange.FormatQTI {
		name, contentType = fmt.Sprintf("%s-%s-%s-qti21.zip", courseID, folder, m.ID), "application/zip"
	}
	c.Set(fiber.HeaderContentType, contentType)
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+name+`"`)
	return c.Send(data)
}
