package web

import (
	"bytes"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path"
	"regexp"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"

	"github.com/ailit/ailit/internal/scorm"
)

// packagePolicy is the Content-Security-Policy of a package's files. Packages made by authoring
// tools need inline scripts, inline styles and eval, so they get them here and nowhere else. The
// sandbox directive gives the frame an opaque origin even when the file is opened on its own, so
// the package never runs with the platform's origin: it reads no cookies and no platform pages.
// connect-src 'self' lets the adapter reach /pkg/<token>/api; nothing reaches other servers.
const packagePolicy = "sandbox allow-scripts allow-forms; default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; " +
	"style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob:; font-src 'self' data:; " +
	"connect-src 'self'; frame-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; " +
	"form-action 'self'; frame-ancestors 'self'"

var (
	headOpenTag = regexp.MustCompile(`(?i)<head(\s[^>]*)?>`)
	htmlOpenTag = regexp.MustCompile(`(?i)<html(\s[^>]*)?>`)
)

// packageFile serves a file of the package of the launch the token belongs to. It runs before the
// session middleware and ignores cookies: the token is the credential. An HTML page gets the
// SCORM API adapter as its first script, so the package finds window.API / window.API_1484_11 in
// its own window.
func (a *App) packageFile(c *fiber.Ctx) error {
	at, err := a.db.PackageAttemptByToken(c.UserContext(), c.Params("token"))
	if err != nil {
		return err
	}
	t := a.learn.TargetOf(at)
	if t == nil {
		return packageNotFound(c)
	}
	rel, err := url.PathUnescape(c.Params("*"))
	if err != nil {
		return packageNotFound(c)
	}
	abs, err := t.Version.PackageFilePath(t.Module, rel)
	if err != nil {
		return packageNotFound(c)
	}
	h := &c.Response().Header
	h.Set(fiber.HeaderContentSecurityPolicy, packagePolicy)
	h.Set(fiber.HeaderXFrameOptions, "SAMEORIGIN")
	h.Set("Referrer-Policy", "no-referrer") // the token is in the URL
	h.Set(fiber.HeaderCacheControl, "private, no-store")
	h.Set(fiber.HeaderXContentTypeOptions, "nosniff")
	contentType := mime.TypeByExtension(path.Ext(rel))
	if contentType == "" {
		contentType = "application/octet-stream"
	}
	// cmi5 AUs talk xAPI themselves (package_xapi.go); only SCORM pages get the adapter.
	if mt, _, _ := mime.ParseMediaType(contentType); mt == "text/html" && t.Attempt.Kind != scorm.KindCMI5 {
		page, err := os.ReadFile(abs)
		if err != nil {
			return packageNotFound(c)
		}
		c.Set(fiber.HeaderContentType, "text/html; charset=utf-8")
		return c.Send(injectAdapter(page, a.tpl.assets.URL("scorm-api.js"), t.Attempt.Kind, "/pkg/"+c.Params("token")+"/api"))
	}
	f, err := os.Open(abs)
	if err != nil {
		return packageNotFound(c)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return packageNotFound(c)
	}
	return adaptor.HTTPHandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		http.ServeContent(w, r, "", info.ModTime(), f)
	})(c)
}

// injectAdapter puts the adapter script right after <head> (or <html>, or at the start), before
// any script of the package runs.
func injectAdapter(page []byte, src, kind, api string) []byte {
	tag := []byte(`<script src="` + src + `" data-ailit-kind="` + kind + `" data-ailit-api="` + api + `"></script>`)
	at := 0
	if loc := headOpenTag.FindIndex(page); loc != nil {
		at = loc[1]
	} else if loc := htmlOpenTag.FindIndex(page); loc != nil {
		at = loc[1]
	}
	return bytes.Join([][]byte{page[:at], tag, page[at:]}, nil)
}

func packageNotFound(c *fiber.Ctx) error {
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Status(fiber.StatusNotFound).SendString("Nicht gefunden / Not found")
}
