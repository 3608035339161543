package web

import (
	"io/fs"
	"mime"
	"path"

	"github.com/gofiber/fiber/v2"

	assets "github.com/ailit/ailit/web"
)

// staticFile serves embedded files. Fingerprinted names are cached for a year; plain names (fonts
// referenced from CSS) for a day.
func (a *App) staticFile(c *fiber.Ctx) error {
	name := c.Params("*")
	cache := "public, max-age=86400"
	if orig, ok := a.tpl.assets.original(name); ok {
		name, cache = orig, "public, max-age=31536000, immutable"
	}
	b, err := fs.ReadFile(assets.Static, path.Join("static", path.Clean("/" + name)[1:]))
	if err != nil {
		return fiber.ErrNotFound
	}
	if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
		c.Set(fiber.HeaderContentType, ct)
	}
	c.Set(fiber.HeaderCacheControl, cache)
	return c.Send(b)
}
