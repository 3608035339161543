package web

import (
	"net/http"
	"net/url"
	"os"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/domain"
)

// mediaPolicy is the Content-Security-Policy of a media file opened on its own: a sandbox, so a
// file that could carry script never runs it on our origin. PDFs are left out because browsers'
// built-in PDF viewers refuse to work in a sandbox; PDFs get the site-wide policy.
const mediaPolicy = "sandbox; default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'"

// courseFile serves a media file from inside a published version's folder. Version.FilePath
// refuses "..", absolute paths, symbolic links that leave the folder and types that are not served,
// so the URL can never reach another file. A published version never changes, so the file is
// cached for a year.
func (a *App) courseFile(c *fiber.Ctx) error {
	v, err := publishedVersion(a.lib.Catalog(), c)
	if err != nil {
		return err
	}
	rel, err := url.PathUnescape(c.Params("*")) // Fiber routes on the raw path: "%2e%2e" arrives as is
	if err != nil {
		return domain.Errorf(domain.ENOTFOUND, "bad file path %q", c.Params("*"))
	}
	abs, err := v.FilePath(rel)
	if err != nil {
		return domain.Errorf(domain.ENOTFOUND, "%v", err)
	}
	contentType, _ := content.MediaType(rel)
	return serveMedia(c, abs, contentType, "public, max-age=31536000, immutable")
}

// serveMedia sends a media file with its type, the given caching, nosniff and the sandbox policy.
// http.ServeContent answers range requests, which browsers need to seek in audio and video.
func serveMedia(c *fiber.Ctx, abs, contentType, cacheControl string) error {
	f, err := os.Open(abs)
	if err != nil {
		return domain.Errorf(domain.ENOTFOUND, "%v", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		return domain.Errorf(domain.ENOTFOUND, "not a file")
	}
	c.Set(fiber.HeaderCacheControl, cacheControl)
	c.Set(fiber.HeaderXContentTypeOptions, "nosniff")
	if contentType != "application/pdf" {
		c.Set(fiber.HeaderContentSecurityPolicy, mediaPolicy)
	}
	return adaptor.HTTPHandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		http.ServeContent(w, r, "", info.ModTime(), f)
	})(c)
}
