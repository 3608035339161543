package web

import (
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/i18n"
	assets "github.com/ailit/ailit/web"
)

type legalPage struct {
	Title string
	HTML  template.HTML
}

var firstHeading = regexp.MustCompile(`(?m)^#\s+(.+)$`)

// legalShow serves the imprint, privacy and accessibility pages. The operator replaces the default
// text by putting NAME.LANG.md (e.g. impressum.de.md) into DATA_DIR/pages/.
func (a *App) legalShow(name string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		l := lang(c)
		src, err := a.legalSource(name, l)
		if err != nil {
			return err
		}
		html, err := content.RenderMarkdown(src, content.RenderOptions{Language: l})
		if err != nil {
			return err
		}
		title := i18n.T(l, "footer."+map[string]string{"impressum": "imprint", "datenschutz": "privacy", "barrierefreiheit": "accessibility"}[name])
		if m := firstHeading.FindSubmatch(src); m != nil {
			title = string(m[1])
		}
		return a.render(c, fiber.StatusOK, "legal", legalPage{Title: title, HTML: html}, nil)
	}
}

func (a *App) legalSource(name, lang string) ([]byte, error) {
	file := name + "." + lang + ".md"
	if b, err := os.ReadFile(filepath.Join(a.cfg.DataDir, "pages", file)); err == nil {
		return b, nil
	}
	return fs.ReadFile(assets.Pages, "pages/"+file)
}
