package web

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"
)

// render writes the page straight into the response body; a template that fails halfway must
// leave nothing of the page there, so the error page that follows is all the browser gets.
func TestATemplateErrorLeavesNoHalfPageInTheResponse(t *testing.T) {
	t.Parallel()
	tpl, err := compiledTemplates()
	if err != nil {
		t.Fatal(err)
	}
	a := &App{tpl: tpl, version: "test"}
	f := fiber.New()
	var renderErr error
	f.Get("/", func(c *fiber.Ctx) error {
		// The layout is written up to the title, which needs the lesson page's data.
		renderErr = a.render(c, fiber.StatusOK, "lesson", "not a lesson page", nil)
		return nil
	})
	resp, err := f.Test(httptest.NewRequest(fiber.MethodGet, "/", nil), -1)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	if renderErr == nil || !strings.Contains(renderErr.Error(), "rendering lesson") {
		t.Errorf("render error %v, want one naming the lesson page", renderErr)
	}
	if len(body) != 0 {
		t.Errorf("the response keeps %d bytes of the broken page: %.60q…", len(body), body)
	}
}
