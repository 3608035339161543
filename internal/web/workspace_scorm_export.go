package web

import (
	"fmt"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/interchange"
)

// workspaceSCORMExport downloads a version as a SCORM 1.2 package for other learning platforms.
func (a *App) workspaceSCORMExport(c *fiber.Ctx) error {
	courseID, folder, err := a.workspaceFolder(c)
	if err != nil {
		return err
	}
	v, err := a.loadedVersion(courseID, folder)
	if err != nil {
		return err
	}
	data, err := interchange.ExportSCORM12(v)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/zip")
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="%s-%s-scorm12.zip"`, courseID, folder))
	return c.Send(data)
}
